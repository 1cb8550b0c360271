package io.ioarena.harness.run;

import io.ioarena.harness.results.ResultStore;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.Suite;
import io.ioarena.protocol.launch.ProcessLauncher;
import io.ioarena.protocol.server.ReadyLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server processes of a suite, JMH's forks: one <em>trial</em> per server and service/framing, started when its
 * first point comes up, warmed under load until {@link SteadyState} says so, then kept for every later point of the
 * same server and service (the repetitions stay interleaved across servers, as the plan orders them). Between its
 * points a trial is stopped with SIGSTOP, so that it takes no CPU from the one being measured. A trial whose
 * process dies is forgotten; its next point starts a fresh one. {@link #close()} ends them all.
 *
 * <p>Each trial leaves {@code trials/<key>/} (the server's output, its GC log, the warm-up chunks' client files) and
 * {@code trials/<key>.json} ({@link Record}).
 */
public final class Trials implements AutoCloseable
{
    /** The trial's GC and safepoint log, in its folder under the results folder's {@code trials/}. */
    private static final String GC_LOG = "gc.log";

    /** Where trial {@code key}'s GC and safepoint log is in the results folder {@code resultsDir}. */
    public static Path gcLog(final Path resultsDir, final String key)
    {
        return resultsDir.resolve("trials").resolve(key).resolve(GC_LOG);
    }

    /** Runs one warm-up chunk of load against a trial; returns null when it ran, else why it did not. */
    interface Warmer
    {
        String chunk(Trial trial, PointSpec load, Path dir, Duration length) throws IOException,
            InterruptedException, Cancellation.CancelledException;
    }

    /** A trial that started but failed while it was warmed: the message says what failed (server or client). */
    static final class WarmupFailed extends IOException
    {
        WarmupFailed(final String reason)
        {
            super(reason);
        }
    }

    /** What a trial did, written as {@code trials/<key>.json}. */
    record Record(String key, List<String> command, ReadyLine ready, String startedAt, List<Chunk> warmup,
        String steadyState, double warmupSeconds, String endedAt, Integer exitStatus)
    {
    }

    /** One warm-up chunk: its length and the JIT compiler threads' CPU in it (-1: the server has none). */
    record Chunk(double seconds, double compilerMs)
    {
    }

    /** A running server process and how it was warmed. */
    static final class Trial
    {
        final String key;
        final Path dir;
        final List<String> command;
        final ProcessLauncher.Launched server;
        final String startedAt = Instant.now().toString();
        final List<Chunk> warmup = new ArrayList<>();
        SteadyState.Verdict steady;
        double warmupSeconds;

        Trial(final String key, final Path dir, final List<String> command, final ProcessLauncher.Launched server)
        {
            this.key = key;
            this.dir = dir;
            this.command = command;
            this.server = server;
        }

        Path gcLog()
        {
            return dir.resolve(GC_LOG);
        }

        long pid()
        {
            return server.process().pid();
        }

        /** The note every point measured on this trial carries. */
        String describe()
        {
            return "trial " + key + " (started " + startedAt + "; warmed " + String.format("%.1f", warmupSeconds) +
                " s in " + warmup.size() + " chunks: " + switch (steady)
                {
                    case STEADY -> warmup.isEmpty() || warmup.getLast().compilerMs() < 0
                        ? "no JIT to wait for)" : "until its JIT was quiet)";
                    case GAVE_UP -> "its JIT was still compiling after " + SteadyState.MAX.toSeconds() +
                        " s; measured anyway)";
                    case WARMING -> "cut short)";
                };
        }

        Record record(final String endedAt, final Integer exitStatus)
        {
            return new Record(key, command, server.ready(), startedAt, List.copyOf(warmup),
                steady == null ? null : steady.name(), warmupSeconds, endedAt, exitStatus);
        }
    }

    private final Suite suite;
    private final ServerCatalog catalog;
    private final Pinning pinning;
    private final ResultStore store;
    private final Warmer warmer;
    private final Map<String, PointSpec> warmupLoads;
    private final Map<String, Integer> pointsLeft = new HashMap<>();
    private final Map<String, Trial> running = new LinkedHashMap<>();

    /**
     * @param points the suite's points: they decide the load each trial is warmed with ({@link #warmupLoads(List)})
     *               and when a trial has served its last point and ends.
     */
    Trials(final Suite suite, final ServerCatalog catalog, final Pinning pinning, final ResultStore store,
        final Warmer warmer, final List<PlannedPoint> points)
    {
        this.suite = suite;
        this.catalog = catalog;
        this.pinning = pinning;
        this.store = store;
        this.warmer = warmer;
        this.warmupLoads = warmupLoads(points.stream().map(PlannedPoint::spec).toList());
        points.forEach(p -> pointsLeft.merge(key(suite, p.spec(), p.repetition()), 1, Integer::sum));
    }

    /** Points of one server, service and framing share a trial. */
    static String key(final PointSpec spec)
    {
        return spec.variant() + "_" + spec.workload().cliName() + "_" + spec.framing().cliName();
    }

    /**
     * The trial that runs repetition {@code repetition} of {@code spec}: its fork's ({@link Suite#fork(int)}); with one
     * fork per server and service it is {@link #key(PointSpec)}.
     */
    public static String key(final Suite suite, final PointSpec spec, final int repetition)
    {
        return suite.forks() == 1 ? key(spec) : key(spec) + "_fork" + suite.fork(repetition);
    }

    /**
     * The load each trial is warmed with: its heaviest point in closed loop (one message in flight per connection
     * when the point is open loop). Closed loop runs the hot path as often as the server can, so the JIT goes quiet
     * soonest: chat fan-out at 500 msg/s into 16 members took 8 chunks of 3 s for Netty to go quiet, where closed
     * loop (about 15k msg/s, 250k deliveries/s on these 2 cores) compiles the same path in a fraction of that.
     */
    static Map<String, PointSpec> warmupLoads(final List<PointSpec> specs)
    {
        final Map<String, PointSpec> loads = new LinkedHashMap<>();
        for (final PointSpec s : specs)
        {
            loads.merge(key(s), s, (a, b) -> heavier(b, a) ? b : a);
        }
        loads.replaceAll((key, load) -> load.closedLoop());
        return loads;
    }

    private static boolean heavier(final PointSpec a, final PointSpec b)
    {
        if (a.open() != b.open())
        {
            return !a.open();
        }
        return a.open() ? a.rate() * a.connections() > b.rate() * b.connections()
            : a.connections() * a.inFlight() > b.connections() * b.inFlight();
    }

    /**
     * The running, warmed trial for repetition {@code repetition} of {@code spec}, continued; started and warmed first
     * if there is none.
     */
    Trial acquire(final PointSpec spec, final int repetition, final List<String> serverFlags) throws Exception
    {
        final String key = key(suite, spec, repetition);
        Trial trial = running.get(key);
        if (trial != null && !trial.server.process().isAlive())
        {
            end(trial);
            trial = null;
        }
        if (trial == null)
        {
            trial = start(key, spec, serverFlags);
        }
        else
        {
            Signals.resume(trial.pid());
        }
        return trial;
    }

    /**
     * {@code more} points (fewer when negative) than the plan counted for the trial of repetition {@code repetition} of
     * {@code spec}: a capacity search holds its trial for the probes it may run, and gives back those it did not. A
     * trial left with none ends.
     */
    void expect(final PointSpec spec, final int repetition, final int more) throws IOException, InterruptedException
    {
        final String key = key(suite, spec, repetition);
        final Trial trial = running.get(key);
        if (pointsLeft.merge(key, more, Integer::sum) <= 0 && trial != null)
        {
            end(trial);
        }
    }

    /**
     * After a point: the trial waits, stopped, for its next one, or ends after its last (so that with one fork per
     * repetition no more than a round's trials are alive at once).
     */
    void release(final Trial trial) throws IOException, InterruptedException
    {
        if (pointsLeft.merge(trial.key, -1, Integer::sum) <= 0)
        {
            end(trial);
        }
        else if (trial.server.process().isAlive())
        {
            Signals.stop(trial.pid());
        }
        else
        {
            end(trial);
        }
    }

    private Trial start(final String key, final PointSpec spec, final List<String> serverFlags) throws Exception
    {
        final Path dir = gcLog(store.dir(), key).getParent();
        Files.createDirectories(dir);
        final List<String> command = catalog.measured(spec.variant(), pinning.prefix(pinning.serverCpus()),
            gcLog(store.dir(), key), pinning.serverCores()).expand(serverFlags);
        final ProcessLauncher.Launched server = new ProcessLauncher(ParentDeath.wrap(command),
            suite.readyTimeoutTime(), dir.resolve("server.log")).launch(List.of());
        final Trial trial = new Trial(key, dir, command, server);
        running.put(key, trial);
        try
        {
            warm(trial, warmupLoads.getOrDefault(key(spec), spec.closedLoop()));
        }
        catch (final WarmupFailed e)
        {
            end(trial);
            throw e;
        }
        store.writeJson(Path.of("trials", key + ".json"), trial.record(null, null));
        return trial;
    }

    private void warm(final Trial trial, final PointSpec load) throws Exception
    {
        if (JitActivity.compilerNanos(trial.pid()) < 0)
        {
            // nothing to compile, so nothing to wait for: each point's own warm-up opens its connections
            trial.steady = SteadyState.Verdict.STEADY;
            return;
        }
        // no chunk longer than a measured window: a suite of short windows (a test's, a quick look) warms in step
        final Duration chunk = SteadyState.CHUNK.compareTo(suite.measureTime()) < 0 ? SteadyState.CHUNK
            : suite.measureTime();
        final long startNanos = System.nanoTime();
        do
        {
            final long compiledBefore = JitActivity.compilerNanos(trial.pid());
            final long chunkStart = System.nanoTime();
            final String failed = warmer.chunk(trial, load, trial.dir.resolve("warmup-" + (trial.warmup.size() + 1)),
                chunk);
            if (failed != null)
            {
                throw new WarmupFailed(failed);
            }
            final long compiledAfter = JitActivity.compilerNanos(trial.pid());
            final long chunkNanos = System.nanoTime() - chunkStart;
            final long compiler = compiledBefore < 0 || compiledAfter < 0 ? -1 : compiledAfter - compiledBefore;
            trial.warmup.add(new Chunk(chunkNanos / 1e9, compiler < 0 ? -1 : compiler / 1e6));
            trial.warmupSeconds = (System.nanoTime() - startNanos) / 1e9;
            trial.steady = SteadyState.after(compiler, chunkNanos, System.nanoTime() - startNanos);
        }
        while (trial.steady == SteadyState.Verdict.WARMING);
    }

    private void end(final Trial trial) throws IOException, InterruptedException
    {
        running.remove(trial.key);
        try
        {
            Signals.resume(trial.pid());
        }
        catch (final IOException alreadyGone)
        {
            // a process that has exited (or was killed on Ctrl-C) needs no SIGCONT before its SIGTERM
        }
        trial.server.stop();
        store.writeJson(Path.of("trials", trial.key + ".json"), trial.record(Instant.now().toString(),
            trial.server.process().exitValue()));
    }

    /**
     * Ends every trial (SIGCONT, then SIGTERM as PROTOCOL.md 6 asks) and records how each exited. A record that
     * cannot be written (a full file system) does not keep the next trial running: the first such failure is thrown
     * once every trial has ended.
     */
    @Override
    public void close() throws IOException, InterruptedException
    {
        IOException failed = null;
        for (final Trial trial : List.copyOf(running.values()))
        {
            try
            {
                end(trial);
            }
            catch (final IOException e)
            {
                if (failed == null)
                {
                    failed = e;
                }
                else
                {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null)
        {
            throw failed;
        }
    }
}
