package io.ioarena.harness.report;

/**
 * A median over repetitions with its confidence interval, as summary.csv gives them ({@code <metric>_median},
 * {@code _ci_low}, {@code _ci_high}). NaN where the harness wrote nothing.
 */
public record Estimate(double median, double low, double high)
{
    public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN);

    public boolean present()
    {
        return !Double.isNaN(median);
    }

    /** Whether the two intervals share any value; intervals that are missing count as overlapping (no claim). */
    public boolean overlaps(final Estimate other)
    {
        if (Double.isNaN(low) || Double.isNaN(high) || Double.isNaN(other.low) || Double.isNaN(other.high))
        {
            return true;
        }
        return low <= other.high && other.low <= high;
    }
}
