package io.ioarena.harness.results;

import io.ioarena.harness.results.SoakRecord.Drift;
import io.ioarena.harness.results.SoakRecord.Reading;
import io.ioarena.harness.suite.SoakSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The soak's verdict rules on made-up series with known answers: a leak fails, a flat (noisy) series passes. */
class SoakRecordTest
{
    private static final SoakSettings DEFAULTS = SoakSettings.DEFAULT;
    private static final double MINUTES = 30;
    private static final Drift STEADY = new Drift(0.5, 0.6);

    /** A reading every {@code every} minutes over the soak (and its warm-up minute before 0), valued {@code f}. */
    private static List<Reading> series(final double every, final DoubleUnaryOperator f)
    {
        final List<Reading> out = new ArrayList<>();
        for (double m = -1; m <= MINUTES; m += every)
        {
            out.add(new Reading(m, f.applyAsDouble(m)));
        }
        return out;
    }

    /** Noise that averages out: ±amplitude, alternating. */
    private static DoubleUnaryOperator flat(final double level, final double amplitude)
    {
        return m -> level + (Math.round(m * 60) % 2 == 0 ? amplitude : -amplitude);
    }

    private static SoakRecord judge(final List<Reading> rss, final List<Reading> heap, final List<Reading> fds,
        final Drift drift, final long errors)
    {
        return SoakRecord.judge(DEFAULTS, MINUTES, rss, null, series(1 / 60.0, flat(40, 0)), fds, heap, true,
            series(1, m -> 0.5), drift, errors, "errors lost=3");
    }

    @Test
    void flatResourcesWithNoiseAndGrowthWhileSettlingPass()
    {
        // RSS grows 20 MiB/min in the first 5 minutes (pages touched for the first time), then holds with ±8 MiB noise
        final List<Reading> rss = series(1 / 60.0, m -> m < 5 ? 300 + 20 * m : 400 + flat(0, 8).applyAsDouble(m));
        final SoakRecord r = judge(rss, series(6, flat(12, 0.3)), series(5 / 60.0, flat(10_010, 1)), STEADY, 0);
        assertTrue(r.passed(), r.checks().toString());
        assertEquals("", r.failed());
        assertEquals(0, r.value(SoakRecord.RSS), 0.05);
        assertEquals(1.2, r.value(SoakRecord.P99_DRIFT), 1e-9);
    }

    @Test
    void aLeakFailsOnTheResourceThatGrows()
    {
        // 1 KiB per message at 50 msg/min live in the heap: 3 MiB/min, under noise larger than a minute's growth
        final SoakRecord heap = judge(series(1 / 60.0, flat(400, 8)), series(6, m -> 12 + 3 * m),
            series(5 / 60.0, flat(10_010, 1)), STEADY, 0);
        assertFalse(heap.passed());
        assertEquals("heap", heap.failed());
        assertEquals(3, heap.value(SoakRecord.HEAP), 1e-9);

        // one connection's descriptor leaked every 20 s
        final SoakRecord fds = judge(series(1 / 60.0, flat(400, 8)), series(6, flat(12, 0.3)),
            series(5 / 60.0, m -> 10_010 + Math.floor(m * 3)), STEADY, 0);
        assertEquals("fds", fds.failed());
        assertEquals(3, fds.value(SoakRecord.FDS), 0.05);
    }

    @Test
    void aDriftingLatencyAndAnyErrorFail()
    {
        final SoakRecord r = judge(series(1 / 60.0, flat(400, 8)), series(6, flat(12, 0.3)),
            series(5 / 60.0, flat(10_010, 1)), new Drift(0.5, 1.5), 3);
        assertEquals("p99_drift; errors", r.failed());
        assertEquals(3, r.value(SoakRecord.P99_DRIFT), 1e-9);
        assertTrue(r.checks().stream().anyMatch(c -> c.detail().equals("errors lost=3")), r.checks().toString());
    }

