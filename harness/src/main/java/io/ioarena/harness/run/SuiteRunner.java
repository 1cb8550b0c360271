package io.ioarena.harness.run;

import io.ioarena.contract.ContractJson;
import io.ioarena.harness.capacity.CapacityRecord;
import io.ioarena.harness.capacity.CapacitySearch;
import io.ioarena.harness.capacity.ProbeOutcome;
import io.ioarena.harness.results.AtomicFiles;
import io.ioarena.harness.results.Manifest;
import io.ioarena.harness.results.PointResult;
import io.ioarena.harness.results.PointStatus;
import io.ioarena.harness.results.ResultStore;
import io.ioarena.harness.results.Tables;
import io.ioarena.harness.results.RunStatus;
import io.ioarena.harness.suite.CapacitySettings;
import io.ioarena.harness.suite.Durations;
import io.ioarena.harness.suite.Suite;
import io.ioarena.protocol.conformance.ConformanceCase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a planned suite into a results folder: the conformance gate per server, then every point in plan order,
 * saving each point, the tables and the manifest as soon as it finishes, so an interrupted suite leaves every
 * finished point readable and {@code --resume} completes it.
 */
public final class SuiteRunner
{
    public static final int EXIT_OK = 0;
    public static final int EXIT_POINTS_FAILED = 1;
    public static final int EXIT_INTERRUPTED = 130;

    private final Suite suite;
    private final Plan plan;
    private final ResultStore store;
    private final ServerCatalog catalog;
    private final Points points;
    private final Cancellation cancellation;
    private final Progress progress;
    private Manifest manifest;
    /** Every point by id: the plan's, then the capacity searches' further probes as they run. */
    private final Map<String, PlannedPoint> planned = new LinkedHashMap<>();
    private final Map<String, PointStatus> pointStatus = new LinkedHashMap<>();
    private final Map<String, String> pointReason = new LinkedHashMap<>();
    private final Map<String, ConformanceGate.Verdict> verdicts = new LinkedHashMap<>();
    private GateCache gateCache;
    private int gateParallelism = 1;

    /** @param manifest the manifest so far (environment, policy, suite); this runner keeps it up to date. */
    public SuiteRunner(final Suite suite, final Plan plan, final ResultStore store, final ServerCatalog catalog,
        final Points points, final Cancellation cancellation, final Progress progress,
        final Manifest manifest)
    {
        this.suite = suite;
        this.plan = plan;
        this.store = store;
        this.catalog = catalog;
        this.points = points;
        this.cancellation = cancellation;
        this.progress = progress;
        this.manifest = manifest;
        plan.points().forEach(p ->
        {
            planned.put(p.id(), p);
            pointStatus.put(p.id(), PointStatus.PENDING);
        });
    }

    /** Reuse passed verdicts from {@code cache} (null: never) and gate up to {@code parallelism} servers at once. */
    public SuiteRunner gateOptions(final GateCache cache, final int parallelism)
    {
        this.gateCache = cache;
        this.gateParallelism = Math.max(1, parallelism);
        return this;
    }

    public int run() throws IOException, InterruptedException
    {
        manifest = manifest.withStatus(RunStatus.RUNNING, manifest.endedAt());
        saveManifest();
        try
        {
            gate();
            measure();
        }
        catch (final Cancellation.CancelledException e)
        {
            progress.note("interrupted: every process the suite started was stopped; finished points are kept. " +
                "Complete the suite with: scripts/bench --resume " + store.dir());
            end(RunStatus.INTERRUPTED);
            return EXIT_INTERRUPTED;
        }
        catch (final IOException e)
        {
            progress.note("stopped: " + e.getMessage() + ". Every finished point is kept; once that is fixed, " +
                "complete the suite with: scripts/bench --resume " + store.dir());
            endAfter(e);
            throw e;
        }
        catch (final InterruptedException | RuntimeException e)
        {
            endAfter(e);
            throw e;
        }
        end(RunStatus.COMPLETED);
        return pointStatus.values().stream().allMatch(PointStatus.OK::equals) ? EXIT_OK : EXIT_POINTS_FAILED;
    }

    /**
     * Records an INTERRUPTED end after {@code failure} where it can. A full file system fails these files as well:
     * the first failure is the one to show, so theirs ride on it.
     */
    private void endAfter(final Exception failure)
    {
        try
        {
            end(RunStatus.INTERRUPTED);
        }
        catch (final IOException alsoFailed)
        {
            failure.addSuppressed(alsoFailed);
        }
    }

    /** Records how the run ended: the tables from every finished point, and the manifest with its status. */
    private void end(final RunStatus status) throws IOException
    {
        manifest = manifest.withStatus(status, Instant.now().toString());
        store.writeTables();
        saveManifest();
    }

