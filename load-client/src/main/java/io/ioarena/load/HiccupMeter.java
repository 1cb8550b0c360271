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
 * flag, and the gaps of at least one whole sleep are summed as the client's stalled time. The meter ends by itself at the end of the measured phase, or when stopped. Since it wakes up every
 * millisecond anyway, it also tells {@link PhaseEdges} when the measured phase starts and ends, off the client
 * threads.
 */
final class HiccupMeter implements Runnable
{
    /**
     * What each sleep asks for. 1 ms, as jHiccup: short enough that a stall of the default 10 ms threshold shows in
     * one sample instead of being split between several, long enough that the thread costs nothing measurable (a
     * thousand wake-ups a second next to client threads that poll continuously).
     */
    static final long RESOLUTION_NANOS = 1_000_000;

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
