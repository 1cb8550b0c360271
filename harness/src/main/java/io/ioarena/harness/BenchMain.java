package io.ioarena.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ioarena.harness.env.Machine;
import io.ioarena.harness.env.Preflight;
import io.ioarena.harness.results.ResultStore;
import io.ioarena.harness.run.Cancellation;
import io.ioarena.harness.run.CommandTemplate;
import io.ioarena.harness.run.GateCache;
import io.ioarena.harness.run.JvmPolicy;
import io.ioarena.harness.run.Pinning;
import io.ioarena.harness.run.Plan;
import io.ioarena.harness.run.PlannedPoint;
import io.ioarena.harness.run.PointRunner;
import io.ioarena.harness.run.Progress;
import io.ioarena.harness.run.ServerCatalog;
import io.ioarena.harness.run.SuiteRunner;
import io.ioarena.harness.suite.Durations;
import io.ioarena.harness.suite.ForeignServer;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/bench}: compares every server on every workload and writes {@code results/<timestamp>-<label>/}.
 * Exit status 0 when every point was measured, 1 when some point FAILED, 2 for a bad command line or suite,
 * 3 when the preflight refuses the machine, 130 when interrupted.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = {"Runs the ioarena suite: the conformance gate, then every server under every workload, each point "
        + "on its server's warmed trial; writes results/<timestamp>-<label>/ (manifest.json, results.csv, summary.csv, "
        + "points/). Ctrl-C stops cleanly; --resume completes an interrupted suite.",
        "Lists take commas; rates and counts take k/m suffixes; durations look like 500ms, 5s, 2m."})
public final class BenchMain
{
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_REFUSED = 3;

    @Option(names = "--quick", description = "The short suite (about 2 minutes) instead of the default (about 10).")
    boolean quick;

    @Option(names = "--suite", paramLabel = "<file.json>", description = "A suite file (see harness/README.md); "
        + "flags below override it. Built in: default, quick, transports, full, fanout (name instead of a file).")
    String suiteFile;

    @Option(names = "--dry-run", description = "Print the plan with its time estimate and the preflight, then exit.")
    boolean dryRun;

    @Option(names = "--resume", paramLabel = "<results-dir>",
        description = "Complete an interrupted suite in that folder, with its recorded configuration.")
    Path resume;

    @Option(names = {"--servers", "--variants"}, split = ",", paramLabel = "<name>",
        description = "Servers to run, e.g. selector,netty-epoll,asyncore. Java variants: " +
            "selector, netty-nio|epoll|io_uring, vertx-nio|epoll|io_uring, vthreads-virtual|platform.")
    List<String> servers;

    @Option(names = "--foreign", paramLabel = "<name=command>",
        description = "Add a server that speaks PROTOCOL.md, e.g. 'mine=./myserver {flags}' ({flags}: the PROTOCOL.md "
            + "flags, appended if absent; {port}: a free port). Repeatable.")
    List<String> foreign;

    @Option(names = "--workloads", split = ",", paramLabel = "<sweep>",
        description = "Sweeps to run, by name (e.g. echo-rate,chat-fanout).")
    List<String> workloads;

    @Option(names = "--rates", split = ",", paramLabel = "<msg/s>", description = "Rates of every open-loop sweep.")
    List<String> rates;

    @Option(names = "--connections", split = ",", paramLabel = "<n>", description = "Connection counts of every sweep.")
    List<String> connections;

    @Option(names = "--sizes", split = ",", paramLabel = "<bytes>", description = "Message sizes of every sweep.")
    List<String> sizes;

    @Option(names = "--repetitions", paramLabel = "<n>", description = "Repetitions of every point.")
    Integer repetitions;

    @Option(names = "--warmup", paramLabel = "<dur>", description = "Warm-up per point.")
    String warmup;

    @Option(names = "--duration", paramLabel = "<dur>", description = "Measured time per point.")
    String duration;

    @Option(names = "--order", paramLabel = "shuffled|interleaved", description = "Order within each repetition round.")
    String order;

    @Option(names = "--seed", paramLabel = "<n>", description = "Seed of the shuffle and of the client.")
    Long seed;

