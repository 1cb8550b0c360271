package io.ioarena.load;

import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reporter's totals, collected once at stop (its thread never started: the clock is the test's). */
class IntervalReporterTest
{
    private static final long MS = 1_000_000;

    @Test
    void theCompensatedTagIsTheLatencyCorrectedForTheExpectedInterval() throws InterruptedException
    {
        final ThreadRecorders a = new ThreadRecorders(EnumSet.allOf(Tag.class));
        final ThreadRecorders b = new ThreadRecorders(EnumSet.allOf(Tag.class));
        // Nine quick answers and one that took 10 ms, on a slot expected to cycle every 2 ms: the slow one stands
        // for the four sends it held up, which would have waited 8, 6, 4 and 2 ms.
        for (int i = 0; i < 9; i++)
        {
            (i % 2 == 0 ? a : b).record(Tag.LATENCY, MS / 2);
        }
        b.record(Tag.LATENCY, 10 * MS);
        final IntervalReporter reporter = new IntervalReporter(List.of(a, b), List.of(Tag.LATENCY, Tag.COMPENSATED),
            () -> 5_000 * MS, 4_000 * MS, 1_700_000_000_000L, null, 2 * MS);
        final Map<Tag, Histogram> totals = reporter.stop();

        assertEquals(10, totals.get(Tag.LATENCY).getTotalCount(), "the latency itself stays uncorrected");
        final Histogram compensated = totals.get(Tag.COMPENSATED);
        assertEquals(14, compensated.getTotalCount());
        assertEquals(9, compensated.getCountAtValue(MS / 2));
        for (final long v : new long[] {2 * MS, 4 * MS, 6 * MS, 8 * MS, 10 * MS})
        {
            assertEquals(1, compensated.getCountBetweenValues(v - MS / 100, v + MS / 100), v + " ns");
        }
    }
}
