package io.ioarena.harness.results;

import java.util.Arrays;

/**
 * The median of repetitions with a distribution-free confidence interval from order statistics: for n sorted values
 * x(1) ≤ ... ≤ x(n), the interval [x(k), x(n+1-k)] contains the true median with probability
 * 1 − 2·P(B ≤ k−1), B ~ Binomial(n, ½), whatever the distribution. k is the largest rank whose coverage is still at
 * least 95%. With fewer than 6 values no interval reaches 95% (five values give 93.75% for [min, max]); then the
 * interval is [min, max] and {@code level} says the coverage it actually has, so a reader is never told 95% when it
 * is not.
 *
 * @param level the interval's exact coverage (0 for a single value).
 */
public record MedianCi(int n, double median, double low, double high, double level)
{
    public static final double TARGET = 0.95;

    public static MedianCi of(final double... values)
    {
        if (values.length == 0)
        {
            return new MedianCi(0, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        final double[] x = values.clone();
        Arrays.sort(x);
        final int n = x.length;
        final double median = n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
        if (n == 1)
        {
            return new MedianCi(1, median, x[0], x[0], 0);
        }
        int k = 1;
        double level = coverage(n, 1);
        while (k + 1 <= n / 2 && coverage(n, k + 1) >= TARGET)
        {
            k++;
            level = coverage(n, k);
        }
        return new MedianCi(n, median, x[k - 1], x[n - k], level);
    }

    /** Coverage of [x(k), x(n+1-k)]: 1 − 2·P(B ≤ k−1). */
    static double coverage(final int n, final int k)
    {
        double tail = 0;
        for (int i = 0; i < k; i++)
        {
            tail += binomialHalf(n, i);
        }
        return 1 - 2 * tail;
    }

    private static double binomialHalf(final int n, final int i)
    {
        // C(n, i) / 2^n in logs, exact enough for any repetition count
        double log = -n * Math.log(2);
        for (int j = 1; j <= i; j++)
        {
            log += Math.log(n - i + j) - Math.log(j);
        }
        return Math.exp(log);
    }
}
