package io.ioarena.harness.run;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code perf stat -x , -I <ms> -e <event>} writes for one event: a line per interval,
 * {@code <seconds since perf started>,<count>,<unit>,<event>,...}, with {@code #} comments. perf counts over its own
 * life, which brackets a point's measured window; the count of the window is read off the running sum, interpolated
 * at both edges as the /proc samples are ({@code Resources}).
 *
 * @param ends   each interval's end, in seconds since perf started, ascending.
 * @param counts each interval's count.
 */
public record PerfIntervals(List<Double> ends, List<Long> counts)
{
    /** The intervals of {@code event} in {@code text}; an {@link IllegalArgumentException} saying what was wrong. */
    public static PerfIntervals parse(final String text, final String event)
    {
        final List<Double> ends = new ArrayList<>();
        final List<Long> counts = new ArrayList<>();
        for (final String line : text.lines().map(String::strip).toList())
        {
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final String[] f = line.split(",", -1);
            if (f.length < 4 || !f[3].equals(event))
            {
                continue;
            }
            try
            {
                ends.add(Double.parseDouble(f[0]));
                counts.add(Long.parseLong(f[1]));
            }
            catch (final NumberFormatException e)
            {
                throw new IllegalArgumentException("perf did not count " + event + ": " + line);
            }
        }
        if (ends.isEmpty())
        {
            throw new IllegalArgumentException("perf wrote no interval of " + event);
        }
        return new PerfIntervals(List.copyOf(ends), List.copyOf(counts));
    }

    /**
     * The count between {@code fromEpochMs} and {@code toEpochMs}, perf having started at {@code startEpochMs};
     * counted evenly within each interval.
     */
    public double between(final long startEpochMs, final long fromEpochMs, final long toEpochMs)
    {
        return at((toEpochMs - startEpochMs) / 1000.0) - at((fromEpochMs - startEpochMs) / 1000.0);
    }

    /** The running sum at {@code t} seconds after perf started. */
    private double at(final double t)
    {
        double sum = 0;
        double start = 0;
        for (int i = 0; i < ends.size(); i++)
        {
            final double end = ends.get(i);
            if (t < end)
            {
                return sum + (t <= start ? 0 : counts.get(i) * (t - start) / (end - start));
            }
            sum += counts.get(i);
            start = end;
        }
        return sum;
    }
}
