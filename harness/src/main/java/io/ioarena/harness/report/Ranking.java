package io.ioarena.harness.report;

import io.ioarena.harness.results.Verdicts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The servers of one scenario in order: the rankable ones best first by the scenario's deciding metric, then those
 * with too few valid repetitions, which are shown but never ranked (so never the best).
 *
 * @param by     throughput in closed loop (the load is "as fast as it answers"); p99 latency in open loop, where
 *               every server gets the same rate (delivery p99 for chat, the latency that matters there).
 * @param ranked rankable points, best first.
 * @param others points shown without a rank, in suite order.
 * @param pairs  the harness's verdicts on pairs of ranked servers (verdicts.csv); empty for older folders.
 */
public record Ranking(Scenario scenario, Metric by, List<PointStats> ranked, List<PointStats> others,
    List<PairVerdict> pairs)
{
    public static Ranking of(final Scenario scenario, final List<PointStats> points, final List<String> variantOrder)
    {
        return of(scenario, points, variantOrder, List.of());
    }

    public static Ranking of(final Scenario scenario, final List<PointStats> points, final List<String> variantOrder,
        final List<PairVerdict> pairs)
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
        return new Ranking(scenario, by, List.copyOf(ranked), List.copyOf(others), List.copyOf(pairs));
    }

    static Metric decidingMetric(final Scenario s, final List<PointStats> points)
    {
        final String column = Verdicts.rankedColumn(s.latencyRanked(), s.chat(),
            points.stream().anyMatch(p -> p.get(Metric.DELIVERY_P99).present()));
        return Arrays.stream(Metric.values()).filter(m -> m.column().equals(column)).findFirst().orElseThrow();
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
        final String how = pair(first, second).map(v -> v.significant()
                ? "the lead is significant at 95% (Mann–Whitney p = " + Fmt.sig(v.p()) + ")"
                : "the repetitions show no significant difference at 95% (p = " + Fmt.sig(v.p()) + ")")
            .orElse(first.get(by).overlaps(second.get(by))
                ? "the confidence intervals overlap, so the lead is within the noise of " + first.repetitions() +
                    " repetitions"
                : "the confidence intervals do not overlap");
        return first.variant() + " leads on " + by.label() + " (" + value + (by.higherIsBetter()
            ? "), " + Fmt.ratio(lead) + " " + second.variant() + "'s"
            : "); " + second.variant() + "'s is " + Fmt.ratio(lead) + " that") + "; " + how + ".";
    }

    /** The harness's verdict on two ranked servers, if it wrote one. */
    public Optional<PairVerdict> pair(final PointStats a, final PointStats b)
    {
        return pairs.stream().filter(v -> v.between(a.variant(), b.variant())).findFirst();
    }

    /** The verdicts between neighbours in the ranking: first and second, second and third, ... */
    public List<PairVerdict> neighbours()
    {
        final List<PairVerdict> n = new ArrayList<>();
        for (int i = 0; i + 1 < ranked.size(); i++)
        {
            pair(ranked.get(i), ranked.get(i + 1)).ifPresent(n::add);
        }
        return n;
    }

    private static int order(final List<String> variants, final String v)
    {
        final int i = variants.indexOf(v);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