    private void gate() throws IOException, Cancellation.CancelledException, InterruptedException
    {
        if (!suite.conformance())
        {
            progress.note("conformance gate: OFF (the manifest records it)");
            return;
        }
        final ConformanceGate gate = new ConformanceGate();
        final List<ConformanceCase> cases = ConformanceGate.cases(suite);
        final List<String> toCheck = new ArrayList<>();
        for (final String server : plan.servers())
        {
            final Path file = store.dir().resolve(ResultStore.verdict(server));
            final List<String> command = gateKey(catalog, server, cases);
            Optional<ConformanceGate.Verdict> known = Files.isRegularFile(file)
                ? Optional.of(ContractJson.mapper().readValue(file.toFile(), ConformanceGate.Verdict.class))
                : Optional.empty();
            if (known.isEmpty() && gateCache != null)
            {
                known = gateCache.get(server, command);
                if (known.isPresent())
                {
                    store.writeJson(ResultStore.verdict(server), known.get());
                    progress.note("conformance gate: " + server + " PASSED earlier with the same code and kit " +
                        "(cached; delete results/.gate-cache to re-check)");
                }
            }
            if (known.isPresent())
            {
                verdicts.put(server, known.get());
            }
            else
            {
                toCheck.add(server);
            }
        }
        if (!toCheck.isEmpty())
        {
            progress.note("conformance gate: " + cases.size() + " cases (" + suite.gateScope() + ") for " +
                String.join(", ", toCheck) + ", " + gateParallelism + " servers at a time ...");
        }
        final ExecutorService pool = Executors.newFixedThreadPool(gateParallelism,
            r -> Thread.ofPlatform().daemon().name("gate").unstarted(r));
        try
        {
            final Map<String, Future<ConformanceGate.Verdict>> running = new LinkedHashMap<>();
            for (final String server : toCheck)
            {
                running.put(server, pool.submit(() -> gate.check(server, points.gateLauncher(server), cases)));
            }
            for (final Map.Entry<String, Future<ConformanceGate.Verdict>> e : running.entrySet())
            {
                final ConformanceGate.Verdict verdict;
                try
                {
                    verdict = e.getValue().get();
                }
                catch (final ExecutionException ex)
                {
                    throw new IOException("the conformance gate for " + e.getKey() + " broke: " + ex.getCause(),
                        ex.getCause());
                }
                cancellation.check();
                store.writeJson(ResultStore.verdict(e.getKey()), verdict);
                if (gateCache != null)
                {
                    gateCache.put(gateKey(catalog, e.getKey(), cases), verdict);
                }
                verdicts.put(e.getKey(), verdict);
                progress.note("conformance gate: " + e.getKey() + " " + verdict.status() + " (" +
                    verdict.cases().size() + " cases, " + Durations.human(java.time.Duration.ofMillis(
                    verdict.millis())) + ")" + (verdict.passed() ? "" : ": " + verdict.failures().stream().limit(3)
                    .map(c -> c.caseId() + ": " + c.detail()).toList() + " -> not measured"));
                manifestGate();
                saveManifest();
            }
        }
        finally
        {
            pool.shutdownNow();
        }
        manifestGate();
        saveManifest();
    }

    /** {@link #gateKey(List, List)} for {@code server}'s gate command in {@code catalog}. */
    static List<String> gateKey(final ServerCatalog catalog, final String server, final List<ConformanceCase> cases)
    {
        return gateKey(catalog.gate(server).words(), cases);
    }

    /**
     * What a cached verdict is looked up by ({@link GateCache}, which adds the files the command names and the kit's
     * own classes): the gate's server command and the services and framings whose cases ran. Not the case names: the
     * network fuzz's carries a fresh seed in every run, and with it in the key no verdict was ever found again; the
     * kit's classes already decide which cases a service and framing has.
     */
    static List<String> gateKey(final List<String> command, final List<ConformanceCase> cases)
    {
        final List<String> key = new ArrayList<>(command);
        cases.stream().map(c -> c.service().cliName() + "/" + c.framing().cliName()).distinct().forEach(key::add);
        return key;
    }

    private void measure() throws IOException, InterruptedException, Cancellation.CancelledException
    {
        if (suite.capacity() != null)
        {
            searchCapacity();
            return;
        }
        int i = 0;
        for (final PlannedPoint p : plan.points())
        {
            measureOne(++i, p);
        }
    }

