package io.ioarena.load;

import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hiccup meter against a fake clock whose sleeps last exactly what the test says. */
class HiccupMeterTest
{
    private static final long MS = 1_000_000;
    private static final long RES = HiccupMeter.RESOLUTION_NANOS;

    /** A clock that only moves when the meter sleeps: each sleep lasts what the script says (its request by default). */
    private static final class ScriptedSleeps implements NanoClock, HiccupMeter.Sleeper
    {
        private final Map<Integer, Long> lengths;
        private final List<Long> wakes = new ArrayList<>();
        private long now;

        ScriptedSleeps(final Map<Integer, Long> lengths)
        {
            this.lengths = lengths;
        }

        @Override
        public long nanoTime()
        {
            return now;
        }

        @Override
        public void sleep(final long nanos)
        {
            now += lengths.getOrDefault(wakes.size(), nanos);
            wakes.add(now);
        }
    }

    @Test
    void recordsHowLateEachWakeUpOfTheMeasuredPhaseWasAndEndsWithIt()
    {
        // Warm-up [0, 10 ms), measured [10 ms, 30 ms).
        final RunTiming timing = new RunTiming(0, 10 * MS, 30 * MS, 40 * MS);
        final ScriptedSleeps sleeps = new ScriptedSleeps(Map.of(
            2, RES + 4 * MS,        // warm-up, 2 ms -> 7 ms: a 4 ms stall before the measured phase, not recorded
            6, RES + 12 * MS,       // 10 ms -> 23 ms: a 12 ms stall
            7, RES + 2 * MS,        // 23 ms -> 26 ms: 2 ms
            8, RES / 2));           // 26 ms -> 26.5 ms: woke early, no stall
        final HiccupMeter meter = new HiccupMeter(sleeps, sleeps, timing, HiccupMeter.PhaseEdges.NONE);
        meter.run();

        // Wake-ups at 1, 2, 7, 8, 9, 10 (warm-up: the sleep 9 -> 10 ms ends where the phase starts), then
        // 23, 26, 26.5, 27.5, 28.5, 29.5 and 30.5 ms, the first at or after the end, where the meter stops.
        assertEquals(List.of(1 * MS, 2 * MS, 7 * MS, 8 * MS, 9 * MS, 10 * MS, 23 * MS, 26 * MS, 26_500_000L,
            27_500_000L, 28_500_000L, 29_500_000L, 30_500_000L), sleeps.wakes);

        final Histogram h = hiccups(meter);
        assertEquals(7, h.getTotalCount(), "one sample per sleep that overlapped the measured phase");
        assertEquals(5, h.getCountAtValue(0));
        assertTrue(h.valuesAreEquivalent(12 * MS, h.getMaxValue()), "the 12 ms stall, got " + h.getMaxValue());
        assertEquals(1, h.getCountBetweenValues(2 * MS - 10_000, 2 * MS + 10_000), "the 2 ms stall");
        assertEquals(12 * MS, meter.maxGapNanos(), "the longest measured stall, exactly");
        assertEquals(14 * MS, meter.stalledNanos(), "the measured stalls summed; the warm-up's 4 ms left out");
    }

    @Test
    void theEdgesOfTheMeasuredPhaseAreToldAtTheFirstWakeUpInAndAfterIt()
    {
        final RunTiming timing = new RunTiming(0, 10 * MS, 30 * MS, 40 * MS);
        final ScriptedSleeps sleeps = new ScriptedSleeps(Map.of(9, RES + MS / 2, 28, RES + MS / 2));
        final List<String> edges = new ArrayList<>();
        final HiccupMeter meter = new HiccupMeter(sleeps, sleeps, timing, new HiccupMeter.PhaseEdges()
        {
            @Override
            public void measureStarted()
            {
                edges.add("started at " + sleeps.nanoTime());
            }

            @Override
            public void measureEnded()
            {
                edges.add("ended at " + sleeps.nanoTime());
            }
        });
        meter.run();
        assertEquals(List.of("started at " + 10_500_000, "ended at " + 30_000_000), edges);
    }

    @Test
    void aStallThatSpansTheStartOfTheMeasuredPhaseCounts()
    {
        final RunTiming timing = new RunTiming(0, 10 * MS, 30 * MS, 40 * MS);
        // The fourth sleep runs from 3 ms to 19 ms, across the start of the measured phase.
        final ScriptedSleeps sleeps = new ScriptedSleeps(Map.of(3, RES + 15 * MS));
        final HiccupMeter meter = new HiccupMeter(sleeps, sleeps, timing, HiccupMeter.PhaseEdges.NONE);
        meter.run();
        assertEquals(15 * MS, meter.maxGapNanos());
    }

    @Test
    void nothingOutsideTheMeasuredPhaseIsRecorded()
    {
        final RunTiming timing = new RunTiming(0, 10 * MS, 30 * MS, 40 * MS);
        // The first sleep overruns the whole measured phase: it overlaps it, so it counts; nothing after it exists.
        final ScriptedSleeps sleeps = new ScriptedSleeps(Map.of(0, 50 * MS));
        final HiccupMeter meter = new HiccupMeter(sleeps, sleeps, timing, HiccupMeter.PhaseEdges.NONE);
        meter.run();
        assertEquals(1, sleeps.wakes.size());
        assertEquals(49 * MS, meter.maxGapNanos());

        final ScriptedSleeps none = new ScriptedSleeps(Map.of());
        final HiccupMeter idle = new HiccupMeter(none, none, new RunTiming(0, 0, 0, 0), HiccupMeter.PhaseEdges.NONE);
        idle.run();
        assertEquals(1, none.wakes.size(), "a run without a measured phase ends at the first wake-up");
        assertEquals(0, hiccups(idle).getTotalCount());
    }

    @Test
    @Timeout(10)
    void stopEndsTheMeterBeforeTheEndOfTheRun() throws InterruptedException
    {
        final long now = System.nanoTime();
        final HiccupMeter meter = new HiccupMeter(NanoClock.SYSTEM, HiccupMeter.PARK,
            new RunTiming(now, now, now + 3_600_000 * MS, now + 3_600_000 * MS), HiccupMeter.PhaseEdges.NONE);
        meter.start();
        meter.stop();
        assertFalse(Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().equals("ioarena-hiccup") && t.isAlive()), "the meter's thread has ended");
    }

    private static Histogram hiccups(final HiccupMeter meter)
    {
        final Histogram h = new Histogram(ThreadRecorders.SIGNIFICANT_DIGITS);
        Intervals.addTo(meter.recorders(), Map.of(Tag.HICCUP, h));
        return h;
    }
}
