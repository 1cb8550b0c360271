package io.ioarena.load;

import io.ioarena.contract.GeneratorHealth;
import io.ioarena.contract.Mode;
import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The generator's validity flags, from what the watchdogs saw (no run needed: the result is built by hand). */
class GeneratorFlagsTest
{
    private static final long MS = 1_000_000;

    @Test
    void aStallLongerThanTheThresholdFlagsTheRun()
    {
        assertEquals(List.of(), result(Mode.OPEN, 10 * MS, health(10 * MS)).flags(), "at the threshold: valid");
        assertEquals(List.of("GENERATOR_HICCUP"), result(Mode.OPEN, 10 * MS, health(10 * MS + 1)).flags());
        assertEquals(List.of("GENERATOR_HICCUP"), result(Mode.CLOSED, 10 * MS, health(10 * MS + 1)).flags(),
            "a stall distorts closed-loop service times too");
        assertEquals(List.of(), result(Mode.OPEN, 50 * MS, health(20 * MS)).flags(), "--hiccup-threshold 50ms");
    }

    @Test
    void openLoopIsFlaggedWhenOtherWorkLeftTheClientLessThanAFifthOfItsCpus()
    {
        assertEquals(List.of("GENERATOR_CPU"), result(Mode.OPEN, 10 * MS, cpu(1.0, 0.0, 0.19)).flags());
        assertEquals(List.of(), result(Mode.OPEN, 10 * MS, cpu(1.0, 0.0, 0.20)).flags(), "at the limit: valid");
        assertEquals(List.of(), result(Mode.OPEN, 10 * MS, cpu(1.0, 0.0, 1.0)).flags(),
            "a client busy polling its own plan, with no idle time left, is not starved");
        assertEquals(List.of(), result(Mode.OPEN, 10 * MS, cpu(1.0, null, null)).flags(),
            "without /proc the threads' busy share says nothing in open loop (the poll): no flag");
    }

    @Test
    void closedLoopReportsTheCpuButIsNeverFlaggedForIt()
    {
        assertEquals(List.of(), result(Mode.CLOSED, 10 * MS, cpu(1.0, 0.0, 0.05)).flags());
    }

    @Test
    void aTurnOfTheLoopThatPolledAndCameBackAMillisecondOrMoreLaterStalledForThePartInTheMeasuredPhase()
    {
        // measured from 10 ms to 20 ms
        final RunTiming timing = new RunTiming(0, 10 * MS, 20 * MS, 30 * MS);
        assertEquals(3 * MS, ClientThread.stalledInWindow(12 * MS, 15 * MS, timing));
        assertEquals(0, ClientThread.stalledInWindow(12 * MS, 12 * MS + 999_999, timing), "under 1 ms: no stall");
        assertEquals(MS, ClientThread.stalledInWindow(12 * MS, 13 * MS, timing), "1 ms is a stall");
        assertEquals(0, ClientThread.stalledInWindow(-1, 15 * MS, timing), "the last turn blocked: waiting, not stalled");
        assertEquals(2 * MS, ClientThread.stalledInWindow(8 * MS, 12 * MS, timing), "only what falls in the window");
        assertEquals(MS, ClientThread.stalledInWindow(19 * MS, 25 * MS, timing), "likewise at its end");
        assertEquals(0, ClientThread.stalledInWindow(2 * MS, 6 * MS, timing), "in the warm-up");
        assertEquals(0, ClientThread.stalledInWindow(21 * MS, 26 * MS, timing), "in the drain");
    }

