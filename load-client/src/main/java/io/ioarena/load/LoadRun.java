package io.ioarena.load;

import io.ioarena.contract.Tag;
import io.ioarena.protocol.Service;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of the load client, as a library call: connect this instance's slice of the connections over the client
 * threads, start them together, wait for them to finish and drain, and return what was measured.
 */
public final class LoadRun
{
    /** Time between "every thread is ready" and the origin when no {@code --start-at} is given. */
    private static final long START_LEAD_NANOS = 20_000_000;

    private final LoadConfig config;
    private final NanoClock clock;

    public LoadRun(final LoadConfig config, final NanoClock clock)
    {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Runs; writes the interval log through {@code log} (null for none) as it goes.
     *
     * @throws IOException when the client cannot open its sockets or selectors at all
     */
    public RunResult run(final LogSink log) throws IOException, InterruptedException
    {
        final ChatRooms rooms = config.workload() == Service.CHAT
            ? new ChatRooms(config.rooms(), config.connections()) : null;
        final RunControl control = new RunControl(config.threads());
        final Slice instance = config.instanceSlice();
        final List<ClientThread> clients = new ArrayList<>();
        for (int t = 0; t < config.threads(); t++)
        {
            clients.add(new ClientThread(config, instance.part(config.threads(), t),
                config.visitorSlice().part(config.threads(), t), clock, control, rooms));
        }
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients.size(); t++)
        {
            final Thread thread = new Thread(clients.get(t), "ioarena-client-" + t);
            thread.setUncaughtExceptionHandler((th, e) -> failure.compareAndSet(null, e));
            threads.add(thread);
            thread.start();
        }
        control.awaitReady(config.connectTimeoutNanos() + 10_000_000_000L);

        final long nowNanos = clock.nanoTime();
        final Instant nowInstant = Instant.now();
        final long nowEpochNanos = nowInstant.getEpochSecond() * 1_000_000_000L + nowInstant.getNano();
        long origin = nowNanos + START_LEAD_NANOS;
        boolean lateStart = false;
        if (config.startAtEpochMs() >= 0)
        {
            final long untilStart = config.startAtEpochMs() * 1_000_000L - nowEpochNanos;
            lateStart = untilStart < 0;
            origin = nowNanos + Math.max(untilStart, START_LEAD_NANOS);
        }
        final long originEpochMs = (nowEpochNanos + (origin - nowNanos)) / 1_000_000;
        final boolean anyReady = clients.stream().anyMatch(ClientThread::anyReady);
        // With no connection there is nothing to run: the threads are released at once and the run fails below.
        final RunTiming timing = anyReady ? RunTiming.of(origin, config) : new RunTiming(origin, origin, origin, origin);

        final GeneratorProbe probe = new GeneratorProbe(clock, threads, clients,
            ProcCpuTimes.open(Path.of("/proc")));
        final HiccupMeter hiccups = new HiccupMeter(clock, HiccupMeter.PARK, timing, probe);
        final List<ThreadRecorders> recorders = new ArrayList<>();
        clients.forEach(client -> recorders.add(client.recorders()));
        recorders.add(hiccups.recorders());
        final IntervalLog writer = log == null ? null : log.open(originEpochMs);
        final IntervalReporter reporter = new IntervalReporter(recorders, tags(config), clock, origin, originEpochMs,
            writer, config.cycleIntervalNanos());
        reporter.start();
        hiccups.start();
        control.start(timing);
        for (final Thread thread : threads)
        {
            thread.join();
        }
        hiccups.stop();
        final Map<Tag, Histogram> totals = reporter.stop();
        final long endEpochMs = Instant.now().toEpochMilli();
        if (failure.get() != null)
        {
            throw new IllegalStateException("a client thread failed", failure.get());
        }

        if (!anyReady)
        {
            throw new NoConnectionException("no connection to " + config.host() + ":" + config.port()
                + " could be established and set up within --connect-timeout");
        }
        final ThreadStats stats = new ThreadStats();
        int established = 0;
        for (final ClientThread client : clients)
        {
            stats.add(client.stats());
            established += client.established();
            for (final Connection c : client.connections())
            {
                // a visitor has counted its own in its finish
                if (c instanceof ChatConnection && c.timing != null && !c.disconnected)
                {
                    stats.unanswered += c.missingCopies();
                }
            }
        }
        final TimerCheck.Result timer = clients.stream().map(ClientThread::timer).filter(Objects::nonNull)
            .reduce(TimerCheck.Result::worst).orElse(null);
        return new RunResult(config, originEpochMs, endEpochMs, totals, stats, established, lateStart,
            probe.health(hiccups.maxGapNanos(), hiccups.stalledNanos(), stats.stalledNanos / clients.size()), timer);
    }

    /** The tags a run of this configuration records (and writes in every interval). */
    static List<Tag> tags(final LoadConfig config)
    {
        final EnumSet<Tag> tags = EnumSet.allOf(Tag.class);
        if (config.workload() != Service.CHAT)
        {
            tags.remove(Tag.DELIVERY);
        }
        if (config.cycleIntervalNanos() == 0)
        {
            tags.remove(Tag.COMPENSATED);
        }
        if (config.chatChurn() == 0)
        {
            tags.remove(Tag.JOIN);
        }
        return List.copyOf(tags);
    }

    /** The run could not be done: not one connection became ready. */
    public static final class NoConnectionException extends IOException
    {
        public NoConnectionException(final String message)
        {
            super(message);
        }
    }

    /** Where the interval log goes: opened once the run's origin is known, so its header can carry it. */
    @FunctionalInterface
    public interface LogSink
    {
        IntervalLog open(long originEpochMs) throws IOException;
    }
}
