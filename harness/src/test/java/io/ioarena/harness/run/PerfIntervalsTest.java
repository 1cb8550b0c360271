package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * perf's interval output, captured on this machine with a software event ({@code perf stat -x , -I 500 -e
 * context-switches -p <pid>}): the tracepoint the harness counts is not mounted here, and its lines have the same
 * form.
 */
class PerfIntervalsTest
{
    private static final String EVENT = "context-switches";

    @Test
    void theIntervalsOfTheEventAreRead() throws IOException
    {
        final PerfIntervals p = PerfIntervals.parse(StraceSummaryTest.capture("perf-stat-I-context-switches.txt"),
            EVENT);
        assertEquals(4, p.ends().size());
        assertEquals(0.502102682, p.ends().get(0), 1e-9);
        assertEquals(java.util.List.of(3L, 2L, 3L, 1L), p.counts());
    }

    @Test
    void aWindowCountsWhatFellInsideItEvenlyWithinEachInterval() throws IOException
    {
        final PerfIntervals p = PerfIntervals.parse(StraceSummaryTest.capture("perf-stat-I-context-switches.txt"),
            EVENT);
        final long start = 1_000_000;
        assertEquals(9, p.between(start, start, start + 5_000), 1e-9, "a window over perf's whole life");
        assertEquals(2, p.between(start, start + 502, start + 1003), 0.02, "exactly the second interval");
        assertEquals(1.5, p.between(start, start, start + 251), 0.01, "half the first");
        assertEquals(0, p.between(start, start + 2_000, start + 3_000), 1e-9, "after perf ended");
    }

    @Test
    void anEventPerfCouldNotCountIsAnError()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PerfIntervals.parse(
            "     1.001034567,<not counted>,,raw_syscalls:sys_enter,0,0.00,,\n", "raw_syscalls:sys_enter"));
        assertTrue(e.getMessage().contains("not counted"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PerfIntervals.parse("# started on ...\n\n", EVENT));
    }
}