    @Test
    void healthIsTheDifferenceOfTheSnapshotsAtTheEdgesOfTheMeasuredPhase()
    {
        // One client thread, 2 allowed CPUs, 1 s measured: the thread used 0.3 s of CPU; of the CPUs' 200 ticks,
        // 50 were idle; 2 GC pauses took 7 ms; the thread waited 6 ms for a CPU; the JIT compiled for 12 ms.
        final GeneratorProbe.Snapshot start = new GeneratorProbe.Snapshot(5_000 * MS, 100 * MS, new long[] {1000, 4000},
            3, 10, 20 * MS, 900);
        final GeneratorProbe.Snapshot end = new GeneratorProbe.Snapshot(6_000 * MS, 400 * MS, new long[] {1050, 4200},
            5, 17, 26 * MS, 912);
        final GeneratorHealth h = GeneratorProbe.between(start, end, 1, "0-1", 2, 3 * MS, 4 * MS, 2 * MS);
        assertEquals(3 * MS, h.hiccupMaxNanos());
        assertEquals(0.3, h.threadBusy(), 1e-12);
        assertEquals(0.25, h.cpuIdle(), 1e-12);
        assertEquals(0.25 + 0.3 / 2, h.cpuAvailable(), 1e-12);
        assertEquals("0-1", h.cpus());
        assertEquals(2, h.gcPauses());
        assertEquals(7 * MS, h.gcPauseNanos());
        assertEquals(4 * MS, h.stalledNanos());
        assertEquals(6 * MS, h.ioWaitNanos());
        assertEquals(2 * MS, h.ioStalledNanos());
        assertEquals(12 * MS, h.jitNanos());

        final GeneratorHealth noProc = GeneratorProbe.between(new GeneratorProbe.Snapshot(0, 0, null, 0, 0, -1, -1),
            new GeneratorProbe.Snapshot(1000 * MS, 2000 * MS, null, 0, 0, -1, -1), 2, null, 0, 0, 0, 0);
        assertEquals(1.0, noProc.threadBusy(), 1e-12, "2 threads busy the whole second");
        assertEquals(null, noProc.cpuIdle());
        assertEquals(null, noProc.cpuAvailable());
        assertEquals(null, noProc.cpus());
        assertEquals(null, noProc.ioWaitNanos(), "no schedstat");
        assertEquals(null, noProc.jitNanos(), "a JVM that does not time its compiles");
        final GeneratorHealth twoThreads = GeneratorProbe.between(new GeneratorProbe.Snapshot(0, 0, null, 0, 0, 0, 0),
            new GeneratorProbe.Snapshot(1000 * MS, 2000 * MS, null, 0, 0, 8 * MS, 0), 2, null, 0, 0, 0, 0);
        assertEquals(4 * MS, twoThreads.ioWaitNanos(), "per thread");

        final GeneratorHealth noEnd = GeneratorProbe.between(start, null, 1, "0-1", 2, 3 * MS, 5 * MS, MS);
        assertEquals(GeneratorHealth.hiccupsOnly(3 * MS, 5 * MS, MS), noEnd, "the run stopped before the measured phase ended");
    }

    static GeneratorHealth health(final long hiccupMaxNanos)
    {
        return GeneratorHealth.hiccupsOnly(hiccupMaxNanos, hiccupMaxNanos, 0);
    }

    static GeneratorHealth cpu(final double threadBusy, final Double cpuIdle, final Double cpuAvailable)
    {
        return new GeneratorHealth(0, threadBusy, cpuIdle, cpuAvailable, cpuIdle == null ? null : "0", 0L, 0L, 0L, 0L, 0L,
            0L);
    }

    /** A run of 1 s at 1,000 msg/s over 2 connections that got every answer: only the generator can flag it. */
    static RunResult result(final Mode mode, final long hiccupThresholdNanos, final GeneratorHealth generator)
    {
        final LoadConfig.Builder b = LoadConfig.builder(1);
        b.mode = mode;
        b.connections = 2;
        b.durationNanos = 1000 * MS;
        b.hiccupThresholdNanos = hiccupThresholdNanos;
        final Map<Tag, Histogram> histograms = new EnumMap<>(Tag.class);
        for (final Tag tag : Tag.values())
        {
            histograms.put(tag, new Histogram(ThreadRecorders.SIGNIFICANT_DIGITS));
        }
        final ThreadStats stats = new ThreadStats();
        stats.sent = 1000;
        stats.received = 1000;
        return new RunResult(b.build(), 0, 2000, histograms, stats, 2, false, generator,
            new TimerCheck.Result(0, 0, 0));
    }
}