    @Option(names = "--heap", paramLabel = "<size>", description = "Server heap, -Xms = -Xmx (default 1g).")
    String heap;

    @Option(names = "--gc", paramLabel = "<name>", description = "Server collector: ParallelGC (default), G1GC, ZGC, ...")
    String gc;

    @Option(names = "--ready-timeout", paramLabel = "<dur>", description = "Wait for a readiness line (default 60s).")
    String readyTimeout;

    @Option(names = "--label", paramLabel = "<text>", description = "Part of the results folder name.")
    String label;

    @Option(names = "--no-pin", description = "Do not pin server and client to disjoint CPUs.")
    boolean noPin;

    @Option(names = "--skip-conformance", description = "Measure without the conformance gate (recorded as such).")
    boolean skipConformance;

    @Option(names = "--results-dir", paramLabel = "<dir>", description = "Where result folders go (default: results).")
    Path resultsDir;

    @Option(names = "--repo-root", paramLabel = "<dir>", description = "The ioarena checkout (default: current folder).")
    Path repoRoot;

    @Option(names = "--client-command", paramLabel = "<command>", hidden = true,
        description = "Load client command before 'run ...' (tests use a fake one).")
    String clientCommand;

    @Option(names = "--gate", paramLabel = "measured|full",
        description = "Conformance cases to run: those of every service and framing measured (default), or all.")
    String gateScope;

    @Option(names = "--gate-parallelism", paramLabel = "<n>",
        description = "Servers gated at once, before any measurement (default 3: the kit mostly waits on sockets).")
    int gateParallelism = 3;

    @Option(names = "--no-gate-cache", description = "Re-run the gate even for servers that passed it unchanged.")
    boolean noGateCache;

    @Option(names = "--no-build", description = "Do not build first (scripts/bench builds unless given this).")
    boolean noBuild;

