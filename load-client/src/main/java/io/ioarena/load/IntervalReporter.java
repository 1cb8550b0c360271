package io.ioarena.load;

import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The reporter: every second (aligned on the run's origin, so the intervals of several instances started together
 * line up) it takes each thread's interval histogram of each tag, adds them into one interval histogram per tag,
 * writes those to the interval log and adds them to the run's totals. The client threads never wait for it. The
 * {@link Tag#COMPENSATED} interval is derived from the {@link Tag#LATENCY} one: HdrHistogram's correction for an
 * expected interval is value by value, so correcting each interval's sum equals recording every value corrected.
 */
final class IntervalReporter
{
    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final List<ThreadRecorders> recorders;
    private final List<Tag> tags;
    private final NanoClock clock;
    private final long originNanos;
    private final long originEpochMs;
    private final HistogramLogWriter log;
    private final long compensationIntervalNanos;
    private final Map<Tag, Histogram> totals = new EnumMap<>(Tag.class);
    private final Thread thread;
    private volatile boolean stopping;
    private long intervalStartNanos;

    /**
     * @param log                       where the intervals go, or null to keep the totals only
     * @param compensationIntervalNanos the expected interval of {@link Tag#COMPENSATED} if it is in {@code tags}
     */
    IntervalReporter(final List<ThreadRecorders> recorders, final List<Tag> tags, final NanoClock clock,
        final long originNanos, final long originEpochMs, final HistogramLogWriter log,
        final long compensationIntervalNanos)
    {
        this.recorders = recorders;
        this.tags = tags;
        this.clock = clock;
        this.originNanos = originNanos;
        this.originEpochMs = originEpochMs;
        this.log = log;
        this.compensationIntervalNanos = compensationIntervalNanos;
        this.intervalStartNanos = originNanos;
        for (final Tag tag : tags)
        {
            totals.put(tag, new Histogram(ThreadRecorders.SIGNIFICANT_DIGITS));
        }
        this.thread = new Thread(this::run, "ioarena-reporter");
        this.thread.setDaemon(true);
    }

    void start()
    {
        thread.start();
    }

    private void run()
    {
        long k = 1;
        while (!stopping)
        {
            final long at = originNanos + k * INTERVAL_NANOS;
            long wait;
            while (!stopping && (wait = at - clock.nanoTime()) > 0)
            {
                LockSupport.parkNanos(wait);
            }
            if (!stopping)
            {
                collect(at);
                k++;
            }
        }
    }

    /** Stops the reporter and collects the last, partial interval up to now; then the totals are complete. */
    Map<Tag, Histogram> stop() throws InterruptedException
    {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
        collect(Math.max(clock.nanoTime(), intervalStartNanos + 1));
        return totals;
    }

    private synchronized void collect(final long intervalEndNanos)
    {
        final long startMs = originEpochMs + Math.floorDiv(intervalStartNanos - originNanos, 1_000_000);
        final long endMs = originEpochMs + Math.floorDiv(intervalEndNanos - originNanos, 1_000_000);
        final Map<Tag, Histogram> intervals = new EnumMap<>(Tag.class);
        for (final Tag tag : tags)
        {
            if (tag != Tag.COMPENSATED)
            {
                intervals.put(tag, new Histogram(ThreadRecorders.SIGNIFICANT_DIGITS));
            }
        }
        for (final ThreadRecorders r : recorders)
        {
            r.addIntervalTo(intervals);
        }
        if (tags.contains(Tag.COMPENSATED))
        {
            intervals.put(Tag.COMPENSATED,
                intervals.get(Tag.LATENCY).copyCorrectedForCoordinatedOmission(compensationIntervalNanos));
        }
        for (final Tag tag : tags)
        {
            final Histogram interval = intervals.get(tag);
            interval.setStartTimeStamp(startMs);
            interval.setEndTimeStamp(endMs);
            interval.setTag(tag.tag());
            if (log != null)
            {
                log.outputIntervalHistogram(interval);
            }
            totals.get(tag).add(interval);
        }
        intervalStartNanos = intervalEndNanos;
    }
}
