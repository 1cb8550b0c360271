package io.ioarena.load;

import io.ioarena.contract.Tag;

import java.util.EnumSet;
import java.util.concurrent.locks.LockSupport;

/**
 * The generator's own stalls, jHiccup's way: one thread per run that does nothing but sleep a fixed short time, over
 * and over, and records how much later than asked it woke up. Whatever stalls the client threads (the scheduler
 * giving their core away, a GC pause, a safepoint) stalls this thread too, so a gap here is time the client's own
 * timestamps may have absorbed. Gaps of sleeps that overlap the measured phase are recorded under
 * {@link Tag#HICCUP} in this meter's own recorders; the longest is kept exactly for the {@code GENERATOR_HICCUP}
 * flag, and the gaps of at least one whole sleep are summed. The meter ends by itself at the end of the measured
 * phase, or when stopped. Since it wakes up every {@link #RESOLUTION_NANOS} anyway, it also tells {@link PhaseEdges}
 * when the measured phase starts and ends (so within 10 ms of it), off the client threads.
 */
final class HiccupMeter implements Runnable
{
    /**
     * What each sleep asks for: 10 ms, not jHiccup's 1 ms. The meter shares its core with the client's I/O thread,
     * which in open loop polls for its next send and has no idle time: every wake-up of the meter takes the CPU from
     * it. At 1 ms that was 9-19 ms of the core a second in a thousand slices (a per-thread scheduler trace of 20k
     * msg/s runs, 2026-12-04), and the I/O thread's p99 against the C echo server rose with it (four pairs: 155-500
     * us at 1 ms, 82-294 us at 10 ms, the I/O thread's wait for its CPU 70 ms a run against 18). The I/O threads'
     * own gaps (1 ms and longer, {@link ClientThread#STALL_NANOS}) are what counts as the client's stalled time; the
     * meter is for its longest stall and {@code GENERATOR_HICCUP} at the default 10 ms threshold: a stall of S wakes
     * it between S - 10 ms and S late, so every stall over 20 ms flags, and the longest one's length is known to 10 ms.
     */
    static final long RESOLUTION_NANOS = 10_000_000;

    /** How the meter sleeps: injected so that tests decide how late each wake-up is. */
    @FunctionalInterface
    interface Sleeper
    {
        void sleep(long nanos);
    }

    /** Production: park, which {@link #stop} can cut short. */
    static final Sleeper PARK = LockSupport::parkNanos;

    /** What else runs on the meter's thread, at its first wake-up in and after the measured phase. */
    interface PhaseEdges
    {
        PhaseEdges NONE = new PhaseEdges()
        {
            @Override
            public void measureStarted()
            {
            }

            @Override
            public void measureEnded()
            {
            }
        };

        void measureStarted();

        void measureEnded();
    }

    private final NanoClock clock;
    private final Sleeper sleeper;
    private final RunTiming timing;
    private final PhaseEdges edges;
    private final ThreadRecorders recorders = new ThreadRecorders(EnumSet.of(Tag.HICCUP));
    private volatile boolean stopping;
    private Thread thread;
    /** Written by the meter's thread only; read after {@link #stop} (the join orders it) or after {@link #run}. */
    private long maxGapNanos;
    /** Same: the sum of the measured gaps of at least {@link #RESOLUTION_NANOS}. */
    private long stalledNanos;

    HiccupMeter(final NanoClock clock, final Sleeper sleeper, final RunTiming timing, final PhaseEdges edges)
    {
        this.clock = clock;
        this.sleeper = sleeper;
        this.timing = timing;
        this.edges = edges;
    }

    /** The meter's recorders (of {@link Tag#HICCUP} only), for the reporter to collect. */
    ThreadRecorders recorders()
    {
        return recorders;
    }

    /** Starts the meter on its own daemon thread. */
    void start()
    {
        thread = new Thread(this, "ioarena-hiccup");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the meter (it normally has ended by itself at the end of the measured phase) and waits for it. */
    void stop() throws InterruptedException
    {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
    }

    /** The longest gap of a sleep that overlapped the measured phase, in ns; 0 when there was none. */
    long maxGapNanos()
    {
        return maxGapNanos;
    }

    /**
     * The client's stalled time in the measured phase: gaps of at least one whole sleep, summed. Shorter gaps are
     * the timer's slack (tens of microseconds on every wake-up, so several percent of the window summed), not
     * stalls of the client.
     */
    long stalledNanos()
    {
        return stalledNanos;
    }

    @Override
    public void run()
    {
        long before = clock.nanoTime();
        boolean measuring = false;
        while (!stopping)
        {
            sleeper.sleep(RESOLUTION_NANOS);
            final long now = clock.nanoTime();
            if (now > timing.measureStart() && before < timing.end())
            {
                // A wake-up earlier than asked (parkNanos may return early) is no stall: it counts as 0.
                final long gap = Math.max(0, now - before - RESOLUTION_NANOS);
                recorders.record(Tag.HICCUP, gap);
                maxGapNanos = Math.max(maxGapNanos, gap);
                if (gap >= RESOLUTION_NANOS)
                {
                    stalledNanos += gap;
                }
            }
            if (!measuring && now >= timing.measureStart())
            {
                measuring = true;
                edges.measureStarted();
            }
            if (now >= timing.end())
            {
                edges.measureEnded();
                return;
            }
            // What the edges took is the meter's own work, not a stall: the next sleep starts now.
            before = clock.nanoTime();
        }
    }
}
