package io.ioarena.harness.run;

import io.ioarena.contract.AgentLine;
import io.ioarena.contract.ChurnSummary;
import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.Tag;
import io.ioarena.harness.env.ConnectionLimits;
import io.ioarena.harness.env.Machine;
import io.ioarena.harness.results.AtomicFiles;
import io.ioarena.harness.results.IntervalLogReader;
import io.ioarena.harness.results.MemoryReading;
import io.ioarena.harness.results.MemoryUse;
import io.ioarena.harness.results.PointResult;
import io.ioarena.harness.results.PointStatus;
import io.ioarena.harness.results.Resources;
import io.ioarena.harness.results.ResultStore;
import io.ioarena.harness.results.SoakRecord;
import io.ioarena.harness.results.SyscallCensus;
import io.ioarena.harness.suite.Durations;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.SoakSettings;
import io.ioarena.harness.suite.Suite;
import io.ioarena.protocol.launch.ServerLauncher;
import io.ioarena.protocol.server.ReadyLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Runs one point on its server's warmed trial ({@link Trials}: a server process per server and service, started and
 * warmed once, kept across rounds): continues the trial, samples it from /proc while the load client warms up and
 * measures, then stops the trial until its next point. A server that never gets ready or exits during the run, and
 * a client that fails or hangs, make the point FAILED with the reason; the logs stay in the point's folder (the
 * server's in its trial's) either way.
 */
public final class PointRunner implements Points
{
    /**
     * Slack on top of warm-up + duration + drain for the client to connect (or its agent to start) and write its
     * files.
     */
    static final Duration CLIENT_SLACK = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 50;
    private static final Pattern ALL_THREADS = Pattern.compile(".*", Pattern.DOTALL);
    /** The client agent's own output (JVM warnings), in the results folder; each run's output is its client.log. */
    static final String CLIENT_AGENT_LOG = "client-agent.log";
    /** A point's census run (its client's files and strace's), under the point's folder. */
    static final String CENSUS_DIR = "census";
    /** A point's memory run (its client's files), under the point's folder. */
    static final String MEMORY_DIR = "memory";

    private final Suite suite;
    private final ServerCatalog catalog;
    private final Pinning pinning;
    private final List<String> clientPrefix;
    private final Cancellation cancellation;
    private final Trials trials;
    private final ClientAgent agent;
    private final SyscallCounter syscalls = SyscallCounter.ofThisMachine();
    private final Optional<PointProfiler> profiler;
    private final MemoryProbe memoryProbe = MemoryProbe.ofThisJdk();
    /** What net.ipv4.ip_local_port_range leaves one source address; unknown, the client binds nothing. */
    private final Optional<Long> portsPerAddress = Machine.ephemeralPorts();

    /** @param plan the points to run, whose specs decide how each trial is warmed. */
    public PointRunner(final Suite suite, final ServerCatalog catalog, final Pinning pinning,
        final List<String> clientPrefix, final Cancellation cancellation, final Plan plan,
        final ResultStore store)
    {
        this.suite = suite;
        this.catalog = catalog;
        this.pinning = pinning;
        this.clientPrefix = List.copyOf(clientPrefix);
        this.cancellation = cancellation;
        this.profiler = PointProfiler.of(suite.profile());
        this.trials = new Trials(suite, catalog, pinning, store, this::warmupChunk, plan.points());
        final List<String> agentCommand = new ArrayList<>(pinning.prefix(pinning.clientCpus()));
        agentCommand.addAll(clientPrefix);
        this.agent = new ClientAgent(agentCommand, store.dir().resolve(CLIENT_AGENT_LOG));
    }

    /** The PROTOCOL.md flags of a measured server: on loopback, any free port ({@link PointCommands}). */
    List<String> serverFlags(final PointSpec spec)
    {
        return PointCommands.serverFlags(suite, spec, "127.0.0.1", 0, pinning.serverCores());
    }

    /**
     * The arguments of the load client's command for the point ({@link PointCommands#verb}; its flags:
     * load-client/README.md).
     */
    List<String> clientArgs(final PointSpec spec, final String host, final int port, final Path dir, final String id)
    {
        return clientArgs(spec, host, port, dir, id, suite.warmupTime(), suite.measureTime());
    }


