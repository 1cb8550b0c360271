package io.ioarena.harness.results;

import io.ioarena.contract.Mode;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.ValidityLimits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * {@code verdicts.csv}: for every scenario, every pair of the servers ranked there, on the metric it is ranked by:
 * "A leads B by x% (significant at 95%)" or "no significant difference", from the repetitions ({@link Lead}). A
 * server is ranked when enough of its repetitions were measured and valid ({@code validity.validRepetitions}), and is
 * judged on those; the leader of a pair is the one with the better median.
 */
public final class Verdicts
{
    public static final String FILE = "verdicts.csv";
    public static final String METRIC = "metric";
    public static final String LEADER = "leader";
    public static final String OTHER = "other";
    public static final String LEAD = "lead";
    public static final String LEAD_CI_LOW = "lead_ci_low";
    public static final String LEAD_CI_HIGH = "lead_ci_high";
    public static final String P_VALUE = "p_value";
    public static final String SIGNIFICANT = "significant";
    public static final String VERDICT = "verdict";

    /** One pair of ranked servers in one scenario: {@code leader} has the better median of {@code metric}. */
    record Pair(PointSpec scenario, String metric, String leader, String other, double leaderMedian,
        double otherMedian, Lead lead)
    {
        String text()
        {
            final String by = Validity.percent(lead.ratio() - 1);
            if (lead.significant())
            {
                return leader + " leads " + other + " by " + by + " (significant at 95%, p = " + p(lead.p()) + ")";
            }
            if (!lead.possible())
            {
                return leader + " vs " + other + ": no significant difference can be shown with " + lead.n() +
                    " and " + lead.m() + " repetitions (" + leader + " ahead by " + by + ")";
            }
            return leader + " vs " + other + ": no significant difference (" + leader + " ahead by " + by +
                ", p = " + p(lead.p()) + ")";
        }
    }

    static final List<Column<Pair>> COLUMNS = Stream.concat(
        Tables.LOAD.stream().map(c -> c.over(Pair::scenario, c == Tables.LOAD.get(0) ? "The scenario, as in "
            + "summary.csv." : null)),
        Stream.of(
            new Column<Pair>(METRIC, Pair::metric, "The summary.csv metric the scenario is ranked on: `rate_achieved` "
                + "in closed loop, `p99_us` in open loop, `delivery_p99_us` for chat."),
            new Column<Pair>(LEADER, Pair::leader, "The two ranked servers (variants) compared; `leader` has the "
                + "better median. Every pair of ranked servers has a row; a server with too few valid repetitions "
                + "(summary.csv's `ranked`) has none."),
            Column.<Pair>alongside(OTHER, Pair::other),
            new Column<Pair>("leader_median", Pair::leaderMedian, "Their medians of `metric`, as in summary.csv."),
            Column.<Pair>alongside("other_median", Pair::otherMedian),
            new Column<Pair>(LEAD, p -> p.lead().ratio() - 1, "How far the leader is ahead, from the medians: "
                + "`leader_median / other_median − 1` for a rate, `other_median / leader_median − 1` for a latency "
                + "(0.12 = 12%)."),
            new Column<Pair>(LEAD_CI_LOW, p -> p.lead().low() - 1, "The distribution-free confidence interval of "
                + "`lead`: of the ratios of one repetition of each server, the k-th smallest and largest, k chosen "
                + "from the exact Mann–Whitney distribution (see below). Empty when the "
                + "repetitions are too few for a 95% interval (fewer than 4 each)."),
            Column.<Pair>alongside(LEAD_CI_HIGH, p -> p.lead().high() - 1),
            new Column<Pair>(Tables.CI_LEVEL, p -> p.lead().level(), "That interval's exact coverage: `0.968` with 5 "
                + "repetitions each, `0.959` with 6; `0` when there is none."),
            new Column<Pair>("leader_repetitions", p -> p.lead().n(), "The repetitions each side contributed: its "
                + "valid ones."),
            Column.<Pair>alongside("other_repetitions", p -> p.lead().m()),
            new Column<Pair>(P_VALUE, p -> p.lead().p(), "The exact two-sided Mann–Whitney U p-value of the two "
                + "servers' repetitions."),
            new Column<Pair>(SIGNIFICANT, p -> p.lead().significant(), "`true` when `p_value` is below 0.05."),
            new Column<Pair>(VERDICT, Pair::text, "The verdict in words: `A leads B by 12% (significant at 95%, p = "
                + "0.008)`, `A vs B: no significant difference (A ahead by 3%, p = 0.42)`, or, when the repetitions "
                + "are too few for any result to be significant, `... no significant difference can be shown with 3 "
                + "and 3 repetitions ...`."))).toList();

