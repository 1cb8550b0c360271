package io.ioarena.harness.run;

import io.ioarena.contract.ClientSummary;
import io.ioarena.harness.env.Machine;
import io.ioarena.harness.results.SyscallCensus;
import io.ioarena.harness.results.SyscallCensus.Source;
import io.ioarena.harness.suite.Durations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Counts every system call a server makes, with the best tool this machine has as it is found, chosen per point:
 * {@code perf stat} on the {@code raw_syscalls:sys_enter} tracepoint over the measured window itself where tracefs
 * is already mounted (the harness never mounts it: that would change the machine it measures); else {@code strace
 * -c -f} over a census run of the same load after the measured window, never during it, since ptrace stops the
 * server at every call; else nothing, and the census says why.
 */
public final class SyscallCounter
{
    /** The tracepoint perf counts, where tracefs may already be mounted. */
    static final String EVENT = "raw_syscalls:sys_enter";
    static final List<Path> TRACEPOINTS = List.of(Path.of("/sys/kernel/tracing/events/raw_syscalls/sys_enter"),
        Path.of("/sys/kernel/debug/tracing/events/raw_syscalls/sys_enter"));
    /** The census run: warm-up, then measured; strace counts a window inside it once its connections are open. */
    static final Duration CENSUS_WARMUP = Duration.ofSeconds(1);
    static final Duration CENSUS_MEASURED = Duration.ofSeconds(3);
    /** After the connections are open, until NICK and JOIN are answered and the load runs. */
    static final Duration SETTLE = Duration.ofMillis(500);
    /**
     * What strace counts at most: it ends that long before the census run's load is due to end, and a window shorter
     * than the least (strace slow to attach, as to a server of many threads on a busy machine) counts nothing.
     */
    static final Duration WINDOW = Duration.ofSeconds(2);
    static final Duration END_MARGIN = Duration.ofMillis(300);
    static final Duration LEAST_WINDOW = Duration.ofMillis(500);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private final boolean tracepoint;
    private final boolean perf;
    private final boolean strace;
    private final LongSupplier clock;

    SyscallCounter(final boolean tracepoint, final boolean perf, final boolean strace, final LongSupplier clock)
    {
        this.tracepoint = tracepoint;
        this.perf = perf;
        this.strace = strace;
        this.clock = clock;
    }

    public static SyscallCounter ofThisMachine()
    {
        return new SyscallCounter(TRACEPOINTS.stream().anyMatch(Files::isDirectory), Machine.hasCommand("perf"),
            Machine.hasCommand("strace"), System::currentTimeMillis);
    }

    /** The source a point gets on this machine now. */
    public Source source()
    {
        return perf && tracepoint ? Source.PERF : strace ? Source.STRACE : Source.NONE;
    }

    /** Why {@link #source()} is not perf (or nothing at all), for the census and the start of a suite. */
    public String why()
    {
        final String noPerf = !perf ? "perf is not on the PATH" : "the " + EVENT + " tracepoint is not there " +
            "(tracefs is not mounted at " + TRACEPOINTS.get(0).getParent().getParent().getParent() + "; the harness " +
            "does not mount it)";
        return strace ? noPerf : noPerf + ", and strace is not on the PATH";
    }

    /** One line for the configuration printed at the start of a suite. */
    public String describe()
    {
        return switch (source())
        {
            case PERF -> "perf stat -e " + EVENT + " over each measured window";
            case STRACE -> "strace -c -f over up to " + Durations.human(WINDOW) + " of a census run of each point's load " +
                "after its measured window (" + why() + ")";
            case NONE -> "none (" + why() + ")";
        };
    }

    /** The census run's client time: its warm-up and measured window. */
    public static Duration censusRunTime()
    {
        return CENSUS_WARMUP.plus(CENSUS_MEASURED);
    }

    /** perf counting the server while a point is measured; {@link #finish} makes the census. */
    public final class PerfCount implements AutoCloseable
    {
        private final Process process;
        private final Path output;
        private final long startEpochMs;

        private PerfCount(final Process process, final Path output, final long startEpochMs)
        {
            this.process = process;
            this.output = output;
            this.startEpochMs = startEpochMs;
        }

        /** Stops perf and counts the client's measured window of {@code summary}. */
        public SyscallCensus finish(final ClientSummary summary) throws InterruptedException
        {
            try
            {
                stop(process);
                final PerfIntervals intervals = PerfIntervals.parse(Files.readString(output), EVENT);
                final long from = summary.measuredFromEpochMs();
                final long to = summary.endEpochMs();
                final double messages = messages(summary);
                return counted(Source.PERF, "the measured window", (to - from) / 1000.0, summary, messages,
                    Math.round(intervals.between(startEpochMs, from, to)), Map.of());
            }
            catch (final IOException | IllegalArgumentException e)
            {
                process.destroyForcibly();
                return SyscallCensus.none("perf failed: " + e.getMessage());
            }
        }

        @Override
        public void close()
        {
            process.destroyForcibly();
        }
    }

    /** Starts perf on {@code pid}, its output into {@code dir}. */
    public PerfCount startPerf(final long pid, final Path dir) throws IOException
    {
        final Path output = dir.resolve("perf-stat.csv");
        final Process p = new ProcessBuilder("perf", "stat", "-x", ",", "-I", "1000", "-e", EVENT, "-p",
            Long.toString(pid), "-o", output.toString()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("perf.log").toFile()).start();
        return new PerfCount(p, output, clock.getAsLong());
    }

    /**
     * strace attached to a server during a census run: it waits until the run's connections are open, counts
     * {@link #WINDOW}, and detaches. Runs on its own thread while the census run's client runs on the caller's.
     */
    public final class StraceCount implements AutoCloseable
    {
        private final Thread thread;
        private volatile Process process;
        private volatile long attachedMs;
        private volatile long detachedMs;
        private volatile String failure;
        private final Path dir;

