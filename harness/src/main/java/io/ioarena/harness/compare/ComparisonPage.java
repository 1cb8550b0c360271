package io.ioarena.harness.compare;

import io.ioarena.harness.report.Assets;
import io.ioarena.harness.report.Fmt;
import io.ioarena.harness.report.Html;

import java.util.Locale;

/** The comparison as one self-contained HTML page: the same table as the text, with regressions in colour. */
public final class ComparisonPage
{
    private ComparisonPage()
    {
    }

    public static String render(final Comparison c)
    {
        final StringBuilder out = new StringBuilder(1 << 14);
        final String title = "ioarena comparison: " + c.candidate().label() + " against " + c.baseline().label();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .append(Html.esc(title)).append("</title>\n<style>\n").append(Assets.reportStyle())
            .append("tr.regression td { background: #fde8e8; }\ntr.improvement td { background: #e9f6ea; }\n")
            .append("tr.undecidable td, tr.noise td { color: #6b6b70; }\n</style>\n</head>\n<body>\n<h1>")
            .append(Html.esc(title)).append("</h1>\n<p class=\"sub\">baseline ").append(Html.esc(c.baseline().dir()))
            .append("<br>candidate ").append(Html.esc(c.candidate().dir())).append("</p>\n<p>")
            .append(Html.esc(c.describeTest())).append(".</p>\n<div class=\"banner ")
            .append(c.regressions().isEmpty() ? "info" : "bad").append("\">")
            .append(Html.esc(ComparisonText.summary(c))).append("</div>\n");
        c.validityChanges().forEach(v -> out.append("<div class=\"banner warn\">validity changed: ")
            .append(Html.esc(v)).append("</div>\n"));
        c.onlyInBaseline().forEach(v -> out.append("<div class=\"banner info\">only in the baseline: ")
            .append(Html.esc(v)).append("</div>\n"));
        c.onlyInCandidate().forEach(v -> out.append("<div class=\"banner info\">only in the candidate: ")
            .append(Html.esc(v)).append("</div>\n"));
        out.append("<table>\n<thead><tr><th>server</th><th>scenario</th><th>metric</th><th>baseline</th>")
            .append("<th>candidate</th><th>ratio</th><th>change</th><th>p</th><th>runs</th><th>verdict</th>")
            .append("</tr></thead>\n<tbody>\n");
        for (final Comparison.Row r : c.rows())
        {
            out.append("<tr class=\"").append(r.verdict().name().toLowerCase(Locale.ROOT)).append("\"><td>")
                .append(Html.esc(r.variant())).append("</td><td>").append(Html.esc(r.scenario().sweep()))
                .append("<br><small>").append(Html.esc(r.load())).append("</small></td><td>")
                .append(Html.esc(r.metric().label())).append("</td><td class=\"num\">")
                .append(Html.esc(ComparisonText.value(r.metric(), r.base()))).append("</td><td class=\"num\">")
                .append(Html.esc(ComparisonText.value(r.metric(), r.cand()))).append("</td><td class=\"num\">")
                .append(Html.esc(Fmt.ratio(r.ratio()))).append("</td><td class=\"num\">")
                .append(Html.esc(Fmt.change(r.ratio()))).append("</td><td class=\"num\">")
                .append(Double.isNaN(r.test().u()) ? Fmt.MISSING : String.format(Locale.ROOT, "%.3f", r.test().p()))
                .append("</td><td>").append(r.baseRuns()).append('/').append(r.candRuns()).append("</td><td>")
                .append(Html.esc(r.verdict().text())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</body>\n</html>\n");
        return out.toString();
    }
}
