package io.ioarena.harness.compare;

import io.ioarena.harness.capacity.CapacityRecord;
import io.ioarena.harness.capacity.CapacityResult;
import io.ioarena.harness.report.Estimate;
import io.ioarena.harness.report.Fmt;
import io.ioarena.harness.report.Metric;
import io.ioarena.harness.report.PointStats;
import io.ioarena.harness.report.ResultsDir;
import io.ioarena.harness.report.Run;
import io.ioarena.harness.report.Scenario;
import io.ioarena.harness.results.MannWhitney;
import io.ioarena.harness.results.Tables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A candidate suite against a baseline, point by point (same server, same scenario) and metric by metric: the ratio
 * of medians candidate / baseline, and whether the repetitions show a real difference (two-sided Mann–Whitney U on
 * the repetition values of results.csv at level {@code alpha}). A point regresses when the difference is
 * significant, in the worse direction, and larger than {@code threshold}. A capacity sweep is compared by the
 * capacities its searches found (one per repetition), not by its probes.
 */
public record Comparison(ResultsDir baseline, ResultsDir candidate, double threshold, double alpha,
    List<Row> rows, List<String> onlyInBaseline, List<String> onlyInCandidate, List<String> validityChanges)
{
    /** What one metric of one point did. */
    public enum Verdict
    {
        REGRESSION("REGRESSION"),
        IMPROVEMENT("improved"),
        SMALL_CHANGE("significant, within threshold"),
        NOISE("no significant difference"),
        UNDECIDABLE("too few repetitions to tell"),
        MISSING("no data");

        private final String text;

        Verdict(final String text)
        {
            this.text = text;
        }

        public String text()
        {
            return text;
        }
    }

    public record Row(String variant, Scenario scenario, Metric metric, Estimate base, Estimate cand, int baseRuns,
        int candRuns, double ratio, MannWhitney test, Verdict verdict)
    {
        public String point()
        {
            return variant + " · " + scenario.sweep() + " · " + load();
        }

        /** The scenario in words; a capacity row's rate is the one searched for, not a load. */
        public String load()
        {
            return metric == Metric.CAPACITY ? "capacity under the SLO" : scenario.describe();
        }

        /** Past the threshold in the worse direction, significant or not. */
        public boolean worseBeyond(final double threshold)
        {
            return !Double.isNaN(ratio) && metric.worse(ratio) && Math.abs(ratio - 1) > threshold;
        }
    }

    /** The metrics compared at a point: throughput where the load was closed loop, latencies and CPU everywhere. */
    static List<Metric> metrics(final Scenario s)
    {
        final List<Metric> m = new ArrayList<>();
        if (!s.open())
        {
            m.add(Metric.THROUGHPUT);
        }
        m.addAll(List.of(Metric.P50, Metric.P99, Metric.P999));
        if (s.chat())
        {
            m.add(Metric.DELIVERY_P99);
        }
        m.add(Metric.CPU_PER_MESSAGE);
        return m;
    }

    public static Comparison of(final ResultsDir base, final ResultsDir cand, final double threshold,
        final double alpha) throws IOException
    {
        final List<Row> rows = new ArrayList<>();
        final List<String> onlyBase = new ArrayList<>();
        final List<String> onlyCand = new ArrayList<>();
        final List<String> validity = new ArrayList<>();
        final LinkedHashSet<String> variants = new LinkedHashSet<>(base.variants());
        variants.addAll(cand.variants());
        final List<CapacityRecord> baseSearches = CapacityRecord.readAll(base.dir());
        final List<CapacityRecord> candSearches = CapacityRecord.readAll(cand.dir());
        final Set<String> searched = new LinkedHashSet<>();
        baseSearches.forEach(r -> searched.add(r.sweep()));
        candSearches.forEach(r -> searched.add(r.sweep()));
        final LinkedHashSet<Scenario> scenarios = new LinkedHashSet<>(base.scenarios());
        scenarios.addAll(cand.scenarios());
        // a capacity sweep's points are its searches' probes, at rates of the search's choosing: its capacities are
        // compared instead
        scenarios.removeIf(s -> searched.contains(s.sweep()));
        for (final String sweep : searched)
        {
            for (final String v : variants)
            {
                final List<CapacityRecord> b = searches(baseSearches, sweep, v);
                final List<CapacityRecord> c = searches(candSearches, sweep, v);
                final String name = v + " · " + sweep + " · capacity under the SLO";
                if (b.isEmpty() || c.isEmpty())
                {
                    if (!b.isEmpty() || !c.isEmpty())
                    {
                        (c.isEmpty() ? onlyBase : onlyCand).add(name);
                    }
                    continue;
                }
                final String was = notFound(b);
                final String now = notFound(c);
                if (!was.equals(now))
                {
                    validity.add(name + ": " + (was.isEmpty() ? "every search found one" : was) + " → " +
                        (now.isEmpty() ? "every search found one" : now));
                }
                final Scenario load = Scenario.of(b.getFirst().load(), sweep);
                rows.add(row(v, load, Metric.CAPACITY, Optional.empty(), Optional.empty(), found(b), found(c),
                    threshold, alpha));
            }
        }
        for (final Scenario s : scenarios)
        {
            for (final String v : variants)
            {
                final List<Run> b = base.runs(v, s);
                final List<Run> c = cand.runs(v, s);
                final String name = v + " · " + s.sweep() + " · " + s.describe();
                if (b.isEmpty() && c.isEmpty())
                {
                    continue;
                }
                if (c.isEmpty())
                {
                    onlyBase.add(name);
                    continue;
                }
                if (b.isEmpty())
                {
                    onlyCand.add(name);
                    continue;
                }
                validityChange(name, base.point(v, s), cand.point(v, s), b, c).ifPresent(validity::add);
                for (final Metric m : metrics(s))
                {
                    rows.add(row(v, s, m, base.point(v, s), cand.point(v, s), values(b, m), values(c, m), threshold,
                        alpha));
                }
            }
        }
        return new Comparison(base, cand, threshold, alpha, List.copyOf(rows), List.copyOf(onlyBase),
            List.copyOf(onlyCand), List.copyOf(validity));
    }

    static Row row(final String variant, final Scenario s, final Metric m, final Optional<PointStats> basePoint,
        final Optional<PointStats> candPoint, final double[] b, final double[] c, final double threshold,
        final double alpha)
    {
        final Estimate be = estimate(basePoint, m, b);
        final Estimate ce = estimate(candPoint, m, c);
        if (b.length == 0 || c.length == 0)
        {
            return new Row(variant, s, m, be, ce, b.length, c.length, Double.NaN, MannWhitney.test(b, c),
                Verdict.MISSING);
        }
        final double ratio = median(c) / median(b);
        final MannWhitney test = MannWhitney.test(b, c);
        final boolean beyond = Math.abs(ratio - 1) > threshold;
        final Verdict verdict;
        if (test.minP() >= alpha)
        {
            verdict = Verdict.UNDECIDABLE;
        }
        else if (test.p() >= alpha)
        {
            verdict = Verdict.NOISE;
        }
        else if (!beyond)
        {
            verdict = Verdict.SMALL_CHANGE;
        }
        else
        {
            verdict = m.worse(ratio) ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
        }
        return new Row(variant, s, m, be, ce, b.length, c.length, ratio, test, verdict);
    }

    /** The harness's median and interval when summary.csv has them, else the median of the repetitions alone. */
    private static Estimate estimate(final Optional<PointStats> p, final Metric m, final double[] values)
    {
        if (p.isPresent() && p.get().get(m).present())
        {
            return p.get().get(m);
        }
        return values.length == 0 ? Estimate.NONE : new Estimate(median(values), Double.NaN, Double.NaN);
    }

    private static Optional<String> validityChange(final String name, final Optional<PointStats> bp,
        final Optional<PointStats> cp, final List<Run> b, final List<Run> c)
    {
        final String was = bp.map(PointStats::whyUnranked).orElseGet(() -> whyRuns(b));
        final String now = cp.map(PointStats::whyUnranked).orElseGet(() -> whyRuns(c));
        if (was.equals(now))
        {
            return Optional.empty();
        }
        return Optional.of(name + ": " + (was.isEmpty() ? "valid" : was) + " → " + (now.isEmpty() ? "valid" : now));
    }

    private static String whyRuns(final List<Run> runs)
    {
        final LinkedHashSet<String> why = new LinkedHashSet<>();
        runs.forEach(r ->
        {
            if (!r.ok())
            {
                why.add("FAILED");
            }
            why.addAll(r.flags());
        });
        return String.join(Tables.FLAG_SEPARATOR, why);
    }

    private static List<CapacityRecord> searches(final List<CapacityRecord> all, final String sweep,
        final String variant)
    {
        return all.stream().filter(r -> r.sweep().equals(sweep) && r.variant().equals(variant)).toList();
    }

    /** The capacities the searches found: a search that found none has no number to compare. */
    private static double[] found(final List<CapacityRecord> searches)
    {
        return searches.stream().map(CapacityRecord::result).filter(r -> r.outcome() == CapacityResult.Outcome.FOUND)
            .mapToDouble(CapacityResult::rate).toArray();
    }

    /** The searches that found no capacity, as each ended; empty when all found one. */
    private static String notFound(final List<CapacityRecord> searches)
    {
        return String.join(Tables.FLAG_SEPARATOR, searches.stream().map(CapacityRecord::result)
            .filter(r -> r.outcome() != CapacityResult.Outcome.FOUND).map(r -> r.outcome().name()).toList());
    }

    static double[] values(final List<Run> runs, final Metric m)
    {
        return runs.stream().filter(Run::ok).mapToDouble(r -> r.value(m)).filter(v -> !Double.isNaN(v)).toArray();
    }

    static double median(final double[] values)
    {
        final double[] x = values.clone();
        Arrays.sort(x);
        final int n = x.length;
        return n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
    }

    public List<Row> regressions()
    {
        return rows.stream().filter(r -> r.verdict() == Verdict.REGRESSION).toList();
    }

    public long count(final Verdict v)
    {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }

    /** Rows worse beyond the threshold that the repetitions cannot confirm: worth a look, never a failure. */
    public List<Row> unconfirmed()
    {
        return rows.stream().filter(r -> r.verdict() == Verdict.UNDECIDABLE || r.verdict() == Verdict.NOISE)
            .filter(r -> r.worseBeyond(threshold)).toList();
    }

    public String describeTest()
    {
        return "two-sided Mann-Whitney U on the repetitions (exact up to " + MannWhitney.EXACT_LIMIT +
            " values, normal approximation beyond) at alpha " + Fmt.plain(alpha) + "; a regression is significant, " +
            "worse, and more than " + Fmt.sig(threshold * 100) + "% off the baseline median";
    }
}