    private List<String> clientArgs(final PointSpec spec, final String host, final int port, final Path dir,
        final String id, final Duration warmup, final Duration duration)
    {
        final List<String> args = new ArrayList<>(spec.churn()
            ? PointCommands.churnArgs(suite, spec, host, port, dir, warmup, duration)
            : PointCommands.clientArgs(suite, spec, host, port, dir, id, pinning.clientCores(), warmup, duration));
        // this machine's ports: more source addresses when one address's cannot hold the ports the point's closed
        // connections keep in TIME_WAIT (churn: a minute of its arrivals, ConnectionLimits.churnPorts; otherwise a
        // minute of its trial's back-to-back runs, ConnectionLimits.trialPorts)
        sourceAddresses(spec.churn() ? ConnectionLimits.churnPorts(spec.rate(), warmup.plus(duration))
            : ConnectionLimits.trialPorts(spec.connections(), SteadyState.CHUNK), args);
        return args;
    }

    /** {@code --source-addresses} when one address's ephemeral ports cannot hold {@code ports}. */
    private void sourceAddresses(final int ports, final List<String> args)
    {
        final int sources = portsPerAddress.map(p -> ConnectionLimits.sourceAddresses(ports, p)).orElse(1);
        if (sources > 1)
        {
            args.addAll(List.of("--source-addresses", Integer.toString(sources)));
        }
    }

    @Override
    public PointResult run(final PlannedPoint planned, final Path dir) throws Cancellation.CancelledException,
        IOException, InterruptedException
    {
        final PointSpec spec = planned.spec();
        final Attempt a = new Attempt(planned, dir);
        clean(dir);
        final Trials.Trial trial;
        try
        {
            trial = trials.acquire(spec, planned.repetition(), serverFlags(spec));
        }
        catch (final Cancellation.CancelledException | InterruptedException e)
        {
            throw e;
        }
        catch (final Trials.WarmupFailed e)
        {
            cancellation.check();
            return a.failed(e.getMessage() + " (while its trial was warmed)", null, null, null);
        }
        catch (final Exception e)
        {
            cancellation.check();
            return a.failed("the server did not get ready: " + e.getMessage(), null, null, null);
        }
        a.serverCommand = trial.command;
        a.ready = trial.server.ready();
        a.notes.add(trial.describe());
        try (ProcSampler sampler = new ProcSampler(trial.pid(), dir.resolve("server-samples.csv"),
            suite.sampleIntervalTime(), eventLoopThreads(a.ready, a.notes)).start())
        {
            return measure(a, trial, sampler);
        }
        finally
        {
            trials.release(trial);
        }
    }

    @Override
    public ServerLauncher gateLauncher(final String server)
    {
        return new TemplateLauncher(server, catalog.gate(server), suite.readyTimeoutTime(), null, cancellation);
    }

    /** {@code more} points than planned on {@code point}'s trial (fewer when negative): {@link Trials#expect}. */
    @Override
    public void expect(final PlannedPoint point, final int more) throws IOException, InterruptedException
    {
        trials.expect(point.spec(), point.repetition(), more);
    }

    /** Ends the client agent and every trial; the suite calls it once, after its last point or when interrupted. */
    @Override
    public void close() throws IOException, InterruptedException
    {
        try
        {
            agent.close();
        }
        finally
        {
            trials.close();
        }
    }

    /** One chunk of a trial's warm-up: the load client with the point's load, no warm-up of its own. */
    private String warmupChunk(final Trials.Trial trial, final PointSpec load, final Path dir, final Duration length)
        throws IOException, InterruptedException, Cancellation.CancelledException
    {
        clean(dir);
        final ReadyLine ready = trial.server.ready();
        return runClient(PointCommands.verb(load), clientArgs(load, ready.host(), ready.port(), dir,
            dir.getFileName().toString(), Duration.ZERO, length), dir, trial, length).failure();
    }

    /**
     * The command line that runs what the agent ran for {@code verb} and {@code args}: what a person types to repeat
     * a point.
     */
    private List<String> clientCommand(final String verb, final List<String> args)
    {
        final List<String> command = new ArrayList<>(pinning.prefix(pinning.clientCpus()));
        command.addAll(clientPrefix);
        command.add(verb);
        command.addAll(args);
        return command;
    }

