package io.ioarena.harness.results;

/**
 * An ordinary least-squares line through points (x, y), with its coefficient of determination: the cost per
 * connection is the slope of memory against connection count, and R² says whether a line describes it at all
 * (a server whose memory jumps at one count, or does not grow, has a low R² and its slope means little).
 *
 * @param slope     change in y per unit of x.
 * @param intercept y at x = 0.
 * @param r2        1 - residual / total sum of squares: 1 for points on a line; NaN when y does not vary at all
 *                  (then nothing is left to explain; the slope is 0).
 * @param points    how many points the fit used.
 */
public record LinearFit(double slope, double intercept, double r2, int points)
{
    /** Fits y = slope * x + intercept; needs at least two points with different x. */
    public static LinearFit of(final double[] x, final double[] y)
    {
        if (x.length != y.length)
        {
            throw new IllegalArgumentException("a fit needs as many x as y values, not " + x.length + " and " +
                y.length);
        }
        final int n = x.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++)
        {
            meanX += x[i] / n;
            meanY += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++)
        {
            final double dx = x[i] - meanX;
            final double dy = y[i] - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (n < 2 || sxx == 0)
        {
            throw new IllegalArgumentException("a fit needs at least two different x values, got " + n +
                " point(s)" + (n < 2 ? "" : " all at x = " + x[0]));
        }
        final double slope = sxy / sxx;
        final double intercept = meanY - slope * meanX;
        double residual = 0;
        for (int i = 0; i < n; i++)
        {
            final double e = y[i] - (slope * x[i] + intercept);
            residual += e * e;
        }
        final double r2 = syy == 0 ? Double.NaN : 1 - residual / syy;
        return new LinearFit(slope, intercept, r2, n);
    }
}
