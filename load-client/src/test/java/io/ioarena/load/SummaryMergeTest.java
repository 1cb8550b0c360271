package io.ioarena.load;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.GeneratorHealth;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two instances' summaries add up to one run's: counts summed, window spanned, health the worst instance's. */
class SummaryMergeTest
{
    @Test
    void countsAddUpAndPercentilesComeFromTheMergedHistogram()
    {
        final Histogram total = new Histogram(3);
        total.recordValue(1000);
        total.recordValue(3000);
        final ClientSummary merged = SummaryMerge.merge(List.of(instance(0, 100, 1_000, 2_000, 0.5, true, List.of()),
            instance(1, 50, 1_010, 2_010, 0.9, true, List.of())), Map.of("latency", total), List.of());
        assertEquals(150, merged.sent());
        assertEquals(150, merged.received());
        assertEquals(3, merged.errors().lost());
        assertEquals(8, merged.connections().requested());
        assertEquals(1_000, merged.startEpochMs());
        assertEquals(2_010, merged.endEpochMs());
        assertEquals(2, merged.histogram(io.ioarena.contract.Tag.LATENCY).count());
        assertEquals(0.9, merged.generator().threadBusy());
        assertEquals(2, merged.config().get("instanceCount"));
        assertFalse(merged.config().containsKey("instanceIndex"));
        assertNull(merged.chat());
        assertTrue(merged.valid());
    }

    @Test
    void oneInvalidInstanceOrAnIncompleteMergeMakesTheRunInvalid()
    {
        final List<ClientSummary> two = List.of(instance(0, 1, 0, 1, 0.1, true, List.of()),
            instance(1, 1, 0, 1, 0.1, false, List.of("LOST")));
        assertFalse(SummaryMerge.merge(two, Map.of(), List.of()).valid());
        assertEquals(List.of("LOST"), SummaryMerge.merge(two, Map.of(), List.of()).flags());
        final ClientSummary incomplete = SummaryMerge.merge(List.of(two.getFirst()), Map.of(),
            List.of("MISSING_INSTANCE"));
        assertEquals(List.of("MISSING_INSTANCE"), incomplete.flags());
        assertFalse(incomplete.valid());
    }

    private static ClientSummary instance(final int index, final long sent, final long start, final long end,
        final double busy, final boolean valid, final List<String> flags)
    {
        return new ClientSummary("ioarena-load", "1", Map.of("instanceIndex", index, "instanceCount", 2), "open",
            "open-loop", "echo", "line", start, end, 1.0, 200, sent, sent, sent, 5, 5, 64 * sent, 0, 0,
            new ClientSummary.Connections(4, 4, 0), new ClientSummary.Errors(0, 0, index == 0 ? 1 : 2, 0, 0, 0, 0, 0),
            null, Map.of(), new GeneratorHealth(10, busy, 0.5, 1.0, "0", 0L, 0L, 0L, null, null, null), null, flags, valid);
    }
}
