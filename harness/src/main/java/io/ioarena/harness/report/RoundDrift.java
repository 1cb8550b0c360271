package io.ioarena.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How a scenario's deciding figure moved from one repetition round to the next, for all servers at once: per round,
 * the geometric mean of the figure over the servers measured in that round (every measured repetition, flagged or
 * not: the flags are about the client, this is about the run's conditions). Every round measures every server (the
 * plan interleaves them), so a round that is fast or slow for all of them says the conditions moved, and that spread
 * is part of every server's interval.
 *
 * @param by    the figure, as the scenario is ranked by it.
 * @param means the rounds' geometric means by round number; rounds with fewer than {@link #MIN_SERVERS} servers are
 *              left out.
 */
public record RoundDrift(Metric by, SortedMap<Integer, Double> means)
{
    /** With fewer servers in a round, its mean says as much about those servers as about the machine. */
    static final int MIN_SERVERS = 3;

    /** The drift of {@code runs} (one scenario's, every server's), or empty with fewer than two rounds to compare. */
    public static Optional<RoundDrift> of(final Metric by, final List<Run> runs)
    {
        final Map<Integer, List<Double>> byRound = runs.stream()
            .filter(r -> r.ok() && r.value(by) > 0)
            .collect(Collectors.groupingBy(Run::repetition, TreeMap::new,
                Collectors.mapping(r -> Math.log(r.value(by)), Collectors.toList())));
        final SortedMap<Integer, Double> means = new TreeMap<>();
        byRound.forEach((round, logs) ->
        {
            if (logs.size() >= MIN_SERVERS)
            {
                means.put(round, Math.exp(logs.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
            }
        });
        return means.size() < 2 ? Optional.empty() : Optional.of(new RoundDrift(by, means));
    }

    /** The highest round mean over the lowest. */
    public double spread()
    {
        final double max = means.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        final double min = means.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return max / min;
    }

    /**
     * For the scenario's section: every round's mean and their spread. It is not judged: how much rounds differ on a
     * calm machine depends on the figure (a p99 of a 5 s window moves more than a throughput) and on regimes several
     * servers can fall into at once, and no threshold for it has been measured.
     */
    public String describe()
    {
        final List<String> rounds = new ArrayList<>();
        means.forEach((round, mean) -> rounds.add(round + ": " + by.format(mean)));
        return "Round by round, the geometric mean of " + by.label() + " over the servers measured in it: " +
            String.join(" · ", rounds) + String.format(Locale.ROOT, ". The highest is %.2f× the lowest.", spread()) +
            " What moves every server of a round at once (on the project's VMs, the machine's speed periods: " +
            "docs/findings/echo-max-on-a-pvm-guest.md) is in every server's interval.";
    }
}
