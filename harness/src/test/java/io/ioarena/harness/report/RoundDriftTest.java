package io.ioarena.harness.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.ioarena.harness.report.RankingTest.CLOSED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundDriftTest
{
    private static Run run(final String variant, final int round, final String status, final double rate)
    {
        return new Run(variant + "_rep" + round, variant, CLOSED, round, status, "", true, List.of(),
            Map.of(Metric.THROUGHPUT.column(), rate));
    }

    /** Three servers at 50k, 100k and 200k msg/s, every one {@code factor} times as fast in round 2. */
    private static List<Run> twoRounds(final double factor)
    {
        final List<Run> runs = new ArrayList<>();
        for (final String v : List.of("a", "b", "c"))
        {
            final double rate = switch (v)
            {
                case "a" -> 50_000;
                case "b" -> 100_000;
                default -> 200_000;
            };
            runs.add(run(v, 1, "OK", rate));
            runs.add(run(v, 2, "OK", rate * factor));
        }
        return runs;
    }

    @Test
    void aRoundFasterForEveryServerShowsInItsMean()
    {
        final RoundDrift d = RoundDrift.of(Metric.THROUGHPUT, twoRounds(1.5)).orElseThrow();
        assertEquals(100_000, d.means().get(1), 1e-6, "the geometric mean of 50k, 100k and 200k");
        assertEquals(150_000, d.means().get(2), 1e-6);
        assertEquals(1.5, d.spread(), 1e-9);
        assertTrue(d.describe().contains("1: 100k msg/s · 2: 150k msg/s. The highest is 1.50× the lowest."),
            d.describe());
    }

    @Test
    void failedRunsAndRoundsOfTooFewServersAreLeftOut()
    {
        final List<Run> runs = new ArrayList<>(twoRounds(1.0));
        runs.add(run("a", 3, "OK", 1_000));
        runs.add(run("b", 3, "OK", 1_000));
        runs.add(run("c", 3, "FAILED", 0));
        runs.add(run("d", 1, "FAILED", 1));
        final RoundDrift d = RoundDrift.of(Metric.THROUGHPUT, runs).orElseThrow();
        assertEquals(List.of(1, 2), List.copyOf(d.means().keySet()), "round 3 has two servers measured");
        assertEquals(100_000, d.means().get(1), 1e-6, "the failed run of d is not in round 1");
    }

    @Test
    void oneRoundHasNothingToCompare()
    {
        assertEquals(Optional.empty(),
            RoundDrift.of(Metric.THROUGHPUT, twoRounds(2).stream().filter(r -> r.repetition() == 1).toList()));
    }
}