    /**
     * How a client run ended: {@code failure} null when it completed with status 0 and the server alive, else what
     * went wrong; {@code exitStatus} the run's status when it answered (null when it was killed or abandoned).
     */
    private record ClientRun(String failure, Integer exitStatus)
    {
    }

    /**
     * Runs the client's {@code verb} (on the agent) with {@code args}, its output into {@code dir}'s client.log, and
     * waits for it for at most its run time plus {@link PointCommands#DRAIN} and {@link #CLIENT_SLACK}. A run that
     * does not answer in time,
     * or whose server dies under it, is abandoned with its agent (killed; the next run starts a fresh one).
     */
    private ClientRun runClient(final String verb, final List<String> args, final Path dir,
        final Trials.Trial trial, final Duration runTime)
        throws IOException, InterruptedException, Cancellation.CancelledException
    {
        final Path log = dir.resolve("client.log");
        agent.submit(verb, args, log);
        final Duration limit = runTime.plus(PointCommands.DRAIN).plus(CLIENT_SLACK);
        final long deadline = System.nanoTime() + limit.toNanos();
        AgentLine.Reply reply = null;
        try
        {
            while ((reply = agent.reply(POLL_MILLIS)) == null)
            {
                cancellation.check();
                if (!trial.server.process().isAlive())
                {
                    break;
                }
                if (!agent.alive())
                {
                    return new ClientRun(withOutput("the client " + ExitStatus.describe(agent.exitValue()) +
                        " during the run", log), agent.exitValue());
                }
                if (System.nanoTime() > deadline)
                {
                    return new ClientRun("the client did not finish within " + Durations.human(limit) + "; killed",
                        null);
                }
            }
            cancellation.check();
        }
        finally
        {
            if (reply == null || reply.exitStatus() != 0)
            {
                agent.kill();
            }
        }
        if (!trial.server.process().isAlive())
        {
            settle();
            return new ClientRun("the server " + ExitStatus.describe(trial.server.process().exitValue()) +
                " during the run", reply == null ? null : reply.exitStatus());
        }
        return reply.exitStatus() == 0 ? new ClientRun(null, 0) : new ClientRun(withOutput(
            "the client failed with status " + reply.exitStatus(), log), reply.exitStatus());
    }

    private PointResult measure(final Attempt a, final Trials.Trial trial, final ProcSampler sampler)
        throws Cancellation.CancelledException, IOException, InterruptedException
    {
        final PointSpec spec = a.planned.spec();
        try (SyscallCounter.PerfCount perf = suite.syscallCensus() && !spec.churn()
            && syscalls.source() == SyscallCensus.Source.PERF ? syscalls.startPerf(trial.pid(), a.dir) : null)
        {
            final List<String> args = clientArgs(spec, trial.server.ready().host(), trial.server.ready().port(),
                a.dir, a.planned.id());
            final String verb = PointCommands.verb(spec);
            a.clientCommand = clientCommand(verb, args);
            final long startedMs = System.currentTimeMillis();
            final SoakWatch watch = suite.soak() == null ? null : SoakWatch.start(trial.pid(),
                catalog.isJava(spec.variant()), memoryProbe, suite.soak(), suite.warmupTime(), suite.measureTime());
            final ClientRun run;
            try
            {
                run = profiled(a, trial,
                    () -> runClient(verb, args, a.dir, trial, suite.warmupTime().plus(suite.measureTime())));
            }
            finally
            {
                if (watch != null)
                {
                    watch.close();
                }
            }
            if (run.failure() != null)
            {
                final Integer serverExit = trial.server.process().isAlive() ? null
                    : trial.server.process().exitValue();
                return a.failed(run.failure(), serverExit, run.exitStatus(), sampler);
            }
            if (spec.churn())
            {
                return churned(a, trial, sampler, startedMs);
            }
            final Path summaryFile = a.dir.resolve(ClientSummary.FILE);
            if (!Files.isRegularFile(summaryFile))
            {
                return a.failed("the client exited 0 but wrote no " + ClientSummary.FILE, null, 0, sampler);
            }
            final ClientSummary summary = ContractJson.read(summaryFile, ClientSummary.class);
            sampler.close();
            final long to = summary.endEpochMs();
            final long from = summary.measuredFromEpochMs();
            a.resources = Resources.of(sampler.samples(), from, to, GcLog.pauses(trial.gcLog(), from, to));
            if (watch != null)
            {
                soak(a, summary, sampler.samples(), watch);
            }
            if (suite.syscallCensus())
            {
                (perf != null ? perf.finish(summary) : census(a, trial)).write(a.dir);
            }
            if (suite.memoryProbe())
            {
                memory(a, trial);
            }
            return a.result(PointStatus.OK, null, null, 0);
        }
    }

