package io.ioarena.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One client thread's recorders, one per {@link Tag}: the thread records without locks or allocation, and the
 * reporter takes interval histograms from them without stopping it. Histograms auto-resize (3 significant digits,
 * nanoseconds), so no value is ever clamped; they grow only while reaching a new magnitude, never in steady state.
 */
public final class ThreadRecorders
{
    public static final int SIGNIFICANT_DIGITS = 3;

    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[Tag.values().length];
    private final Histogram[] recycled = new Histogram[Tag.values().length];

    public ThreadRecorders()
    {
        for (int i = 0; i < recorders.length; i++)
        {
            recorders[i] = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
        }
    }

    /** Records {@code nanos} under {@code tag}; a negative value (impossible with a monotonic clock) counts as 0. */
    public void record(final Tag tag, final long nanos)
    {
        recorders[tag.ordinal()].recordValue(Math.max(0, nanos));
    }

    /** Reporter thread only: adds what was recorded under {@code tag} since the last call into {@code into}. */
    void addIntervalTo(final Tag tag, final Histogram into)
    {
        final int i = tag.ordinal();
        final Histogram interval = recorders[i].getIntervalHistogram(recycled[i]);
        into.add(interval);
        recycled[i] = interval;
    }
}