    public static void main(final String[] args)
    {
        final CountDownLatch done = new CountDownLatch(1);
        final Cancellation cancellation = new Cancellation();
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            if (done.getCount() > 0)
            {
                cancellation.cancel();
                try
                {
                    done.await(30, TimeUnit.SECONDS);
                }
                catch (final InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }, "bench-interrupt"));
        final int status = run(args, System.out, System.err, cancellation);
        done.countDown();
        System.exit(status);
    }

    /** Runs the command; {@code cancellation} is what Ctrl-C (or a test) triggers. */
    public static int run(final String[] args, final PrintStream out, final PrintStream err,
        final Cancellation cancellation)
    {
        final BenchMain cmd = new BenchMain();
        final CommandLine cli = new CommandLine(cmd).setCaseInsensitiveEnumValuesAllowed(true);
        try
        {
            cli.parseArgs(args);
        }
        catch (final CommandLine.ParameterException e)
        {
            err.println("bench: " + e.getMessage());
            err.println("Try --help.");
            return EXIT_USAGE;
        }
        if (cli.isUsageHelpRequested())
        {
            cli.usage(out);
            return 0;
        }
        if (cli.isVersionHelpRequested())
        {
            out.println("ioarena bench");
            return 0;
        }
        try
        {
            return cmd.execute(out, err, cancellation);
        }
        catch (final IllegalArgumentException e)
        {
            err.println("bench: " + e.getMessage());
            return EXIT_USAGE;
        }
        catch (final IOException e)
        {
            err.println("bench: " + e);
            return 1;
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return SuiteRunner.EXIT_INTERRUPTED;
        }
    }

    private int execute(final PrintStream out, final PrintStream err, final Cancellation cancellation)
        throws IOException, InterruptedException
    {
        final ObjectMapper json = ResultStore.mapper();
        final Path root = (repoRoot == null ? Path.of("") : repoRoot).toAbsolutePath().normalize();
        if (resume != null && (quick || suiteFile != null || servers != null || foreign != null || workloads != null
            || rates != null || connections != null || sizes != null || repetitions != null || warmup != null
            || duration != null || order != null || seed != null || heap != null || gc != null || label != null
            || gateScope != null || skipConformance || clientCommand != null))
        {
            throw new IllegalArgumentException("--resume runs the suite recorded in the results folder; suite flags " +
                "cannot change it (start a new run instead)");
        }
        final ResultStore resumed = resume == null ? null : ResultStore.open(resume.toAbsolutePath());
        final Suite suite = resumed != null ? json.treeToValue(resumed.manifest().path("suite"), Suite.class)
            : overrides(loadSuite(json, root));

        final JvmPolicy policy = JvmPolicy.forThisJvm(suite.heap(), suite.gc());
        final ServerCatalog catalog = new ServerCatalog(root, suite, policy);
        final Pinning pinning = Pinning.decide(Machine.allowedCpus(), Machine.hasCommand("taskset"), !noPin);

        final List<String> runnable = new ArrayList<>();
        final Map<String, String> skipped = new LinkedHashMap<>();
        for (final String s : suite.servers())
        {
            final Optional<String> why = catalog.unavailable(s);
            if (why.isPresent())
            {
                skipped.put(s, why.get());
                out.println("server " + s + ": " + why.get());
            }
            else
            {
                runnable.add(s);
            }
        }
        final Plan plan = Plan.of(suite, runnable);
        printPlan(out, suite, plan, pinning, gateParallelism);

        final List<Preflight.Finding> findings = Preflight.check(Preflight.Facts.ofThisMachine(),
            suite.maxConnections(), pinning);
        findings.forEach(f -> out.println("preflight " + f));
        final boolean refused = findings.stream().anyMatch(f -> f.level() == Preflight.Level.REFUSE);
        if (dryRun)
        {
            plan.points().forEach(p -> out.println(String.format(Locale.ROOT, "  %3d. %-18s %-16s %s rep %d", p.seq(),
                p.spec().variant(), p.spec().sweep(), p.spec().describeLoad(), p.repetition())));
            out.println(refused ? "dry run: the preflight would refuse this run" : "dry run: nothing was started");
            return refused ? EXIT_REFUSED : 0;
        }
        if (refused)
        {
            err.println("bench: refusing to run: the results would measure this machine's limits, not the servers");
            return EXIT_REFUSED;
        }
        if (plan.points().isEmpty())
        {
            err.println("bench: nothing to run: every server was skipped");
            return 1;
        }

        final ResultStore store = resumed != null ? resumed
            : ResultStore.create(resultsDir != null ? resultsDir.toAbsolutePath() : root.resolve("results"),
            suite.label(), Instant.now());
        out.println("results: " + store.dir());
        final Map<String, Object> manifest = manifest(json, resumed, suite, policy, pinning, root, skipped, findings);
        final List<String> clientPrefix = clientCommand != null
            ? CommandTemplate.parse(clientCommand, root).words()
            : suite.clientCommand() != null ? suite.clientCommand() : catalog.client(List.of());
        final int status;
        try (PointRunner points = new PointRunner(suite, catalog, pinning, clientPrefix, cancellation, json, plan,
            store);
            Progress progress = new Progress(out, System.console() != null, System::nanoTime, plan.points().size(),
            plan.perPoint(suite)))
        {
            final GateCache cache = noGateCache ? null : new GateCache(store.dir().getParent().resolve(".gate-cache"),
                json);
            status = new SuiteRunner(suite, plan, store, catalog, points, cancellation, progress, manifest)
                .gateOptions(cache, gateParallelism).run();
        }
        if (status != SuiteRunner.EXIT_INTERRUPTED)
        {
            reportHook(root, store, out);
        }
        out.println("done: " + store.dir() + " (manifest.json, results.csv, summary.csv; see results/README.md)");
        return status;
    }

    private Suite loadSuite(final ObjectMapper json, final Path root) throws IOException
    {
        final String name = suiteFile != null ? suiteFile : quick ? "quick" : "default";
        if (name.matches("[a-z]+"))
        {
            try (InputStream in = BenchMain.class.getResourceAsStream("/suites/" + name + ".json"))
            {
                if (in != null)
                {
                    return json.readValue(in, Suite.class);
                }
            }
        }
        Path file = Path.of(name);
        if (!file.isAbsolute() && !Files.exists(file))
        {
            file = root.resolve(name);
        }
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("--suite " + name +
                ": no such file (built-in suites: default, quick, transports, full, fanout)");
        }
        try
        {
            return json.readValue(file.toFile(), Suite.class);
        }
        catch (final com.fasterxml.jackson.databind.JsonMappingException e)
        {
            throw new IllegalArgumentException("suite " + file + ": " + e.getOriginalMessage());
        }
    }

    Suite overrides(final Suite base)
    {
        Suite s = base;
        if (label != null)
        {
            s = s.withLabel(label);
        }
        else if (quick && suiteFile != null)
        {
            s = s.withLabel(s.label() + "-quick");
        }
        if (foreign != null)
        {
            final Map<String, ForeignServer> f = new LinkedHashMap<>(s.foreign());
            final List<String> names = new ArrayList<>(servers != null ? servers : s.servers());
            for (final String entry : foreign)
            {
                final int eq = entry.indexOf('=');
                if (eq <= 0)
                {
                    throw new IllegalArgumentException("--foreign needs name=command, not " + entry);
                }
                final String name = entry.substring(0, eq);
                f.put(name, new ForeignServer(entry.substring(eq + 1), null, null));
                if (!names.contains(name))
                {
                    names.add(name);
                }
            }
            s = s.withForeign(f).withServers(names);
        }
        else if (servers != null)
        {
            s = s.withServers(servers);
        }
        if (workloads != null)
        {
            final List<Sweep> chosen = s.sweeps().stream().filter(w -> workloads.contains(w.name())).toList();
            if (chosen.size() != workloads.size())
            {
                throw new IllegalArgumentException("--workloads: the suite's sweeps are " +
                    s.sweeps().stream().map(Sweep::name).toList() + ", not all of " + workloads);
            }
            s = s.withSweeps(chosen);
        }
        if (rates != null)
        {
            final List<Double> r = rates.stream().map(x -> (double) count("--rates", x)).toList();
            s = s.withSweeps(s.sweeps().stream().map(w -> w.withRates(r)).toList());
        }
        if (connections != null)
        {
            final List<Integer> c = connections.stream().map(x -> (int) count("--connections", x)).toList();
            s = s.withSweeps(s.sweeps().stream().map(w -> w.withConnections(c)).toList());
        }
        if (sizes != null)
        {
            final List<Integer> z = sizes.stream().map(x -> (int) count("--sizes", x)).toList();
            s = s.withSweeps(s.sweeps().stream().map(w -> w.withSizes(z)).toList());
        }
        if (repetitions != null)
        {
            s = s.withRepetitions(repetitions);
        }
        if (warmup != null || duration != null)
        {
            s = s.withTimes(warmup != null ? warmup : s.warmup(), duration != null ? duration : s.duration());
        }
        if (order != null || seed != null)
        {
            s = s.withOrder(order != null ? order : s.order(), seed != null ? seed : s.seed());
        }
        if (heap != null || gc != null)
        {
            s = s.withJvm(heap != null ? heap : s.heap(), gc != null ? gc : s.gc());
        }
        if (readyTimeout != null)
        {
            s = s.withReadyTimeout(readyTimeout);
        }
        if (gateScope != null)
        {
            s = s.withGateScope(gateScope);
        }
        if (skipConformance)
        {
            s = s.withConformance(false);
        }
        if (clientCommand != null)
        {
            s = s.withClientCommand(CommandTemplate.parse(clientCommand, Path.of("")).words());
        }
        return s;
    }

    /** A count with an optional k/m suffix. */
    static long count(final String flag, final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        try
        {
            final double v = t.endsWith("k") ? Double.parseDouble(t.substring(0, t.length() - 1)) * 1e3
                : t.endsWith("m") ? Double.parseDouble(t.substring(0, t.length() - 1)) * 1e6 : Double.parseDouble(t);
            if (v <= 0)
            {
                throw new NumberFormatException();
            }
            return Math.round(v);
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException(flag + " takes positive numbers like 500, 20k or 1m, not '" + text + "'");
        }
    }

    private static void printPlan(final PrintStream out, final Suite suite, final Plan plan, final Pinning pinning,
        final int gateParallelism)
    {
        out.println("suite " + suite.label() + ": " + plan.servers().size() + " servers x " +
            plan.points().size() / Math.max(1, plan.servers().size()) / suite.repetitions() + " points x " +
            suite.repetitions() + " repetitions = " + plan.points().size() + " runs of " + suite.warmup() + " warm-up + " +
            suite.duration() + " measured; estimated " + Durations.human(plan.estimate(suite, gateParallelism)) +
            (suite.conformance() ? " including the conformance gate" : " (conformance gate OFF)"));
        out.println("  servers: " + String.join(", ", plan.servers()));
        for (final Sweep w : suite.sweeps())
        {
            out.println("  sweep " + w.name() + ": " + w.workload() + "/" + w.framing() + " " + w.mode() + "-loop" +
                (w.rates() == null ? " in-flight " + w.inFlight() : " rates " + w.rates()) + " connections " +
                w.connections() + " sizes " + w.sizes() + ("chat".equals(w.workload()) ? " rooms " + w.rooms() : ""));
        }
        out.println("  pinning: " + (pinning.pinned() ? "server on CPUs " + Pinning.cpuList(pinning.serverCpus()) +
            ", client on CPUs " + Pinning.cpuList(pinning.clientCpus()) : "none (" + pinning.reason() + ")") +
            "; event loops " + pinning.serverCores() + "; order " + suite.order() + " (seed " + suite.seed() + ")");
    }

    private Map<String, Object> manifest(final ObjectMapper json, final ResultStore resumed, final Suite suite,
        final JvmPolicy policy, final Pinning pinning, final Path root, final Map<String, String> skipped,
        final List<Preflight.Finding> findings) throws IOException
    {
        if (resumed != null)
        {
            @SuppressWarnings("unchecked")
            final Map<String, Object> m = json.treeToValue(resumed.manifest(), LinkedHashMap.class);
            @SuppressWarnings("unchecked")
            final List<Object> resumes = (List<Object>) m.computeIfAbsent("resumedAt", k -> new ArrayList<>());
            resumes.add(Instant.now().toString());
            return m;
        }
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "ioarena-harness");
        m.put("schema", 1);
        m.put("label", suite.label());
        m.put("startedAt", Instant.now().toString());
        m.put("command", ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()));
        m.put("environment", Machine.describe(root));
        final Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("java", policy.java());
        jvm.put("server", policy.serverFlags(Path.of("<point>/gc.log"), pinning.serverCores()));
        jvm.put("client", policy.clientFlags());
        jvm.put("conformanceGate", policy.gateFlags());
        jvm.put("notes", JvmPolicy.NOTES);
        m.put("jvmPolicy", jvm);
        final Map<String, Object> pin = new LinkedHashMap<>();
        pin.put("pinned", pinning.pinned());
        pin.put("serverCpus", pinning.serverCpus());
        pin.put("clientCpus", pinning.clientCpus());
        pin.put("eventLoops", pinning.serverCores());
        pin.put("clientThreads", pinning.clientCores());
        pin.put("method", pinning.pinned() ? "taskset -c" : null);
        pin.put("reason", pinning.reason().isEmpty() ? null : pinning.reason());
        m.put("pinning", pin);
        m.put("conformanceGate", suite.conformance() ? "ON" : "OFF");
        m.put("suite", suite);
        m.put("skippedServers", skipped);
        m.put("preflight", findings.stream().map(Preflight.Finding::toString).toList());
        return m;
    }

    /** The report is a later step: run {@code scripts/report <results-dir>} when it exists. */
    private static void reportHook(final Path root, final ResultStore store, final PrintStream out)
        throws InterruptedException
    {
        final Path report = root.resolve("scripts").resolve("report");
        if (!Files.isExecutable(report))
        {
            return;
        }
        out.println("report: " + report + " " + store.dir());
        try
        {
            final Process p = new ProcessBuilder(report.toString(), store.dir().toString()).inheritIO().start();
            if (p.waitFor() != 0)
            {
                out.println("report: exited with status " + p.exitValue() + " (the results are complete regardless)");
            }
        }
        catch (final IOException e)
        {
            out.println("report: could not run: " + e.getMessage());
        }
    }
}