    /**
     * A soak point's record ({@link SoakRecord}) from its server's samples, the watch's readings and the client's
     * interval log, judged and written as {@code soak.json}; its verdict goes in the notes. A soak that fails its
     * verdict is still a measured point: the verdict is its result.
     */
    private void soak(final Attempt a, final ClientSummary summary, final List<ProcSample> samples,
        final SoakWatch watch) throws IOException
    {
        final SoakSettings s = suite.soak();
        // the window from the run's origin, not back from its end: the end is after the drain and the closes, and
        // a soak's series must not take the closing connections for a fall in open files
        final long from = summary.startEpochMs() + suite.warmupTime().toMillis();
        final long to = from + Math.round(summary.measuredSeconds() * 1000);
        final SoakLatency latency = SoakLatency.read(a.dir.resolve(IntervalLogReader.FILE),
            a.planned.spec().chat() ? Tag.DELIVERY : Tag.LATENCY, from, to, from + Math.round((to - from) * s.settle()),
            s.p99WindowTime().toMillis());
        final ClientSummary.Connections c = summary.connections();
        final long unconnected = c == null ? 0 : Math.max(c.failed(), c.requested() - c.established());
        final long errors = (summary.errors() == null ? 0 : summary.errors().total()) + unconnected;
        final SoakRecord record = SoakRecord.judge(s, (to - from) / 60_000.0,
            minutes(samples, from, x -> x.rssBytes() / (1024.0 * 1024.0)),
            watch.splitsResidentSet() ? watch.rssOutsideHeapMb(from) : null,
            minutes(samples, from, ProcSample::threads), watch.fds(from), watch.heapMb(from),
            catalog.isJava(a.planned.spec().variant()), latency.p99Ms(), latency.drift(), errors,
            "errors " + summary.errors() + ", connections " + c);
        AtomicFiles.write(a.dir.resolve(SoakRecord.FILE), ContractJson.bytes(record));
        a.notes.addAll(watch.notes());
        a.notes.add("soak " + (record.passed() ? "passed" : "failed: " + record.failed()) + " (" + SoakRecord.FILE +
            ")");
    }

    /** One field of each sample, at minutes from {@code from}. */
    private static List<SoakRecord.Reading> minutes(final List<ProcSample> samples, final long from,
        final ToDoubleFunction<ProcSample> field)
    {
        return samples.stream().map(x -> new SoakRecord.Reading((x.epochMs() - from) / 60_000.0,
            field.applyAsDouble(x))).toList();
    }

    /**
     * A churn point after its client run: its {@code churn.json} read through the contract, the server's resources
     * over the measured arrivals. {@code churn.json} has no clock times, so the window starts the suite's warm-up
     * after the run was submitted and lasts its measured seconds (the agent's collection before the run, a few
     * milliseconds, shifts it). No memory run or census: a churn point holds no connections, and its load is
     * connections, not messages.
     */
    private PointResult churned(final Attempt a, final Trials.Trial trial, final ProcSampler sampler,
        final long startedMs) throws IOException, InterruptedException
    {
        final Path churnFile = a.dir.resolve(ChurnSummary.FILE);
        if (!Files.isRegularFile(churnFile))
        {
            return a.failed("the client exited 0 but wrote no " + ChurnSummary.FILE, null, 0, sampler);
        }
        final ChurnSummary churn = ContractJson.read(churnFile, ChurnSummary.class);
        sampler.close();
        final long from = startedMs + suite.warmupTime().toMillis();
        final long to = from + Math.round(churn.measuredSeconds() * 1000);
        a.resources = Resources.of(sampler.samples(), from, to, GcLog.pauses(trial.gcLog(), from, to));
        if (suite.syscallCensus() || suite.memoryProbe())
        {
            a.notes.add("no system-call census or memory run: a churn point holds no connections and counts "
                + "connections, not messages");
        }
        return a.result(PointStatus.OK, null, null, 0);
    }

