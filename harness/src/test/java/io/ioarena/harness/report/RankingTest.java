package io.ioarena.harness.report;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankingTest
{
    static final Scenario OPEN = new Scenario("echo-rate", "echo", "line", "open", 16, 0, 0, 64, 20000, 0);
    static final Scenario CLOSED = new Scenario("echo-max", "echo", "line", "closed", 16, 1, 0, 64, 0, 0);

    @Test
    void openLoopRanksByP99AndNeverRanksAFlaggedPoint()
    {
        final PointStats fast = point("a", 100, 50, List.of(), 0);
        final PointStats flaggedFastest = point("b", 100, 10, List.of("UNDER_TARGET"), 0);
        final PointStats slow = point("c", 100, 200, List.of(), 0);
        final Ranking r = Ranking.of(OPEN, List.of(slow, flaggedFastest, fast), List.of("a", "b", "c"));
        assertEquals(Metric.P99, r.by());
        assertEquals(List.of(fast, slow), r.ranked());
        assertEquals(List.of(flaggedFastest), r.others());
        assertEquals(0, r.rank(flaggedFastest));
        assertEquals(4.0, r.behindBest(slow), 1e-12);
        assertTrue(Double.isNaN(r.behindBest(flaggedFastest)));
    }

    @Test
    void closedLoopRanksByThroughputAndAFailedRepetitionUnranks()
    {
        final PointStats best = point("a", 200_000, 80, List.of(), 0);
        final PointStats partlyFailed = point("b", 300_000, 80, List.of(), 1);
        final PointStats second = point("c", 100_000, 80, List.of(), 0);
        final Ranking r = Ranking.of(CLOSED, List.of(second, partlyFailed, best), List.of("a", "b", "c"));
        assertEquals(Metric.THROUGHPUT, r.by());
        assertEquals(List.of(best, second), r.ranked());
        assertEquals(2.0, r.behindBest(second), 1e-12);
        assertTrue(r.verdict().startsWith("a leads on throughput"), r.verdict());
        assertTrue(r.verdict().contains("do not overlap"), r.verdict());
    }

    @Test
    void theHarnessVerdictDecidesOverTheIntervals()
    {
        final PointStats a = point("a", 100, 50, List.of(), 0);
        final PointStats b = point("b", 100, 52, List.of(), 0);
        final Ranking significant = Ranking.of(OPEN, List.of(a, b), List.of("a", "b"),
            List.of(new PairVerdict(OPEN, "a", "b", 0.04, 0.008, true, "a leads b by 4% (significant at 95%)")));
        assertTrue(significant.verdict().endsWith("the lead is significant at 95% (Mann–Whitney p = 0.0080)."),
            "overlapping intervals, yet the test separates them: " + significant.verdict());
        final Ranking not = Ranking.of(OPEN, List.of(a, b), List.of("a", "b"),
            List.of(new PairVerdict(OPEN, "a", "b", 0.04, 0.42, false, "a vs b: no significant difference")));
        assertTrue(not.verdict().endsWith("the repetitions show no significant difference at 95% (p = 0.420)."),
            not.verdict());
        assertEquals(not.pairs(), not.neighbours());
    }

    @Test
    void overlappingIntervalsAreCalledNoise()
    {
        final PointStats a = point("a", 100, 50, List.of(), 0);
        final PointStats b = point("b", 100, 52, List.of(), 0);
        final String v = Ranking.of(OPEN, List.of(a, b), List.of("a", "b")).verdict();
        assertTrue(v.contains("within the noise"), v);
    }

    @Test
    void nothingValidMeansNoBest()
    {
        final Ranking r = Ranking.of(OPEN, List.of(point("a", 1, 1, List.of("LOSS"), 0)), List.of("a"));
        assertTrue(r.best().isEmpty());
        assertTrue(r.verdict().contains("nothing is ranked"));
    }

    /** A point whose intervals are ±5% around the medians. */
    private static PointStats point(final String variant, final double throughput, final double p99,
        final List<String> flags, final int failed)
    {
        final Map<Metric, Estimate> m = new EnumMap<>(Metric.class);
        m.put(Metric.THROUGHPUT, new Estimate(throughput, throughput * 0.95, throughput * 1.05));
        m.put(Metric.P99, new Estimate(p99, p99 * 0.95, p99 * 1.05));
        final boolean valid = flags.isEmpty() && failed == 0;
        return new PointStats(variant, variant, OPEN, 3, 3 - failed, failed, valid ? 3 : 1, valid, 0.75,
            m, 0, flags, failed > 0 ? "the server exited" : "", Double.NaN, Double.NaN, "");
    }
}
