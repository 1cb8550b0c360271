package io.ioarena.harness.results;

import java.util.Arrays;

/**
 * The two-sided Mann–Whitney U test (Wilcoxon rank-sum): do two sets of repetitions come from the same
 * distribution? Distribution-free, so it suits run-to-run noise that is skewed or has outliers. With up to 20
 * values in all the p-value is exact: every way of splitting the pooled values into groups of the two sizes is
 * counted (ties get mid-ranks, and the split counting handles them exactly). With more, the normal approximation
 * with tie and continuity corrections.
 *
 * @param u    U of the first sample: how often one of its values exceeds one of the second's (ties count ½).
 * @param p    two-sided p-value.
 * @param minP the smallest p-value these sample sizes can give: when it is above the significance level, no result
 *             of this many repetitions can be called significant, whatever the data.
 */
public record MannWhitney(double u, double p, double minP, boolean exact)
{
    public static final int EXACT_LIMIT = 20;

    public static MannWhitney test(final double[] a, final double[] b)
    {
        final int n = a.length;
        final int m = b.length;
        if (n == 0 || m == 0)
        {
            return new MannWhitney(Double.NaN, 1, 1, true);
        }
        final double[] pooled = new double[n + m];
        System.arraycopy(a, 0, pooled, 0, n);
        System.arraycopy(b, 0, pooled, n, m);
        final double[] ranks = midRanks(pooled);
        double rankSumA = 0;
        for (int i = 0; i < n; i++)
        {
            rankSumA += ranks[i];
        }
        final double u = rankSumA - n * (n + 1) / 2.0;
        final double center = n * m / 2.0;
        final double minP = Math.min(1, 2.0 / binomial(n + m, n));
        if (n + m <= EXACT_LIMIT)
        {
            final long[] counts = new long[2];
            splits(ranks, n, 0, 0, 0, Math.abs(u - center), center, counts);
            return new MannWhitney(u, (double) counts[0] / counts[1], minP, true);
        }
        return new MannWhitney(u, normal(pooled, n, m, u), minP, false);
    }

    /** Counts, over every choice of n of the pooled ranks, those at least as far from the centre as observed. */
    private static void splits(final double[] ranks, final int left, final int from, final double sum,
        final int depth, final double observed, final double center, final long[] counts)
    {
        if (left == 0)
        {
            final double u = sum - depth * (depth + 1) / 2.0;
            counts[1]++;
            if (Math.abs(u - center) >= observed - 1e-9)
            {
                counts[0]++;
            }
            return;
        }
        for (int i = from; i <= ranks.length - left; i++)
        {
            splits(ranks, left - 1, i + 1, sum + ranks[i], depth + 1, observed, center, counts);
        }
    }

    private static double normal(final double[] pooled, final int n, final int m, final double u)
    {
        final double[] sorted = pooled.clone();
        Arrays.sort(sorted);
        double ties = 0;
        for (int i = 0; i < sorted.length; )
        {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i])
            {
                j++;
            }
            final double t = j - i;
            ties += t * t * t - t;
            i = j;
        }
        final double nm = n + m;
        final double variance = n * m / 12.0 * ((nm + 1) - ties / (nm * (nm - 1)));
        if (variance <= 0)
        {
            return 1;
        }
        final double z = (Math.abs(u - n * m / 2.0) - 0.5) / Math.sqrt(variance);
        return Math.min(1, 2 * (1 - phi(Math.max(0, z))));
    }

    static double[] midRanks(final double[] values)
    {
        final Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        final double[] ranks = new double[values.length];
        for (int i = 0; i < order.length; )
        {
            int j = i;
            while (j < order.length && values[order[j]] == values[order[i]])
            {
                j++;
            }
            final double mid = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++)
            {
                ranks[order[k]] = mid;
            }
            i = j;
        }
        return ranks;
    }

    static double binomial(final int n, final int k)
    {
        double r = 1;
        for (int i = 1; i <= k; i++)
        {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    /** The standard normal distribution function (Abramowitz and Stegun 7.1.26 through erf; error below 1.5e-7). */
    static double phi(final double z)
    {
        final double x = Math.abs(z) / Math.sqrt(2);
        final double t = 1 / (1 + 0.3275911 * x);
        final double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t +
            0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
