package io.ioarena.harness.report;

import io.ioarena.harness.results.Tables;

import java.util.List;
import java.util.Map;

/**
 * One row of summary.csv: one server under one scenario, summarised over its repetitions.
 *
 * @param ok       repetitions measured; {@code failed} ones could not be (see {@code failureReasons}).
 * @param valid    every measured repetition passed the client's validity checks.
 * @param ciLevel  the exact coverage of the confidence intervals (below 0.95 with fewer than 6 repetitions).
 * @param flags    the client's validity flags over all repetitions (empty when valid).
 * @param clientBusyMax      the load client's own I/O threads' busy share (0..1) in its busiest repetition; NaN
 *                           when the client did not report it.
 * @param clientHiccupMaxUs  the load client's own longest stall over the repetitions, in µs; NaN when unreported.
 * @param syscallSource      what counted the system calls of its repetitions, or why nothing did (summary.csv's
 *                           {@code syscall_source}); empty when no census was taken.
 */
public record PointStats(String variant, String implementation, Scenario scenario, int repetitions, int ok,
    int failed, boolean valid, double ciLevel, Map<Metric, Estimate> metrics, double errorsTotal, List<String> flags,
    String failureReasons, double clientBusyMax, double clientHiccupMaxUs, String syscallSource)
{
    public Estimate get(final Metric m)
    {
        return metrics.getOrDefault(m, Estimate.NONE);
    }

    /** Shown but never ranked: failed or flagged repetitions make the numbers untrustworthy. */
    public boolean rankable()
    {
        return ok > 0 && failed == 0 && valid && flags.isEmpty();
    }

    /** Why this point is not ranked, for people; empty when it is. */
    public String whyUnranked()
    {
        if (ok == 0)
        {
            return "FAILED" + (failureReasons.isBlank() ? "" : ": " + failureReasons);
        }
        final StringBuilder s = new StringBuilder();
        if (!flags.isEmpty())
        {
            s.append(String.join(Tables.FLAG_SEPARATOR, flags));
        }
        else if (!valid)
        {
            s.append("INVALID");
        }
        if (failed > 0)
        {
            s.append(s.isEmpty() ? "" : "; ").append(failed).append(" of ").append(repetitions)
                .append(" repetitions FAILED").append(failureReasons.isBlank() ? "" : ": " + failureReasons);
        }
        return s.toString();
    }
}
