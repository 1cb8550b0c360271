package io.ioarena.harness.results;

import io.ioarena.harness.run.ProcSample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ResourcesTest
{
    @Test
    void countersAreInterpolatedAtTheWindowEdges()
    {
        // one CPU second of user time per 1000 ms, 10 voluntary switches per sample
        final List<ProcSample> samples = List.of(
            new ProcSample(1000, 0.0, 0.0, 100, 3, 0, 0, 0, 2, 0, 0),
            new ProcSample(2000, 1.0, 0.5, 300, 5, 10, 1, 0, 2, 0, 0),
            new ProcSample(3000, 2.0, 1.0, 200, 4, 20, 2, 0, 2, 0, 0),
            new ProcSample(4000, 3.0, 1.5, 900, 9, 30, 3, 0, 2, 0, 0));
        final Resources r = Resources.of(samples, 1500, 3500, null);
        assertEquals(2.0, r.windowSeconds(), 1e-9);
        assertEquals(2.0, r.cpuUserSeconds(), 1e-9);
        assertEquals(1.0, r.cpuSysSeconds(), 1e-9);
        assertEquals(20, r.contextSwitchesVoluntary());
        assertEquals(300, r.rssMaxBytes(), "highest RSS sampled inside the window");
        assertEquals(5, r.threadsMax());
    }

    @Test
    void rwSyscallsAreInterpolatedLikeTheOtherCountersAndMissingWhenASampleCouldNotReadThem()
    {
        final List<ProcSample> samples = List.of(
            new ProcSample(1000, 0, 0, 1, 9, 0, 0, 0, 0, 0, 5_000),
            new ProcSample(2000, 0, 0, 1, 9, 0, 0, 0, 0, 0, 7_000),
            new ProcSample(3000, 0, 0, 1, 9, 0, 0, 0, 0, 0, 13_000));
        assertEquals(4_000, Resources.of(samples, 1500, 2500, null).rwSyscalls(),
            "interpolated: 6000 at 1500, 10000 at 2500");

        final List<ProcSample> unreadable = List.of(
            new ProcSample(1000, 0, 0, 1, 9, 0, 0, 0, 0, 0, -1),
            new ProcSample(2000, 0, 0, 1, 9, 0, 0, 0, 0, 0, -1));
        assertNull(Resources.of(unreadable, 1000, 2000, null).rwSyscalls());
    }

    @Test
    void runQueueWaitIsPerSecondOfTheWindow()
    {
        // event loops wait 100 ms per second until 3000, then 500; the whole process 50 ms more per second
        final List<ProcSample> samples = List.of(
            new ProcSample(1000, 0, 0, 1, 9, 0, 0, 0, 1, 0, 0),
            new ProcSample(2000, 0, 0, 1, 9, 0, 0, 150, 2, 100, 0),
            new ProcSample(3000, 0, 0, 1, 9, 0, 0, 300, 2, 200, 0),
            new ProcSample(4000, 0, 0, 1, 9, 0, 0, 850, 2, 700, 0));
        final Resources r = Resources.of(samples, 2500, 3500, null);
        assertEquals((450 - 150) / 1.0, r.eventLoopRunQueueMsPerSecond(), 1e-9,
            "interpolated: 150 at 2500, 450 at 3500");
        assertEquals((575 - 225) / 1.0, r.runQueueMsPerSecond(), 1e-9);
        assertEquals(2, r.eventLoopThreads());
        assertEquals(100, Resources.of(samples, 1000, 2000, null).eventLoopRunQueueMsPerSecond(), 1e-9);
    }

    @Test
    void runQueueWaitIsMissingWhenNoThreadMatchedOrTheKernelKeepsNone()
    {
        final List<ProcSample> noLoops = List.of(
            new ProcSample(1000, 0, 0, 1, 9, 0, 0, 0, 0, 0, 0),
            new ProcSample(2000, 0, 0, 1, 9, 0, 0, 150, 0, 0, 0));
        final Resources r = Resources.of(noLoops, 1000, 2000, null);
        assertNull(r.eventLoopRunQueueMsPerSecond(), "a pattern that matched no thread measured nothing");
        assertEquals(150, r.runQueueMsPerSecond(), 1e-9);

        final List<ProcSample> noSchedstat = List.of(
            new ProcSample(1000, 0, 0, 1, 9, 0, 0, Double.NaN, 2, Double.NaN, 0),
            new ProcSample(2000, 0, 0, 1, 9, 0, 0, Double.NaN, 2, Double.NaN, 0));
        final Resources n = Resources.of(noSchedstat, 1000, 2000, null);
        assertNull(n.eventLoopRunQueueMsPerSecond());
        assertNull(n.runQueueMsPerSecond());
    }
}
