package io.ioarena.load;

import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;

import java.util.Map;

/** The tests' way to read a {@link ThreadRecorders}' interval: summed into one histogram per tag. */
final class Intervals
{
    private Intervals()
    {
    }

    /** Takes {@code recorders}' interval and adds each tag's into {@code into}'s histogram of it, if it has one. */
    static void addTo(final ThreadRecorders recorders, final Map<Tag, Histogram> into)
    {
        recorders.takeInterval((tag, h) ->
        {
            final Histogram to = into.get(tag);
            if (to != null)
            {
                to.add(h);
            }
        });
    }
}