    public static final List<String> COLUMN_NAMES = Column.names(COLUMNS);

    private Verdicts()
    {
    }

    /**
     * The results.csv column a scenario is ranked on: throughput in closed loop (the load is "as fast as it
     * answers"); p99 latency in open loop, where every server gets the same rate; delivery p99 for chat, the latency
     * that matters there, where it was measured.
     */
    public static String rankedColumn(final boolean latencyRanked, final boolean chat,
        final boolean deliveryMeasured)
    {
        return !latencyRanked ? Tables.RATE_ACHIEVED : chat && deliveryMeasured ? Tables.DELIVERY_P99_US : Tables.P99_US;
    }

    static List<Pair> pairs(final List<Tables.Point> points)
    {
        final Map<PointSpec, List<Tables.Point>> byScenario = new LinkedHashMap<>();
        points.forEach(p -> byScenario.computeIfAbsent(scenario(p.spec()), k -> new ArrayList<>()).add(p));
        final List<Pair> pairs = new ArrayList<>();
        byScenario.forEach((scenario, all) -> pairs.addAll(pairs(scenario, all)));
        return pairs;
    }

    private static List<Pair> pairs(final PointSpec scenario, final List<Tables.Point> points)
    {
        final ToDoubleFunction<Tables.Row> delivery = Tables.results(Tables.DELIVERY_P99_US);
        final String metric = rankedColumn(scenario.mode() != Mode.CLOSED, scenario.chat(),
            points.stream().flatMap(p -> p.ok().stream()).anyMatch(r -> !Double.isNaN(delivery.applyAsDouble(r))));
        final boolean higherIsBetter = Tables.RATE_ACHIEVED.equals(metric);
        final ToDoubleFunction<Tables.Row> value = Tables.results(metric);
        final Map<Tables.Point, double[]> ranked = new LinkedHashMap<>();
        for (final Tables.Point p : points)
        {
            final double[] v = p.used().stream().mapToDouble(value).filter(d -> !Double.isNaN(d)).toArray();
            if (p.ranked() && v.length > 0)
            {
                ranked.put(p, v);
            }
        }
        final Comparator<Map.Entry<Tables.Point, double[]>> byMedian =
            Comparator.comparingDouble(e -> MedianCi.of(e.getValue()).median());
        final List<Map.Entry<Tables.Point, double[]>> order = ranked.entrySet().stream()
            .sorted(higherIsBetter ? byMedian.reversed() : byMedian).toList();
        final List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < order.size(); i++)
        {
            for (int j = i + 1; j < order.size(); j++)
            {
                final double[] a = order.get(i).getValue();
                final double[] b = order.get(j).getValue();
                pairs.add(new Pair(scenario, metric, order.get(i).getKey().spec().variant(),
                    order.get(j).getKey().spec().variant(), MedianCi.of(a).median(), MedianCi.of(b).median(),
                    Lead.of(a, b, higherIsBetter)));
            }
        }
        return pairs;
    }

    /** A point's load without its server: what every server of a scenario shares. */
    private static PointSpec scenario(final PointSpec s)
    {
        return new PointSpec("", s.sweep(), s.workload(), s.framing(), s.mode(), s.rate(), s.connections(), s.size(),
            s.inFlight(), s.rooms(), s.active());
    }

    public static String csv(final List<Tables.Row> rows, final ValidityLimits limits)
    {
        return Tables.csv(COLUMNS, pairs(Tables.points(rows, limits)));
    }

    static String markdown()
    {
        return Column.markdown(COLUMNS);
    }

    private static String p(final double p)
    {
        return p < 0.001 ? "< 0.001" : String.format(java.util.Locale.ROOT, "%.3f", p);
    }
}