        private StraceCount(final long pid, final int connections, final Path dir)
        {
            this.dir = dir;
            this.thread = Thread.ofVirtual().name("strace-census").start(() -> count(pid, connections));
        }

        private void count(final long pid, final int connections)
        {
            try
            {
                if (!awaitConnections(pid, connections))
                {
                    failure = "the census run's " + connections + " connections were not open after " +
                        Durations.human(censusRunTime());
                    return;
                }
                final long connectedMs = clock.getAsLong();
                final long loadEnds = connectedMs + censusRunTime().minus(END_MARGIN).toMillis();
                Thread.sleep(SETTLE.toMillis());
                final Path log = dir.resolve("strace.log");
                process = new ProcessBuilder("strace", "-c", "-f", "-p", Long.toString(pid), "-o",
                    dir.resolve("strace-c.txt").toString()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
                final long deadline = clock.getAsLong() + TOOL_TIMEOUT.toMillis();
                while (!Files.readString(log).contains(" attached"))
                {
                    if (!process.isAlive() || clock.getAsLong() > deadline)
                    {
                        failure = "strace did not attach: " + oneLine(Files.readString(log));
                        process.destroyForcibly();
                        return;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                attachedMs = clock.getAsLong();
                final long end = Math.min(attachedMs + WINDOW.toMillis(), loadEnds);
                if (end - attachedMs < LEAST_WINDOW.toMillis())
                {
                    failure = "strace attached too late to count " + Durations.human(LEAST_WINDOW) + " of the census " +
                        "run's load (it attached " + (attachedMs - connectedMs) + " ms after the run's connections " +
                        "were open)";
                    stop(process);
                    return;
                }
                Thread.sleep(end - attachedMs);
                detachedMs = clock.getAsLong();
                stop(process);
            }
            catch (final IOException e)
            {
                failure = "strace failed: " + e.getMessage();
                if (process != null)
                {
                    process.destroyForcibly();
                }
            }
            catch (final InterruptedException e)
            {
                failure = "interrupted";
            }
        }

        /** Waits for the count to end, then makes the census of the census run that {@code summary} describes. */
        public SyscallCensus finish(final ClientSummary summary) throws InterruptedException, IOException
        {
            thread.join();
            if (failure != null)
            {
                return SyscallCensus.none(failure);
            }
            if (attachedMs < summary.startEpochMs() || detachedMs > summary.endEpochMs())
            {
                return SyscallCensus.none(String.format(Locale.ROOT, "strace counted from %.2f s to %.2f s of the " +
                    "census run, outside its load (0 to %.2f s)", (attachedMs - summary.startEpochMs()) / 1000.0,
                    (detachedMs - summary.startEpochMs()) / 1000.0,
                    (summary.endEpochMs() - summary.startEpochMs()) / 1000.0));
            }
            final StraceSummary table;
            try
            {
                table = StraceSummary.parse(Files.readString(dir.resolve("strace-c.txt")));
            }
            catch (final IllegalArgumentException e)
            {
                return SyscallCensus.none(e.getMessage());
            }
            final double seconds = (detachedMs - attachedMs) / 1000.0;
            final double messages = summary.achievedRate() * seconds;
            return counted(Source.STRACE, "a census run after the measured window (strace -c -f, " +
                String.format(Locale.ROOT, "%.2f s", seconds) + ")", seconds, summary, messages, table.total(),
                table.calls());
        }

        @Override
        public void close() throws InterruptedException
        {
            thread.interrupt();
            final Process p = process;
            if (p != null)
            {
                p.destroyForcibly();
            }
            thread.join();
        }
    }

    /** Starts counting a census run of {@code connections} connections to {@code pid}; its files go to {@code dir}. */
    public StraceCount startStrace(final long pid, final int connections, final Path dir)
    {
        return new StraceCount(pid, connections, dir);
    }

    /** Waits until the server holds {@code connections} more sockets, for at most the census run's time. */
    private boolean awaitConnections(final long pid, final int connections) throws IOException, InterruptedException
    {
        return OpenSockets.awaitMore(pid, connections, clock.getAsLong() + censusRunTime().toMillis(), clock,
            POLL_MILLIS) >= connections;
    }

    /** A count over {@code seconds} of the load that {@code summary} describes, {@code messages} of it. */
    private static SyscallCensus counted(final Source source, final String window, final double seconds,
        final ClientSummary summary, final double messages, final long total, final Map<String, Long> calls)
    {
        return new SyscallCensus(source, null, window, seconds, summary.achievedRate(), messages,
            deliveries(summary, messages), total, calls);
    }

    /** Messages in the client's measured window, as rate_achieved counts them. */
    private static double messages(final ClientSummary summary)
    {
        return summary.achievedRate() * summary.measuredSeconds();
    }

    /** Chat: the deliveries of {@code messages}, at the client's measured deliveries per message; null for echo. */
    private static Double deliveries(final ClientSummary summary, final double messages)
    {
        final double measured = messages(summary);
        return summary.chat() == null || !(measured > 0) ? null
            : messages * summary.chat().receivedDeliveries() / measured;
    }

    /** SIGINT, on which perf and strace both detach and write what they counted. */
    private static void stop(final Process process) throws InterruptedException, IOException
    {
        Signals.interrupt(process.pid());
        if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new IOException("did not exit within " + Durations.human(TOOL_TIMEOUT) + " of SIGTERM");
        }
    }

    private static String oneLine(final String text)
    {
        return String.join(" | ", text.lines().filter(l -> !l.isBlank()).toList());
    }
}