    @Test
    void tooFewReadingsFailAndAThirdWithoutLatenciesFails()
    {
        // one heap reading after the settling time (the others failed): no slope, so not a pass
        final SoakRecord r = judge(series(1 / 60.0, flat(400, 8)), List.of(new Reading(20, 12)),
            series(5 / 60.0, flat(10_010, 1)), new Drift(Double.NaN, 0.5), 0);
        assertEquals("heap; p99_drift", r.failed());
        assertTrue(Double.isNaN(r.value(SoakRecord.HEAP)));
    }

    @Test
    void aServerThatIsNotAJvmIsNotJudgedOnItsHeap()
    {
        final SoakRecord r = SoakRecord.judge(DEFAULTS, MINUTES, series(1 / 60.0, flat(40, 0)), null,
            series(1 / 60.0, flat(1, 0)), series(5 / 60.0, flat(10_010, 0)), List.of(), false, List.of(), STEADY, 0, "");
        assertTrue(r.passed(), r.checks().toString());
        assertTrue(Double.isNaN(r.value(SoakRecord.HEAP)), "no heap check");
    }

    /**
     * A JVM whose heap pages are touched for the first time throughout the window: its whole resident set grows
     * 10 MiB/min while what lies outside the heap and the heap after GC hold. Judged outside the heap it passes, and
     * the whole set's slope is still recorded; growth outside the heap (a native leak) fails the same check.
     */
    @Test
    void aJvmIsJudgedOnItsResidentSetOutsideTheHeap()
    {
        final List<Reading> firstTouch = series(1 / 60.0, m -> 300 + 10 * m);
        final List<Reading> heapAfterGc = series(6, flat(12, 0.3));
        final List<Reading> fds = series(5 / 60.0, flat(10_010, 1));
        final SoakRecord flat = SoakRecord.judge(DEFAULTS, MINUTES, firstTouch, series(5 / 60.0, flat(90, 0.5)),
            series(1 / 60.0, flat(40, 0)), fds, heapAfterGc, true, List.of(), STEADY, 0, "");
        assertTrue(flat.passed(), flat.checks().toString());
        assertEquals(List.of(SoakRecord.RSS_OUTSIDE_HEAP, SoakRecord.HEAP, SoakRecord.FDS, SoakRecord.THREADS,
            SoakRecord.P99_DRIFT, SoakRecord.ERRORS), flat.checks().stream().map(SoakRecord.Check::name).toList());
        assertEquals(0, flat.value(SoakRecord.RSS_OUTSIDE_HEAP), 0.05);
        assertTrue(Double.isNaN(flat.value(SoakRecord.RSS)), "the whole resident set is not a check");
        assertEquals(10, flat.rssSlope(), 1e-9, "but its slope is recorded");
        assertTrue(flat.checks().getFirst().detail().contains("+10.000 MiB/min (not judged)"),
            flat.checks().getFirst().detail());

        // 3 MiB/min of native memory (direct buffers, say) held and never freed
        final SoakRecord leak = SoakRecord.judge(DEFAULTS, MINUTES, firstTouch, series(5 / 60.0, m -> 90 + 3 * m),
            series(1 / 60.0, flat(40, 0)), fds, heapAfterGc, true, List.of(), STEADY, 0, "");
        assertEquals(SoakRecord.RSS_OUTSIDE_HEAP, leak.failed());
        assertEquals(3, leak.value(SoakRecord.RSS_OUTSIDE_HEAP), 1e-9);

        // split, but every read failed: a soak that could not watch has not passed
        final SoakRecord unread = SoakRecord.judge(DEFAULTS, MINUTES, firstTouch, List.of(),
            series(1 / 60.0, flat(40, 0)), fds, heapAfterGc, true, List.of(), STEADY, 0, "");
        assertEquals(SoakRecord.RSS_OUTSIDE_HEAP, unread.failed());
    }
}
