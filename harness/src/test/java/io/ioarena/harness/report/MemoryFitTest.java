package io.ioarena.harness.report;

import io.ioarena.harness.results.LinearFit;
import io.ioarena.harness.results.MemoryReading;
import io.ioarena.harness.results.MemoryUse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryFitTest
{
    private static MemoryUse use(final int connections, final long heapKb, final Long nativeKb)
    {
        final MemoryReading before = new MemoryReading(100 << 20, 90 << 20, 4L << 20, nativeKb == null ? null : 300L << 20,
            nativeKb == null ? null : 256L << 20);
        final MemoryReading during = new MemoryReading(200 << 20, 180 << 20, heapKb << 10,
            nativeKb == null ? null : (256L << 20) + (nativeKb << 10), nativeKb == null ? null : 256L << 20);
        return new MemoryUse(connections, before, during);
    }

    @Test
    void theSlopeOfLiveHeapAgainstConnectionsIsTheCostPerConnection()
    {
        // 4 MB of live heap plus 3 KB per connection, two repetitions at each count, the second 1% noisy
        final List<MemoryUse> uses = List.of(use(1000, 4096 + 3000, 50_000L), use(1000, 4096 + 3030, 50_000L),
            use(10_000, 4096 + 30_000, 140_000L), use(10_000, 4096 + 29_700, 140_000L));
        final LinearFit heap = MemoryFit.fit(uses, MemoryReading::heapUsedAfterGcBytes).orElseThrow();
        assertEquals(3.0, heap.slope(), 0.05);
        assertTrue(heap.r2() > 0.99, heap.toString());
        assertEquals(4, heap.points());
        // native: 10 KB per connection (thread stacks, say) over a 40 MB base
        final LinearFit nativeMemory = MemoryFit.fit(uses, MemoryReading::nmtNativeBytes).orElseThrow();
        assertEquals(10.0, nativeMemory.slope(), 1e-9);
    }

    @Test
    void aMeasureAServerLacksOrOneConnectionCountGivesNoFit()
    {
        assertTrue(MemoryFit.fit(List.of(use(1000, 5000, null), use(5000, 9000, null)),
            MemoryReading::nmtNativeBytes).isEmpty(), "no Native Memory Tracking, no native fit");
        assertTrue(MemoryFit.fit(List.of(use(1000, 5000, 1L), use(1000, 5100, 1L)),
            MemoryReading::heapUsedAfterGcBytes).isEmpty(), "one count is not a line");
    }
}
