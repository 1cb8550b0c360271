package io.ioarena.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunTimingTest
{
    /** Warm-up [100, 1000), measured [1000, 5000), drain to 7000; origins as large as System.nanoTime's. */
    private static final long BASE = 4_000_000_000_000_000_000L;
    private static final RunTiming TIMING = new RunTiming(BASE + 100, BASE + 1_000, BASE + 5_000, BASE + 7_000);

    @Test
    void aMessageIsMeasuredExactlyFromMeasureStartToJustBeforeTheEnd()
    {
        assertEquals(RunTiming.WARMUP, TIMING.phase(BASE + 100));
        assertEquals(RunTiming.WARMUP, TIMING.phase(BASE + 999));
        assertEquals(RunTiming.MEASURED, TIMING.phase(BASE + 1_000));
        assertEquals(RunTiming.MEASURED, TIMING.phase(BASE + 4_999));
        assertEquals(RunTiming.WARMUP, TIMING.phase(BASE + 5_000), "the end belongs to no measured message");
        assertEquals(RunTiming.WARMUP, TIMING.phase(BASE + 6_000));
        assertEquals(RunTiming.WARMUP, TIMING.phase(BASE - 1_000_000), "before the origin");
    }

    @Test
    void theMeasuredPhaseCanBeEmptyOrHaveNoWarmUp()
    {
        final RunTiming none = new RunTiming(BASE, BASE, BASE, BASE);
        assertEquals(RunTiming.WARMUP, none.phase(BASE));
        final RunTiming noWarmUp = new RunTiming(BASE, BASE, BASE + 10, BASE + 20);
        assertEquals(RunTiming.MEASURED, noWarmUp.phase(BASE));
        assertEquals(RunTiming.MEASURED, noWarmUp.phase(BASE + 9));
    }

    @Test
    void nothingIsDueAtOrAfterTheEnd()
    {
        assertEquals(BASE + 4_999, TIMING.dueBeforeEnd(BASE + 4_999));
        assertEquals(BASE + 100, TIMING.dueBeforeEnd(BASE + 100));
        assertEquals(Long.MAX_VALUE, TIMING.dueBeforeEnd(BASE + 5_000));
        assertEquals(Long.MAX_VALUE, TIMING.dueBeforeEnd(BASE + 1_000_000));
    }
}
