package io.ioarena.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One client thread's recorders, one per {@link Tag}: the thread records without locks or allocation, and the
 * reporter takes interval histograms from them without stopping it. Histograms auto-resize (3 significant digits,
 * nanoseconds), so no value is ever clamped; they are sized for an hour up front, so recording never allocates.
 */
public final class ThreadRecorders
{
    public static final int SIGNIFICANT_DIGITS = 3;
    /** Values up to this (one hour) never make a recorder grow; larger ones still fit, after one resize. */
    static final long PRESIZED_NANOS = 3_600_000_000_000L;

    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[Tag.values().length];
    private final Histogram[] recycled = new Histogram[Tag.values().length];

    public ThreadRecorders()
    {
        for (int i = 0; i < recorders.length; i++)
        {
            // Grow both of the recorder's histograms to an hour up front: an auto-resizing recorder that grows on
            // the hot path allocates (measured: ~2 MB per run, every time a new magnitude first appears).
            recorders[i] = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
            recorders[i].recordValue(PRESIZED_NANOS);
            final Histogram grown = recorders[i].getIntervalHistogram();
            grown.reset();
            recycled[i] = grown;
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
