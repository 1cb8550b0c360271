package io.ioarena.load;

import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ThreadRecordersTest
{
    @Test
    void eachIntervalHoldsWhatWasRecordedSinceTheLastOneByTag()
    {
        final ThreadRecorders recorders = new ThreadRecorders(EnumSet.allOf(Tag.class));
        recorders.record(Tag.LATENCY, 1_000);
        recorders.begin();
        recorders.record(Tag.LATENCY, 2_000);
        recorders.record(Tag.SERVICE, 500);
        recorders.end();

        final Map<Tag, Histogram> first = intervals();
        Intervals.addTo(recorders, first);
        assertEquals(2, first.get(Tag.LATENCY).getTotalCount());
        assertEquals(1, first.get(Tag.SERVICE).getTotalCount());
        assertEquals(0, first.get(Tag.SENDLAG).getTotalCount());

        recorders.record(Tag.LATENCY, 3_000);
        recorders.record(Tag.LATENCY, -5);
        final Map<Tag, Histogram> second = intervals();
        Intervals.addTo(recorders, second);
        assertEquals(2, second.get(Tag.LATENCY).getTotalCount(), "only what came after the first interval");
        assertEquals(0, second.get(Tag.LATENCY).getMinValue(), "a negative value counts as 0");
        assertEquals(0, second.get(Tag.SERVICE).getTotalCount());
    }

    @Test
    void byPhaseKeepsMeasuredValuesUnderTheirTagAndWarmUpOnesUnderTheirsOrNowhere()
    {
        final ThreadRecorders recorders = new ThreadRecorders(EnumSet.of(Tag.LATENCY, Tag.WARMUP, Tag.SERVICE));
        final int[] response = ThreadRecorders.byPhase(Tag.WARMUP, Tag.LATENCY);
        final int[] service = ThreadRecorders.byPhase(null, Tag.SERVICE);
        recorders.record(response[RunTiming.WARMUP], 1_000);
        recorders.record(service[RunTiming.WARMUP], 1_000);
        recorders.record(response[RunTiming.MEASURED], 2_000);
        recorders.record(response[RunTiming.MEASURED], 2_000);
        recorders.record(service[RunTiming.MEASURED], 500);

        final Map<Tag, Histogram> interval = intervals();
        Intervals.addTo(recorders, interval);
        assertEquals(1, interval.get(Tag.WARMUP).getTotalCount());
        assertEquals(2, interval.get(Tag.LATENCY).getTotalCount());
        assertEquals(1, interval.get(Tag.SERVICE).getTotalCount(), "the warm-up's service time is dropped");
        final long reported = interval.values().stream().mapToLong(Histogram::getTotalCount).sum();
        assertEquals(4, reported, "the dropped value is under no tag at all");
    }

    @Test
    void aTagTheThreadDoesNotRecordAddsNothingToItsInterval()
    {
        final ThreadRecorders recorders = new ThreadRecorders(EnumSet.of(Tag.HICCUP));
        recorders.record(Tag.HICCUP, 1_000);
        final Map<Tag, Histogram> interval = intervals();
        Intervals.addTo(recorders, interval);
        assertEquals(1, interval.get(Tag.HICCUP).getTotalCount());
        assertEquals(0, interval.get(Tag.LATENCY).getTotalCount());

        // Recording it is a programming error that fails at once, and leaves no batch open for the next swap.
        assertThrows(NullPointerException.class, () -> recorders.record(Tag.LATENCY, 1_000));
        final CompletableFuture<Void> swap = CompletableFuture.runAsync(() -> Intervals.addTo(recorders, intervals()));
        assertDoesNotThrow(() -> swap.get(30, TimeUnit.SECONDS));
    }

    @Test
    void valuesAboveAnHourAreKeptNotClamped()
    {
        final ThreadRecorders recorders = new ThreadRecorders(EnumSet.allOf(Tag.class));
        final long twoHours = 2 * ThreadRecorders.PRESIZED_NANOS;
        recorders.record(Tag.LATENCY, twoHours);
        final Map<Tag, Histogram> interval = intervals();
        Intervals.addTo(recorders, interval);
        assertEquals(twoHours, interval.get(Tag.LATENCY).getMaxValue(), twoHours / 1000.0);
    }

    @Test
    void aSwapDuringAnOpenBatchWaitsForItSoTheBatchIsNotSplit() throws Exception
    {
        final ThreadRecorders recorders = new ThreadRecorders(EnumSet.allOf(Tag.class));
        recorders.begin();
        recorders.record(Tag.LATENCY, 1_000);
        final Map<Tag, Histogram> interval = intervals();
        final CompletableFuture<Void> swap = CompletableFuture.runAsync(() -> Intervals.addTo(recorders, interval));
        // Whenever the swap runs, it cannot finish before the batch ends: both values are in its interval.
        recorders.record(Tag.LATENCY, 2_000);
        recorders.end();
        swap.get(30, TimeUnit.SECONDS);
        assertEquals(2, interval.get(Tag.LATENCY).getTotalCount());
    }

    private static Map<Tag, Histogram> intervals()
    {
        final Map<Tag, Histogram> intervals = new EnumMap<>(Tag.class);
        for (final Tag tag : Tag.values())
        {
            intervals.put(tag, new Histogram(ThreadRecorders.SIGNIFICANT_DIGITS));
        }
        return intervals;
    }
}