    /**
     * A capacity suite: each planned point is the first probe of one search ({@link CapacitySearch}), whose further
     * probes run on the same warmed trial, as points of their own. A search's record is written when it ends; a
     * resumed suite skips the searches that have one and reuses the finished probes of the one it was in.
     */
    private void searchCapacity() throws IOException, InterruptedException, Cancellation.CancelledException
    {
        final CapacitySettings settings = suite.capacity();
        int i = 0;
        for (final PlannedPoint first : plan.points())
        {
            final Path file = CapacityRecord.file(first.spec(), first.repetition());
            if (Files.isRegularFile(store.dir().resolve(file)))
            {
                final CapacityRecord done = ContractJson.read(store.dir().resolve(file), CapacityRecord.class);
                for (int k = 0; k < done.probeIds().size(); k++)
                {
                    final int probe = k + 1;
                    store.finished(done.probeIds().get(k)).ifPresent(p -> known(new PlannedPoint(p.seq(), p.spec(),
                        p.repetition(), probe), p));
                }
                progress.skipped(i += done.probeIds().size());
                points.expect(first, -1);
                continue;
            }
            final CapacitySearch search = new CapacitySearch(settings);
            final List<String> ids = new ArrayList<>();
            int ran = 0;
            // the trial stays up for every probe the search may run, and ends when the last search on it has
            points.expect(first, settings.maxProbes() - 1);
            try
            {
                while (search.next().isPresent())
                {
                    final int probe = ids.size() + 1;
                    final PlannedPoint p = new PlannedPoint(++i, search.axis().probe(first.spec(),
                        search.next().getAsDouble(), settings), first.repetition(), probe);
                    ids.add(p.id());
                    ran += store.finished(p.id()).isPresent() ? 0 : 1;
                    final PointResult result = measureOne(i, p);
                    search.record(ProbeOutcome.of(result, store.summary(result).orElse(null), suite.validity()));
                }
            }
            finally
            {
                // each probe run released the trial once; a probe an earlier run finished did not
                points.expect(first, -(settings.maxProbes() - ran));
            }
            store.writeJson(file, new CapacityRecord(first.spec().variant(), first.spec().sweep(), first.repetition(),
                first.spec(), settings, search.result(), ids));
            AtomicFiles.write(store.dir().resolve(CapacityRecord.CSV), CapacityRecord.csv(CapacityRecord.readAll(
                store.dir())));
            progress.note("capacity " + first.spec().variant() + " " + first.spec().sweep() + " rep " +
                first.repetition() + ": " + search.result().describe());
        }
    }

    /** Runs point number {@code i} of the suite, or takes its result from an earlier run of the suite. */
    private PointResult measureOne(final int i, final PlannedPoint p) throws IOException, InterruptedException,
        Cancellation.CancelledException
    {
        final Optional<PointResult> done = store.finished(p.id());
        if (done.isPresent())
        {
            known(p, done.get());
            progress.skipped(i);
            return done.get();
        }
        cancellation.check();
        progress.started(i, p);
        final long start = System.nanoTime();
        final PointResult result = runOne(p);
        cancellation.check();
        store.savePoint(result);
        known(p, result);
        final Tables.Row row = store.writeTables().stream().filter(r -> r.point().id().equals(result.id()))
            .findFirst().orElseThrow();
        saveManifest();
        progress.finished(result, row, System.nanoTime() - start);
        return result;
    }

    /** A point's status for the manifest: planned, or a capacity search's probe that was not. */
    private void known(final PlannedPoint p, final PointResult result)
    {
        planned.put(p.id(), p);
        pointStatus.put(p.id(), result.status());
        pointReason.put(p.id(), result.reason());
    }

    private PointResult runOne(final PlannedPoint p) throws IOException, InterruptedException,
        Cancellation.CancelledException
    {
        final ConformanceGate.Verdict verdict = verdicts.get(p.spec().variant());
        if (verdict != null && !verdict.passed())
        {
            Files.createDirectories(store.pointDir(p.id()));
            final String now = Instant.now().toString();
            return new PointResult(p.id(), p.seq(), p.repetition(), p.spec(),
                catalog.implementation(p.spec().variant()), PointStatus.FAILED, verdict.describeFailures() +
                "; not measured (" + ResultStore.verdict(p.spec().variant()) + ")", null, now, now, null, null, 0, null,
                null, null, null, null, null);
        }
        try
        {
            return points.run(p, store.pointDir(p.id()));
        }
        catch (final IOException | RuntimeException e)
        {
            cancellation.check();
            final String now = Instant.now().toString();
            return new PointResult(p.id(), p.seq(), p.repetition(), p.spec(),
                catalog.implementation(p.spec().variant()), PointStatus.FAILED, "the harness could not run it: " + e,
                null, now, now, null, null, 0, null, null, null, null, null, null);
        }
    }

    private void manifestGate()
    {
        final Map<String, Manifest.Gate> g = new LinkedHashMap<>();
        verdicts.forEach((server, v) -> g.put(server, new Manifest.Gate(v.status(), v.cases().size(),
            v.failures().stream().map(c -> new Manifest.FailedCase(c.caseId(), c.detail())).toList(), v.millis(),
            ResultStore.verdict(server).toString())));
        manifest = manifest.withConformance(g);
    }

    private void saveManifest() throws IOException
    {
        final List<Manifest.Point> list = new ArrayList<>();
        for (final PlannedPoint p : planned.values())
        {
            list.add(new Manifest.Point(p.id(), p.seq(), p.repetition(), pointStatus.get(p.id()),
                pointReason.get(p.id())));
        }
        manifest = manifest.withPoints(list);
        store.writeManifest(manifest);
    }
}
