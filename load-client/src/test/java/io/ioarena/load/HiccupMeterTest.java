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
        // Sleeps of 10 ms; warm-up [0, 100 ms), measured [100 ms, 300 ms).
        final RunTiming timing = new RunTiming(0, 100 * MS, 300 * MS, 400 * MS);
        final ScriptedSleeps sleeps = new ScriptedSleeps(Map.of(
            2, RES + 40 * MS,       // warm-up, 20 ms -> 70 ms: a 40 ms stall before the measured phase, not recorded
            6, RES + 120 * MS,      // 100 ms -> 230 ms: a 120 ms stall
            7, RES + 20 * MS,       // 230 ms -> 260 ms: 20 ms
            8, RES / 2));           // 260 ms -> 265 ms: woke early, no stall
        final HiccupMeter meter = new HiccupMeter(sleeps, sleeps, timing, HiccupMeter.PhaseEdges.NONE);
        meter.run();

        // Wake-ups at 10, 20, 70, 80, 90, 100 (warm-up: the sleep 90 -> 100 ms ends where the phase starts), then
        // 230, 260, 265, 275, 285, 295 and 305 ms, the first at or after the end, where the meter stops.
        assertEquals(List.of(10 * MS, 20 * MS, 70 * MS, 80 * MS, 90 * MS, 100 * MS, 230 * MS, 260 * MS, 265 * MS,
            275 * MS, 285 * MS, 295 * MS, 305 * MS), sleeps.wakes);

        final Histogram h = hiccups(meter);
        assertEquals(7, h.getTotalCount(), "one sample per sleep that overlapped the measured phase");
        assertEquals(5, h.getCountAtValue(0));
        assertTrue(h.valuesAreEquivalent(120 * MS, h.getMaxValue()), "the 120 ms stall, got " + h.getMaxValue());
        assertEquals(1, h.getCountBetweenValues(20 * MS - 100_000, 20 * MS + 100_000), "the 20 ms stall");
        assertEquals(120 * MS, meter.maxGapNanos(), "the longest measured stall, exactly");
        assertEquals(140 * MS, meter.stalledNanos(), "the measured stalls summed; the warm-up's 40 ms left out");
    }

    @Test
    void aLateWakeUpShorterThanOneSleepIsNoStall()
    {
        final RunTiming timing = new RunTiming(0, 0, 100 * MS, 100 * MS);
        final ScriptedSleeps sleeps = new ScriptedSleeps(Map.of(1, RES + RES - 1));
        final HiccupMeter meter = new HiccupMeter(sleeps, sleeps, timing, HiccupMeter.PhaseEdges.NONE);
        meter.run();
        assertEquals(RES - 1, meter.maxGapNanos(), "recorded as it was");
        assertEquals(0, meter.stalledNanos(), "but not summed: timer slack until it reaches a whole sleep");
    }

    @Test
    void theEdgesOfTheMeasuredPhaseAreToldAtTheFirstWakeUpInAndAfterIt()
    {
        final RunTiming timing = new RunTiming(0, 100 * MS, 300 * MS, 400 * MS);
        final ScriptedSleeps sleeps = new ScriptedSleeps(Map.of(9, RES + 5 * MS, 28, RES + 5 * MS));
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
        assertEquals(List.of("started at " + 105 * MS, "ended at " + 300 * MS), edges);
    }

    @Test
    void aStallThatSpansTheStartOfTheMeasuredPhaseCounts()
    {
        final RunTiming timing = new RunTiming(0, 100 * MS, 300 * MS, 400 * MS);
        // The fourth sleep runs from 30 ms to 190 ms, across the start of the measured phase.
        final ScriptedSleeps sleeps = new ScriptedSleeps(Map.of(3, RES + 150 * MS));
        final HiccupMeter meter = new HiccupMeter(sleeps, sleeps, timing, HiccupMeter.PhaseEdges.NONE);
        meter.run();
        assertEquals(150 * MS, meter.maxGapNanos());
    }

    @Test
    void nothingOutsideTheMeasuredPhaseIsRecorded()
    {
        final RunTiming timing = new RunTiming(0, 100 * MS, 300 * MS, 400 * MS);
        // The first sleep overruns the whole measured phase: it overlaps it, so it counts; nothing after it exists.
        final ScriptedSleeps sleeps = new ScriptedSleeps(Map.of(0, 500 * MS));
        final HiccupMeter meter = new HiccupMeter(sleeps, sleeps, timing, HiccupMeter.PhaseEdges.NONE);
        meter.run();
        assertEquals(1, sleeps.wakes.size());
        assertEquals(490 * MS, meter.maxGapNanos());

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
