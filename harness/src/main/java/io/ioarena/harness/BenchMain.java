package io.ioarena.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ioarena.contract.Units;
import io.ioarena.harness.env.Machine;
import io.ioarena.harness.env.OpenFileLimit;
import io.ioarena.harness.hosts.HostsFile;
import io.ioarena.harness.hosts.SshHosts;
import io.ioarena.harness.report.ReportMain;
import io.ioarena.harness.results.Manifest;
import io.ioarena.harness.results.ResultStore;
import io.ioarena.harness.run.Cancellation;
import io.ioarena.harness.run.CommandTemplate;
import io.ioarena.harness.run.GateCache;
import io.ioarena.harness.run.JvmPolicy;
import io.ioarena.harness.run.Pinning;
import io.ioarena.harness.run.Plan;
import io.ioarena.harness.run.PlannedSuite;
import io.ioarena.harness.run.PointProfiler;
import io.ioarena.harness.run.PointRunner;
import io.ioarena.harness.run.Points;
import io.ioarena.harness.run.RemotePoints;
import io.ioarena.harness.run.Progress;
import io.ioarena.harness.run.RunManifest;
import io.ioarena.harness.run.ServerCatalog;
import io.ioarena.harness.run.SuiteRunner;
import io.ioarena.harness.suite.ForeignServer;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.SuiteFiles;
import io.ioarena.harness.suite.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * {@code scripts/bench}: compares every server on every workload and writes {@code results/<timestamp>-<label>/}.
 * Exit status 0 when every point was measured, 1 when some point FAILED or the harness stopped on an error it names
 * (such as a results file it could not write), 2 for a bad command line or suite,
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

    @Option(names = "--quick", description = "The short suite (about 2 minutes) instead of the default (about 11 on 2 cores).")
    boolean quick;

    @Option(names = "--suite", paramLabel = "<file.json>", description = "A suite file (see harness/README.md); "
        + "flags below override it. Built in: default, quick, transports, full, fanout, capacity, connections, soak "
        + "(name instead of a file).")
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

    @Option(names = {"--sweeps", "--workloads"}, split = ",", paramLabel = "<sweep>",
        description = "Sweeps to run, by name (e.g. echo-rate,chat-fanout). --workloads: its old name, kept for one "
            + "release.")
    List<String> sweeps;

    @Option(names = "--rates", split = ",", paramLabel = "<msg/s>", converter = Units.PositiveConverter.class,
        description = "Rates of every open-loop sweep.")
    List<Double> rates;

    @Option(names = "--connections", split = ",", paramLabel = "<n>", converter = Units.PositiveIntConverter.class,
        description = "Connection counts of every sweep (a churn sweep has none).")
    List<Integer> connections;

    @Option(names = "--sizes", split = ",", paramLabel = "<bytes>", converter = Units.PositiveIntConverter.class,
        description = "Message sizes of every sweep.")
    List<Integer> sizes;

    @Option(names = "--repetitions", paramLabel = "<n>", description = "Repetitions of every point.")
    Integer repetitions;

    @Option(names = "--forks", paramLabel = "<n>", description = "Server processes (trials, each warmed on its own) "
        + "per server and service; repetition r runs on trial ((r-1) mod n)+1, so the spread of the repetitions "
        + "includes the spread between processes (default 1; the full suite: one per repetition).")
    Integer forks;

    @Option(names = "--warmup", paramLabel = "<dur>", description = "Warm-up per point.")
    String warmup;

    @Option(names = "--duration", paramLabel = "<dur>", description = "Measured time per point.")
    String duration;

    @Option(names = "--order", paramLabel = "shuffled|interleaved", description = "Order within each repetition round (a round is one sweep's points; sweeps run one after another).")
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
        description = "Load client command before 'agent' (tests use a fake one).")
    String clientCommand;

    @Option(names = "--gate", paramLabel = "measured|full",
        description = "Conformance cases to run: those of every service and framing measured (default), or all.")
    String gateScope;

    @Option(names = "--gate-parallelism", paramLabel = "<n>",
        description = "Servers gated at once, before any measurement (default 6). On small machines the gate is "
            + "bound by its JVM start-ups: the default suite's six servers take about a minute on 2 cores.")
    int gateParallelism = 6;

    @Option(names = "--no-gate-cache", description = "Re-run the gate even for servers that passed it unchanged.")
    boolean noGateCache;

    @Option(names = "--syscall-census", negatable = true, description = "Count every system call of the server per "
        + "point (results.csv's syscalls_per_msg): perf over the measured window where its tracepoint is mounted, else "
        + "strace over a census run of the same load after it (about 5 s more per point). On in the fanout suite, off "
        + "in the others; --no-syscall-census turns it off.")
    Boolean syscallCensus;

    @Option(names = "--profile", paramLabel = "none|jfr|async", description = "Profile each point's server: jfr "
        + "records it with JDK Flight Recorder (points/<id>/profile.jfr) and draws CPU and allocation flame graphs "
        + "from it (profile-cpu.html, profile-alloc.html, linked from the report); async uses async-profiler's asprof "
        + "where it is on the PATH (profile-cpu.html). Java servers only; the figures of a profiled point include the "
        + "profiler's cost (harness/README.md says how much).")
    String profile;

    @Option(names = "--memory-probe", negatable = true, description = "After each point, a memory run of its load: "
        + "the server's memory read before it and while it holds the point's connections (points/<id>/memory.json, "
        + "results.csv's mem_*_kb_per_conn; Java servers: live heap after a forced GC and Native Memory Tracking, every "
        + "server: RSS and PSS), a few seconds more per point. On in the connections suite.")
    Boolean memoryProbe;

    @Option(names = "--no-build", description = "Do not build first (scripts/bench builds unless given this).")
    boolean noBuild;

    @Option(names = "--hosts", paramLabel = "<hosts.json>", description = "Run the server and the load clients on "
        + "other machines over SSH: the server on the file's server host, bound to its address, the client instances "
        + "spread over its client hosts, their files fetched and merged here (README: Several machines).")
    Path hostsFile;

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
            // The harness's own errors say what failed in words; a bare JDK one (NoSuchFileException: <path>)
            // needs its class name to say anything.
            err.println("bench: " + (e.getClass() == IOException.class ? e.getMessage() : e));
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
        if (resume != null && !suiteFlagsGiven().isEmpty())
        {
            throw new IllegalArgumentException("--resume runs the suite recorded in the results folder; " +
                String.join(", ", suiteFlagsGiven()) + " would change it (start a new run instead)");
        }
        final ResultStore resumed = resume == null ? null : ResultStore.open(resume.toAbsolutePath());
        final Manifest recorded = resumed == null ? null : resumed.manifest();
        if (recorded != null)
        {
            resumeWhereItRan(recorded, hostsFile != null);
        }
        final Suite suite = recorded != null ? recorded.suite()
            : overrides(SuiteFiles.load(suiteFile != null ? suiteFile : quick ? "quick" : "default", root));
        // a profiler that cannot run here (asprof missing) is refused before any folder or process exists
        PointProfiler.of(suite.profile());

        final JvmPolicy policy = JvmPolicy.forThisJvm(suite.heap(), suite.gc(), suite.memoryProbe());
        final ServerCatalog catalog = new ServerCatalog(root, suite, policy);
        final Pinning pinning = Pinning.decide(Machine.allowedCpus(), Machine.hasCommand("taskset"), !noPin);

        // before any process starts (they inherit it) and before the preflight reads it
        OpenFileLimit.raiseFor(suite.maxConnections()).ifPresent(out::println);
        final Path resultsRoot = resumed != null ? resumed.dir().getParent()
            : resultsDir != null ? resultsDir.toAbsolutePath() : root.resolve("results");
        final GateCache cache = noGateCache ? null : new GateCache(resultsRoot.resolve(".gate-cache"), json);
        final PlannedSuite planned = PlannedSuite.of(suite, catalog, pinning, cache, out);
        final HostsFile hosts = hostsFile == null ? null : HostsFile.load(hostsFile);
        if (hosts != null)
        {
            hosts.describe().forEach(out::println);
        }
        final Plan plan = planned.plan();
        if (dryRun)
        {
            planned.printPoints(out);
            out.println(planned.refused() ? "dry run: the preflight would refuse this run"
                : "dry run: nothing was started");
            return planned.refused() ? EXIT_REFUSED : 0;
        }
        if (planned.refused())
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
            : ResultStore.create(resultsRoot, suite.label(), Instant.now());
        out.println("results: " + store.dir());
        final Manifest started = recorded != null ? recorded.resumed(Instant.now().toString())
            : RunManifest.start(suite, planned, policy, pinning, root);
        final List<String> clientPrefix = clientCommand != null
            ? CommandTemplate.parse(clientCommand, root).words()
            : suite.clientCommand() != null ? suite.clientCommand() : catalog.client(List.of());
        final Points points;
        final Manifest manifest;
        if (hosts != null)
        {
            final RemotePoints remote = new RemotePoints(suite, hosts, new SshHosts(Path.of(hosts.knownHosts())),
                policy, catalog, clientPrefix, cancellation, store.dir().getFileName().toString());
            points = remote;
            manifest = started.withHosts(remote.environments());
        }
        else
        {
            points = new PointRunner(suite, catalog, pinning, clientPrefix, cancellation, plan, store);
            manifest = started;
        }
        final int status;
        try (points;
            Progress progress = new Progress(out, System.console() != null, System::nanoTime, plan.runs(suite),
            plan.perPoint(suite)))
        {
            status = new SuiteRunner(suite, plan, store, catalog, points, cancellation, progress, manifest)
                .gateOptions(cache, gateParallelism).run();
        }
        if (status != SuiteRunner.EXIT_INTERRUPTED)
        {
            report(store, out);
        }
        out.println("done: " + store.dir() + " (manifest.json, results.csv, summary.csv; see results/README.md)");
        return status;
    }

    /**
     * A suite resumes where its points ran: a run over SSH ({@code environment.hosts} in its manifest) with
     * {@code --hosts} again, a local one without, so that no results folder mixes points from different machines.
     */
    static void resumeWhereItRan(final Manifest recorded, final boolean hostsGiven)
    {
        final boolean ranOnHosts = recorded.environment() != null && recorded.environment().containsKey("hosts");
        if (ranOnHosts && !hostsGiven)
        {
            throw new IllegalArgumentException("--resume: this run's points ran on other hosts (its manifest's " +
                "environment.hosts); give its --hosts file again to complete it there");
        }
        if (!ranOnHosts && hostsGiven)
        {
            throw new IllegalArgumentException("--resume: this run's points ran on this machine; --hosts would mix " +
                "machines in one results folder (start a new run instead)");
        }
    }

    /**
     * A flag that changes the suite: whether it was given, and what it does to the suite. {@link #overrides} applies
     * them in this order; {@code --resume}, which runs the recorded suite, refuses every one that was given.
     */
    record SuiteFlag(String name, Predicate<BenchMain> given, BiFunction<BenchMain, Suite, Suite> apply)
    {
    }

    static final List<SuiteFlag> SUITE_FLAGS = List.of(
        new SuiteFlag("--suite", c -> c.suiteFile != null, (c, s) -> s),
        new SuiteFlag("--quick", c -> c.quick,
            (c, s) -> c.suiteFile != null && c.label == null ? s.withLabel(s.label() + "-quick") : s),
        new SuiteFlag("--label", c -> c.label != null, (c, s) -> s.withLabel(c.label)),
        new SuiteFlag("--foreign", c -> c.foreign != null, BenchMain::withForeign),
        new SuiteFlag("--servers", c -> c.servers != null, BenchMain::withServers),
        new SuiteFlag("--sweeps", c -> c.sweeps != null, BenchMain::withSweeps),
        new SuiteFlag("--rates", c -> c.rates != null,
            (c, s) -> s.withSweeps(s.sweeps().stream().map(w -> w.withRates(c.rates)).toList())),
        new SuiteFlag("--connections", c -> c.connections != null,
            (c, s) -> s.withSweeps(s.sweeps().stream().map(w -> w.withConnections(c.connections)).toList())),
        new SuiteFlag("--sizes", c -> c.sizes != null,
            (c, s) -> s.withSweeps(s.sweeps().stream().map(w -> w.withSizes(c.sizes)).toList())),
        new SuiteFlag("--repetitions", c -> c.repetitions != null, (c, s) -> s.withRepetitions(c.repetitions)),
        new SuiteFlag("--forks", c -> c.forks != null, (c, s) -> s.withForks(c.forks)),
        new SuiteFlag("--warmup", c -> c.warmup != null, (c, s) -> s.withTimes(c.warmup, s.duration())),
        new SuiteFlag("--duration", c -> c.duration != null, (c, s) -> s.withTimes(s.warmup(), c.duration)),
        new SuiteFlag("--order", c -> c.order != null, (c, s) -> s.withOrder(c.order, s.seed())),
        new SuiteFlag("--seed", c -> c.seed != null, (c, s) -> s.withOrder(s.order(), c.seed)),
        new SuiteFlag("--heap", c -> c.heap != null, (c, s) -> s.withJvm(c.heap, s.gc())),
        new SuiteFlag("--gc", c -> c.gc != null, (c, s) -> s.withJvm(s.heap(), c.gc)),
        new SuiteFlag("--ready-timeout", c -> c.readyTimeout != null, (c, s) -> s.withReadyTimeout(c.readyTimeout)),
        new SuiteFlag("--gate", c -> c.gateScope != null, (c, s) -> s.withGateScope(c.gateScope)),
        new SuiteFlag("--skip-conformance", c -> c.skipConformance, (c, s) -> s.withConformance(false)),
        new SuiteFlag("--syscall-census", c -> c.syscallCensus != null,
            (c, s) -> s.withSyscallCensus(c.syscallCensus)),
        new SuiteFlag("--profile", c -> c.profile != null, (c, s) -> s.withProfile(c.profile)),
        new SuiteFlag("--memory-probe", c -> c.memoryProbe != null, (c, s) -> s.withMemoryProbe(c.memoryProbe)),
        new SuiteFlag("--client-command", c -> c.clientCommand != null,
            (c, s) -> s.withClientCommand(CommandTemplate.parse(c.clientCommand, Path.of("")).words())));

    /** The suite-changing flags given on this command line. */
    List<String> suiteFlagsGiven()
    {
        return SUITE_FLAGS.stream().filter(f -> f.given().test(this)).map(SuiteFlag::name).toList();
    }

    Suite overrides(final Suite base)
    {
        Suite s = base;
        for (final SuiteFlag f : SUITE_FLAGS)
        {
            if (f.given().test(this))
            {
                s = f.apply().apply(this, s);
            }
        }
        return s;
    }

    /** {@code --foreign name=command}: adds the server, and its name to the suite's servers. */
    private Suite withForeign(final Suite s)
    {
        final Map<String, ForeignServer> f = new LinkedHashMap<>(s.foreign());
        final List<String> names = new ArrayList<>(s.servers());
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
        return s.withForeign(f).withServers(names);
    }

    /** {@code --servers}: these, and the {@code --foreign} ones not among them, after them. */
    private Suite withServers(final Suite s)
    {
        final List<String> names = new ArrayList<>(servers);
        s.servers().stream().filter(n -> foreign != null && foreign.stream().anyMatch(e -> e.startsWith(n + "=")))
            .filter(n -> !names.contains(n)).forEach(names::add);
        return s.withServers(names);
    }

    private Suite withSweeps(final Suite s)
    {
        final List<Sweep> chosen = s.sweeps().stream().filter(w -> sweeps.contains(w.name())).toList();
        if (chosen.size() != sweeps.size())
        {
            throw new IllegalArgumentException("--sweeps: the suite's sweeps are " +
                s.sweeps().stream().map(Sweep::name).toList() + ", not all of " + sweeps);
        }
        return s.withSweeps(chosen);
    }

    /** The report is the last step; the results are complete without it, so a failure only says so. */
    private static void report(final ResultStore store, final PrintStream out)
    {
        try
        {
            ReportMain.report(store.dir(), null, out);
        }
        catch (final IOException | RuntimeException e)
        {
            out.println("report: could not write it: " + e.getMessage() + " (the results are complete regardless; " +
                "scripts/report " + store.dir() + " tries again)");
        }
    }
}
