package io.ioarena.harness.results;

import java.util.Arrays;

/**
 * How far one server ({@code a}) leads another ({@code b}) on a metric, from their repetitions, and whether the
 * repetitions can tell that lead from run-to-run noise.
 *
 * <p>The test is the exact two-sided Mann–Whitney U ({@link MannWhitney}): distribution-free, so skewed or
 * outlying repetitions do not fool it, and exact at the repetition counts suites use. What it can say depends on n:
 * with 5 repetitions each, 2 of the C(10, 5) = 252 equally likely orderings separate completely, so the smallest
 * p is 2/252 = 0.008; p &lt; 0.05 needs U ≤ 2 (p = 0.032: at most two of the 25 cross pairs out of order),
 * while U = 3 gives p = 0.056. With 4 each only complete separation is significant (p = 2/70 = 0.029), and with
 * 3 each nothing can be (p ≥ 2/20 = 0.1): {@link #possible()} says so rather than "no difference".
 *
 * <p>The interval is the matching distribution-free one for the ratio (Moses' interval for a shift, on the logs): of
 * the n·m ratios of one repetition of each, the k-th smallest and the k-th largest, with k the largest rank whose
 * exact coverage 1 − 2·P(U ≤ k−1) is still at least 95%. It holds where the two servers' repetitions differ by a
 * factor, and without ties it excludes 1 exactly when the test's p is below 0.05. With 5 and 5 it is the 3rd and 23rd
 * of 25 ratios, with coverage 1 − 2·4/252 = 96.8%; with fewer than 4 and 4 no interval reaches 95%.
 *
 * @param ratio the lead as a factor, from the medians: median(a) / median(b) where higher is better, median(b) /
 *              median(a) where lower is; above 1 when {@code a} is ahead
 * @param low   the interval of that factor; NaN when the repetitions are too few for a 95% interval
 * @param level the interval's exact coverage (0 when there is none)
 * @param p     the exact two-sided Mann–Whitney p-value
 * @param minP  the smallest p these repetition counts can give
 */
public record Lead(int n, int m, double ratio, double low, double high, double level, double p, double minP)
{
    public static final double ALPHA = 0.05;

    /** {@code a}'s lead over {@code b}; positive values (rates, latencies). */
    public static Lead of(final double[] a, final double[] b, final boolean higherIsBetter)
    {
        final int n = a.length;
        final int m = b.length;
        final double ma = MedianCi.of(a).median();
        final double mb = MedianCi.of(b).median();
        final MannWhitney test = MannWhitney.test(a, b);
        final int k = n == 0 || m == 0 ? 0 : rank(n, m);
        if (k == 0)
        {
            return new Lead(n, m, higherIsBetter ? ma / mb : mb / ma, Double.NaN, Double.NaN, 0, test.p(),
                test.minP());
        }
        final double[] ratios = new double[n * m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                ratios[i * m + j] = higherIsBetter ? a[i] / b[j] : b[j] / a[i];
            }
        }
        Arrays.sort(ratios);
        return new Lead(n, m, higherIsBetter ? ma / mb : mb / ma, ratios[k - 1], ratios[n * m - k],
            1 - 2 * nullCdf(n, m)[k - 1], test.p(), test.minP());
    }

    /** The repetitions show a lead at the 95% level. */
    public boolean significant()
    {
        return p < ALPHA;
    }

    /** Whether these repetition counts can show a lead at all, whatever the values. */
    public boolean possible()
    {
        return minP < ALPHA;
    }

    /** The largest k whose interval [k-th smallest, k-th largest] still covers with 95%; 0 when none does. */
    static int rank(final int n, final int m)
    {
        final double[] cdf = nullCdf(n, m);
        int k = 0;
        while (k < cdf.length && 2 * cdf[k] <= ALPHA)
        {
            k++;
        }
        return k;
    }

    /**
     * P(U ≤ u) for u = 0..n·m when both samples come from one continuous distribution: every one of the C(n+m, n)
     * orderings is equally likely, and the number with U = u follows c(n, m, u) = c(n−1, m, u−m) + c(n, m−1, u)
     * (the largest value is from the first sample, beating all m of the second, or from the second).
     */
    static double[] nullCdf(final int n, final int m)
    {
        // row[j]: the counts of U for sizes i and j, a row of i at a time; i = 0 or j = 0 has U = 0 only
        double[][] row = new double[m + 1][];
        for (int i = 0; i <= n; i++)
        {
            final double[][] next = new double[m + 1][];
            for (int j = 0; j <= m; j++)
            {
                final double[] c = new double[i * j + 1];
                if (i == 0 || j == 0)
                {
                    c[0] = 1;
                }
                else
                {
                    final double[] first = row[j];
                    final double[] second = next[j - 1];
                    for (int u = 0; u < c.length; u++)
                    {
                        c[u] = (u - j >= 0 && u - j < first.length ? first[u - j] : 0) +
                            (u < second.length ? second[u] : 0);
                    }
                }
                next[j] = c;
            }
            row = next;
        }
        final double[] c = row[m];
        final double total = Arrays.stream(c).sum();
        final double[] cdf = new double[c.length];
        double sum = 0;
        for (int u = 0; u < c.length; u++)
        {
            sum += c[u];
            cdf[u] = sum / total;
        }
        return cdf;
    }
}
