package io.ioarena.harness.report;

import io.ioarena.harness.results.IntervalLogReader;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A percentile spectrum as HdrHistogram's plotter draws it: latency against {@code 1/(1-percentile)} on a log axis,
 * so that 90%, 99%, 99.9%... are evenly spaced. Made from a point's interval log ({@code latency.hlog}: every
 * interval of one tag added up, over all the repetitions given) or, when there is none, from its percentile
 * distribution file ({@code .hgrm}).
 *
 * @param count values behind the spectrum; it is drawn only up to {@code 1/(1-p) = count}, where the data ends.
 */
public record Spectrum(long count, List<double[]> points)
{
    /** Grid steps per decade of the x axis. */
    static final int STEPS_PER_DECADE = 20;
    /** The axis ends at 99.99999%: beyond that no run of ours has data. */
    static final int MAX_DECADES = 7;

    /** The value in milliseconds at {@code x = 1/(1-p)}, or NaN past the data. */
    public double valueAt(final double x)
    {
        if (points.isEmpty() || x > Math.max(count, 1))
        {
            return Double.NaN;
        }
        for (final double[] p : points)
        {
            if (p[0] >= x)
            {
                return p[1];
            }
        }
        return points.get(points.size() - 1)[1];
    }

    /** The x grid: 10^(k/20) from 1 (0%) to the decade that holds {@code maxCount}. */
    public static double[] grid(final long maxCount)
    {
        final int decades = (int) Math.min(MAX_DECADES, Math.ceil(Math.log10(Math.max(10, maxCount))));
        final double[] x = new double[decades * STEPS_PER_DECADE + 1];
        for (int k = 0; k < x.length; k++)
        {
            x[k] = Math.pow(10, k / (double) STEPS_PER_DECADE);
        }
        return x;
    }

    /** The histogram of one tag over every interval of the given logs (nanosecond values); empty when none. */
    public static Histogram merge(final List<Path> logs, final String tag) throws IOException
    {
        final Histogram sum = new Histogram(3);
        for (final Path log : logs)
        {
            IntervalLogReader.forEach(log, Set.of(tag), sum::add);
        }
        return sum;
    }

    /** The spectrum of a nanosecond histogram, in milliseconds, sampled on the grid. */
    public static Spectrum of(final Histogram h)
    {
        final long n = h.getTotalCount();
        final List<double[]> pts = new ArrayList<>();
        if (n > 0)
        {
            for (final double x : grid(n))
            {
                if (x > n)
                {
                    break;
                }
                final double percentile = 100.0 * (1 - 1 / x);
                pts.add(new double[] {x, h.getValueAtPercentile(percentile) / 1e6});
            }
            pts.add(new double[] {n, h.getMaxValue() / 1e6});
        }
        return new Spectrum(n, List.copyOf(pts));
    }

    /**
     * The spectrum of a classic {@code .hgrm} file (columns Value in ms, Percentile, TotalCount, 1/(1-Percentile)).
     */
    public static Spectrum ofHgrm(final Path file) throws IOException
    {
        final List<double[]> pts = new ArrayList<>();
        long count = 0;
        for (final String line : Files.readAllLines(file))
        {
            final String[] f = line.trim().split("\\s+");
            if (f.length < 3 || !Character.isDigit(f[0].charAt(0)))
            {
                continue;
            }
            try
            {
                final double value = Double.parseDouble(f[0]);
                final double p = Double.parseDouble(f[1]);
                count = Math.max(count, Long.parseLong(f[2]));
                if (p < 1)
                {
                    pts.add(new double[] {1 / (1 - p), value});
                }
            }
            catch (final NumberFormatException e)
            {
                // a header or footer line
            }
        }
        return new Spectrum(count, List.copyOf(pts));
    }
}
