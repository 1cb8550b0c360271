package io.ioarena.harness.run;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-thread cumulative counters (context switches, run-queue wait) summed over a process's threads into totals that
 * never fall. A plain sum over the threads alive at each reading drops when threads end — connection threads end
 * as the client disconnects, just after the measured window — and a window cut from such sums came out negative.
 * Here each reading adds what every thread counted since the previous reading (all it counted so far, for a thread
 * seen for the first time), so a thread that ends takes with it only what it counted after its last reading.
 * One instance follows one process tree, reading after reading. The same bookkeeping keeps the tree's per-process
 * counters (CPU ticks, system calls), keyed by process id, so that a child process that ends does not take its CPU out
 * of the tree's sum.
 */
final class ThreadTotals
{
    static final int VOLUNTARY_SWITCHES = 0;
    static final int INVOLUNTARY_SWITCHES = 1;
    static final int WAIT_NANOS = 2;
    static final int EVENT_LOOP_WAIT_NANOS = 3;
    static final int COUNTERS = 4;

    private final long[] totals;
    private Map<String, long[]> previous = new HashMap<>();
    private Map<String, long[]> current = new HashMap<>();

    /** @param counters how many counters each id has: {@link #COUNTERS} for threads. */
    ThreadTotals(final int counters)
    {
        this.totals = new long[counters];
    }

    /** One thread's cumulative counters in this reading, indexed as the constants above. */
    void add(final String tid, final long[] counters)
    {
        final long[] before = previous.get(tid);
        boolean reused = false;
        for (int i = 0; before != null && i < totals.length; i++)
        {
            // a counter below its last reading is a new thread under a reused id: all it counted is new
            reused |= counters[i] < before[i];
        }
        for (int i = 0; i < totals.length; i++)
        {
            totals[i] += before == null || reused ? counters[i] : counters[i] - before[i];
        }
        current.put(tid, counters.clone());
    }

    /** Ends a reading: the totals over every thread seen so far. */
    long[] endReading()
    {
        previous = current;
        current = new HashMap<>();
        return totals.clone();
    }
}
