package io.ioarena.harness.compare;

import io.ioarena.contract.Versioned;
import io.ioarena.harness.report.Estimate;
import io.ioarena.harness.report.Scenario;

import java.util.List;

/**
 * {@code compare.json} ({@code scripts/compare --json}): a {@link Comparison}'s verdicts for machines, one entry per
 * point and metric, with the same numbers as compare.txt. Medians and intervals are in the metric's unit; a number
 * that does not exist (no interval, no ratio without data) is {@code "NaN"}, as JMH writes it.
 *
 * @param test         how significance was decided, in words
 * @param regressions  how many verdicts are {@code REGRESSION}: non-zero exactly when compare exits 1 for them
 * @param unconfirmed  points worse past the threshold that the repetitions cannot confirm (never a failure)
 */
public record ComparisonJson(String baseline, String candidate, double threshold, double alpha, String test,
    int regressions, List<PointVerdict> verdicts, List<String> unconfirmed, List<String> onlyInBaseline,
    List<String> onlyInCandidate, List<String> validityChanges) implements Versioned
{
    public static final String FILE = "compare.json";

    /**
     * One metric of one point.
     *
     * @param metric      the results.csv column ({@code p99_us}, {@code rate_achieved}, ...)
     * @param ratio       candidate median / baseline median
     * @param pValue      the two-sided Mann-Whitney U p-value of the repetitions
     * @param minPValue   the smallest p-value these repetition counts allow: at or above alpha, no difference can be
     *                    shown ({@code UNDECIDABLE})
     * @param verdict     {@link Comparison.Verdict}: {@code REGRESSION}, {@code IMPROVEMENT}, {@code SMALL_CHANGE},
     *                    {@code NOISE}, {@code UNDECIDABLE} or {@code MISSING}
     * @param verdictText the verdict as compare.txt words it
     */
    public record PointVerdict(String variant, Scenario scenario, String metric, String unit, Estimate baseline,
        Estimate candidate, int baselineRepetitions, int candidateRepetitions, double ratio, double pValue,
        double minPValue, Comparison.Verdict verdict, String verdictText)
    {
        static PointVerdict of(final Comparison.Row r)
        {
            return new PointVerdict(r.variant(), r.scenario(), r.metric().column(), r.metric().unit(), r.base(),
                r.cand(), r.baseRuns(), r.candRuns(), r.ratio(), r.test().p(), r.test().minP(), r.verdict(),
                r.verdict().text());
        }
    }

    public static ComparisonJson of(final Comparison c)
    {
        return new ComparisonJson(c.baseline().dir().toString(), c.candidate().dir().toString(), c.threshold(),
            c.alpha(), c.describeTest(), c.regressions().size(), c.rows().stream().map(PointVerdict::of).toList(),
            c.unconfirmed().stream().map(Comparison.Row::point).toList(), c.onlyInBaseline(), c.onlyInCandidate(),
            c.validityChanges());
    }
}
