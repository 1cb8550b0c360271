package io.ioarena.harness.compare;

import io.ioarena.harness.report.Estimate;
import io.ioarena.harness.report.Fmt;
import io.ioarena.harness.report.Metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison as a plain-text table, for a terminal or a CI log. */
public final class ComparisonText
{
    private ComparisonText()
    {
    }

    public static String render(final Comparison c)
    {
        final StringBuilder out = new StringBuilder();
        out.append("compare: baseline ").append(c.baseline().dir()).append('\n')
            .append("         candidate ").append(c.candidate().dir()).append('\n')
            .append("         ").append(c.describeTest()).append('\n');
        final List<String[]> table = new ArrayList<>();
        table.add(new String[] {"point", "metric", "baseline", "candidate", "ratio", "change", "p", "runs", "verdict"});
        for (final Comparison.Row r : c.rows())
        {
            table.add(new String[] {r.point(), r.metric().label(), value(r.metric(), r.base()),
                value(r.metric(), r.cand()), Fmt.ratio(r.ratio()), Fmt.change(r.ratio()),
                Double.isNaN(r.test().u()) ? Fmt.MISSING : String.format(Locale.ROOT, "%.3f", r.test().p()),
                r.baseRuns() + "/" + r.candRuns(), r.verdict().text()});
        }
        final int[] widths = new int[table.get(0).length];
        table.forEach(row ->
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (final String[] row : table)
        {
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++)
            {
                final boolean right = i >= 2 && i <= 7;
                final String pad = " ".repeat(widths[i] - row[i].length());
                line.append(right ? pad + row[i] : row[i] + (i == row.length - 1 ? "" : pad)).append("  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        c.validityChanges().forEach(v -> out.append("validity changed: ").append(v).append('\n'));
        c.onlyInBaseline().forEach(v -> out.append("only in the baseline: ").append(v).append('\n'));
        c.onlyInCandidate().forEach(v -> out.append("only in the candidate: ").append(v).append('\n'));
        c.unconfirmed().forEach(r -> out.append("unconfirmed: ").append(r.point()).append(' ')
            .append(r.metric().label()).append(' ').append(Fmt.change(r.ratio()))
            .append(" is past the threshold but not significant (").append(r.verdict().text()).append(")\n"));
        out.append(summary(c)).append('\n');
        return out.toString();
    }

    public static String summary(final Comparison c)
    {
        final long undecidable = c.count(Comparison.Verdict.UNDECIDABLE);
        String s = "summary: " + c.count(Comparison.Verdict.REGRESSION) + " regressions, " +
            c.count(Comparison.Verdict.IMPROVEMENT) + " improvements, " + c.count(Comparison.Verdict.SMALL_CHANGE) +
            " significant changes within the threshold, " + c.count(Comparison.Verdict.NOISE) +
            " without a significant difference, " + undecidable + " undecidable";
        if (undecidable > 0)
        {
            s += " (with these repetition counts no difference can reach p < " + Fmt.plain(c.alpha()) +
                ": the exact test needs 4 repetitions on each side, e.g. --repetitions 5)";
        }
        return s;
    }

    static String value(final Metric m, final Estimate e)
    {
        if (!e.present())
        {
            return Fmt.MISSING;
        }
        final String v = m.format(e.median());
        return Double.isNaN(e.low()) ? v : v + " [" + m.format(e.low()) + "–" + m.format(e.high()) + "]";
    }
}