    /** What {@link #profiled} wraps: the point's client run. */
    private interface ClientRunner
    {
        ClientRun run() throws IOException, InterruptedException, Cancellation.CancelledException;
    }

    /**
     * The client run, with the server profiled over it where the suite asks; a profiler that fails leaves the point
     * as it was and says why in its notes (a profile is a view of the run, not a part of its result).
     */
    private ClientRun profiled(final Attempt a, final Trials.Trial trial, final ClientRunner client)
        throws IOException, InterruptedException, Cancellation.CancelledException
    {
        if (profiler.isEmpty())
        {
            return client.run();
        }
        if (!catalog.isJava(a.planned.spec().variant()))
        {
            a.notes.add("not profiled: " + suite.profile() + " profiles JVMs, and this server is not one");
            return client.run();
        }
        try
        {
            profiler.get().start(trial.pid(), a.dir);
        }
        catch (final IOException e)
        {
            a.notes.add("not profiled: " + e.getMessage());
            return client.run();
        }
        try
        {
            return client.run();
        }
        finally
        {
            try
            {
                a.notes.add("profiled with " + suite.profile() + ": " + String.join(", ",
                    profiler.get().stop(trial.pid(), a.dir, a.planned.id())));
            }
            catch (final IOException | RuntimeException e)
            {
                a.notes.add("the profile could not be written: " + e.getMessage());
            }
        }
    }

    /**
     * The point's memory run ({@link MemoryUse}): the server read before the point's load connects again and while
     * it holds the connections. A run that fails, or a reading that cannot be taken, leaves the point OK and says why
     * in its notes.
     */
    private void memory(final Attempt a, final Trials.Trial trial)
        throws Cancellation.CancelledException, IOException, InterruptedException
    {
        final Path dir = a.dir.resolve(MEMORY_DIR);
        clean(dir);
        final PointSpec spec = a.planned.spec();
        final boolean jvm = catalog.isJava(spec.variant());
        try
        {
            MemoryRun.awaitSettled(trial.pid());
            final MemoryReading before = memoryProbe.read(trial.pid(), jvm);
            final MemoryRun during = MemoryRun.start(memoryProbe, trial.pid(), jvm, spec.connections());
            final ClientRun run = runClient(PointCommands.verb(spec), clientArgs(spec, trial.server.ready().host(),
                trial.server.ready().port(), dir, "memory-" + a.planned.id(), MemoryRun.WARMUP, MemoryRun.MEASURED),
                dir, trial, MemoryRun.WARMUP.plus(MemoryRun.MEASURED));
            final MemoryRun.Held held = during.await();
            if (run.failure() != null)
            {
                a.notes.add("no memory reading: the memory run failed: " + run.failure());
                return;
            }
            if (held.sockets() < spec.connections())
            {
                a.notes.add("memory read with " + held.sockets() + " of " + spec.connections() + " connections held");
            }
            AtomicFiles.write(a.dir.resolve(MemoryUse.FILE), ContractJson.bytes(new MemoryUse(held.sockets(), before,
                held.reading())));
        }
        catch (final IOException e)
        {
            a.notes.add("no memory reading: " + e.getMessage());
        }
    }

