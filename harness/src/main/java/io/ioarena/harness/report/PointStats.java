package io.ioarena.harness.report;

import io.ioarena.harness.results.Tables;

import java.util.List;
import java.util.Map;

/**
 * One row of summary.csv: one server under one scenario, summarised over its repetitions.
 *
 * @param ok       repetitions measured; {@code failed} ones could not be (see {@code failureReasons}).
 * @param validRepetitions  measured repetitions no validity rule flagged.
 * @param ranked   enough repetitions are valid ({@code validity.validRepetitions}): the estimates are over the valid
 *                 ones, and the point is ranked; otherwise they are over every measured one, shown only.
 * @param ciLevel  the exact coverage of the confidence intervals (below 0.95 with fewer than 6 repetitions).
 * @param flags    the validity flags of every measured repetition (those a ranked point dropped; why another is not
 *                 ranked).
 * @param clientBusyMax      the load client's own I/O threads' busy share (0..1) in its busiest repetition; NaN
 *                           when the client did not report it.
 * @param clientHiccupMaxUs  the load client's own longest stall over the repetitions, in µs; NaN when unreported.
 * @param syscallSource      what counted the system calls of its repetitions, or why nothing did (summary.csv's
 *                           {@code syscall_source}); empty when no census was taken.
 */
public record PointStats(String variant, String implementation, Scenario scenario, int repetitions, int ok,
    int failed, int validRepetitions, boolean ranked, double ciLevel, Map<Metric, Estimate> metrics,
    double errorsTotal, List<String> flags, String failureReasons, double clientBusyMax, double clientHiccupMaxUs,
    String syscallSource)
{
    public Estimate get(final Metric m)
    {
        return metrics.getOrDefault(m, Estimate.NONE);
    }

    /** Ranked, or shown only: too many failed or flagged repetitions make the numbers untrustworthy. */
    public boolean rankable()
    {
        return ranked && ok > 0;
    }

    /** Repetitions left out of a ranked point's statistics: the failed and the flagged ones. */
    public int dropped()
    {
        return repetitions - validRepetitions;
    }

    /** Why this point is not ranked, for people; empty when it is. */
    public String whyUnranked()
    {
        if (ok == 0)
        {
            return "FAILED" + (failureReasons.isBlank() ? "" : ": " + failureReasons);
        }
        return rankable() ? "" : dropReasons();
    }

    /**
     * For people: the flags and failures of the repetitions that are not valid: why the point is not ranked, or
     * what a ranked point dropped. Empty when every repetition is valid.
     */
    public String dropReasons()
    {
        final StringBuilder s = new StringBuilder();
        if (!flags.isEmpty())
        {
            s.append(String.join(Tables.FLAG_SEPARATOR, flags));
        }
        else if (validRepetitions < ok)
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
