package io.ioarena.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The servers of one scenario in order: the rankable ones best first by the scenario's deciding metric, then the
 * failed or flagged ones, which are shown but never ranked (so never the best).
 *
 * @param by     throughput in closed loop (the load is "as fast as it answers"); p99 latency in open loop, where
 *               every server gets the same rate (delivery p99 for chat, the latency that matters there).
 * @param ranked rankable points, best first.
 * @param others points shown without a rank, in suite order.
 */
public record Ranking(Scenario scenario, Metric by, List<PointStats> ranked, List<PointStats> others)
{
    public static Ranking of(final Scenario scenario, final List<PointStats> points, final List<String> variantOrder)
    {
        final Metric by = decidingMetric(scenario, points);
        final List<PointStats> ranked = new ArrayList<>();
        final List<PointStats> others = new ArrayList<>();
        for (final PointStats p : points)
        {
            (p.rankable() && p.get(by).present() ? ranked : others).add(p);
        }
        final Comparator<PointStats> best = Comparator.comparingDouble(p -> p.get(by).median());
        ranked.sort(by.higherIsBetter() ? best.reversed() : best);
        others.sort(Comparator.comparingInt(p -> order(variantOrder, p.variant())));
        return new Ranking(scenario, by, List.copyOf(ranked), List.copyOf(others));
    }

    static Metric decidingMetric(final Scenario s, final List<PointStats> points)
    {
        if (!s.open())
        {
            return Metric.THROUGHPUT;
        }
        if (s.chat() && points.stream().anyMatch(p -> p.get(Metric.DELIVERY_P99).present()))
        {
            return Metric.DELIVERY_P99;
        }
        return Metric.P99;
    }

    public Optional<PointStats> best()
    {
        return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.get(0));
    }

    /** How far behind the best a point is on the deciding metric (1 for the best); NaN for unranked points. */
    public double behindBest(final PointStats p)
    {
        if (!ranked.contains(p))
        {
            return Double.NaN;
        }
        return by.behind(p.get(by).median(), ranked.get(0).get(by).median());
    }

    /** 1-based rank, or 0 when not ranked. */
    public int rank(final PointStats p)
    {
        return ranked.indexOf(p) + 1;
    }

    public List<PointStats> all()
    {
        final List<PointStats> all = new ArrayList<>(ranked);
        all.addAll(others);
        return all;
    }

    /** One sentence: who leads, by how much, and whether the repetitions can tell the lead from noise. */
    public String verdict()
    {
        if (ranked.isEmpty())
        {
            return "No server has a valid result here: nothing is ranked.";
        }
        final PointStats first = ranked.get(0);
        final String value = by.format(first.get(by).median());
        if (ranked.size() == 1)
        {
            return first.variant() + " is the only valid result (" + by.label() + " " + value + ").";
        }
        final PointStats second = ranked.get(1);
        final double lead = by.behind(second.get(by).median(), first.get(by).median());
        final String how = first.get(by).overlaps(second.get(by))
            ? "the confidence intervals overlap, so the lead is within the noise of " + first.repetitions() +
                " repetitions"
            : "the confidence intervals do not overlap";
        return first.variant() + " leads on " + by.label() + " (" + value + (by.higherIsBetter()
            ? "), " + Fmt.ratio(lead) + " " + second.variant() + "'s"
            : "); " + second.variant() + "'s is " + Fmt.ratio(lead) + " that") + "; " + how + ".";
    }

    private static int order(final List<String> variants, final String v)
    {
        final int i = variants.indexOf(v);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