    /**
     * Every system call of the server under the point's load, counted by strace in a census run of that load after
     * the measured window (ptrace would slow the measured one); a census run that fails leaves the point OK and
     * says why.
     */
    private SyscallCensus census(final Attempt a, final Trials.Trial trial)
        throws Cancellation.CancelledException, IOException, InterruptedException
    {
        if (syscalls.source() == SyscallCensus.Source.NONE)
        {
            return SyscallCensus.none(syscalls.why());
        }
        final Path dir = a.dir.resolve(CENSUS_DIR);
        clean(dir);
        final PointSpec spec = a.planned.spec();
        try (SyscallCounter.StraceCount strace = syscalls.startStrace(trial.pid(), spec.connections(), dir))
        {
            final ClientRun run = runClient(PointCommands.verb(spec), clientArgs(spec, trial.server.ready().host(),
                trial.server.ready().port(), dir, "census-" + a.planned.id(), SyscallCounter.CENSUS_WARMUP,
                SyscallCounter.CENSUS_MEASURED), dir, trial, SyscallCounter.censusRunTime());
            final Path summaryFile = dir.resolve(ClientSummary.FILE);
            if (run.failure() != null || !Files.isRegularFile(summaryFile))
            {
                return SyscallCensus.none("the census run failed: " + (run.failure() != null ? run.failure()
                    : "no " + ClientSummary.FILE));
            }
            return strace.finish(ContractJson.read(summaryFile, ClientSummary.class));
        }
    }

    /**
     * The threads whose run-queue wait is the server's: those its readiness line names, else (a foreign server that
     * names none, or a pattern that does not compile) all its threads, with a note saying so.
     */
    static Pattern eventLoopThreads(final ReadyLine ready, final List<String> notes)
    {
        if (ready.eventLoopThreads() != null)
        {
            try
            {
                return Pattern.compile(ready.eventLoopThreads());
            }
            catch (final PatternSyntaxException e)
            {
                notes.add("eventLoopThreads is not a regular expression (" + e.getDescription() + "): " +
                    "server_runqueue_ms_per_s is over all the server's threads");
                return ALL_THREADS;
            }
        }
        notes.add("the server names no eventLoopThreads: server_runqueue_ms_per_s is over all its threads");
        return ALL_THREADS;
    }

    /**
     * Ctrl-C reaches the whole process group: a server may see SIGINT and exit a moment before this JVM's shutdown
     * hook marks the suite cancelled. A short wait keeps that from being recorded as a server failure.
     */
    private void settle() throws InterruptedException, Cancellation.CancelledException
    {
        Thread.sleep(300);
        cancellation.check();
    }

    static void clean(final Path dir) throws IOException
    {
        if (Files.exists(dir))
        {
            try (Stream<Path> files = Files.walk(dir))
            {
                for (final Path p : files.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList())
                {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    /** {@code what}, then the last lines of the client's {@code log} when it printed any. */
    private static String withOutput(final String what, final Path log)
    {
        final String output = lastLines(log, 5);
        return output.isEmpty() ? what : what + ": " + output;
    }

    static String lastLines(final Path file, final int n)
    {
        try
        {
            final List<String> lines = Files.readAllLines(file);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }
        catch (final IOException e)
        {
            return "(no output)";
        }
    }

    /** What is known about a point while it runs. */
    private final class Attempt
    {
        final PlannedPoint planned;
        final Path dir;
        final String startedAt = Instant.now().toString();
        final List<String> notes = new ArrayList<>();
        List<String> serverCommand;
        List<String> clientCommand;
        ReadyLine ready;
        Resources resources;

        Attempt(final PlannedPoint planned, final Path dir)
        {
            this.planned = planned;
            this.dir = dir;
        }

        PointResult failed(final String reason, final Integer serverExit, final Integer clientExit,
            final ProcSampler sampler)
        {
            if (sampler != null)
            {
                resources = Resources.of(sampler.samples(), 0, Long.MAX_VALUE, null);
            }
            return result(PointStatus.FAILED, reason, serverExit, clientExit);
        }

        PointResult result(final PointStatus status, final String reason, final Integer serverExit,
            final Integer clientExit)
        {
            return new PointResult(planned.id(), planned.seq(), planned.repetition(), planned.spec(),
                catalog.implementation(planned.spec().variant()), status, reason,
                notes.isEmpty() ? null : List.copyOf(notes), startedAt, Instant.now().toString(),
                pinning.serverCpus(), pinning.clientCpus(), pinning.serverCores(), serverCommand, clientCommand, ready,
                serverExit, clientExit, resources);
        }
    }
}
