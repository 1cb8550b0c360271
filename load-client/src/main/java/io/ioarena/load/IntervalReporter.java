package io.ioarena.load;

import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;

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
 *
 * <p>It runs on the CPU of the I/O threads it reads, and what it takes from them is latency: with the harness's
 * pinning an I/O thread waits while the reporter runs. Its second's work once took 4-11 ms of CPU (24 ms with the
 * log) in one stretch, and the client's open-loop p99 at 20k msg/s against the selector server was 0.9-1.3 ms where
 * the C client saw 0.2-0.3 ms. So its histograms are allocated once with the recorders' layout (adding is then a
 * plain loop, 0.1-0.3 ms, not a resize and a value-by-value walk), the log compresses for speed
 * ({@link IntervalLog}), and it yields the CPU after each step, so that no stretch of it lasts more than one step.
 */
final class IntervalReporter
{
    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final List<ThreadRecorders> recorders;
    private final List<Tag> tags;
    private final NanoClock clock;
    private final long originNanos;
    private final long originEpochMs;
    private final IntervalLog log;
    private final long compensationIntervalNanos;
    private final Map<Tag, Histogram> totals = new EnumMap<>(Tag.class);
    /** Reused every interval, reset first; {@link Tag#COMPENSATED} is not among them (derived, not collected). */
    private final Map<Tag, Histogram> intervals = new EnumMap<>(Tag.class);
    private final Histogram compensated;
    private final Thread thread;
    private volatile boolean stopping;
    private long intervalStartNanos;

    /**
     * @param log                       where the intervals go, or null to keep the totals only
     * @param compensationIntervalNanos the expected interval of {@link Tag#COMPENSATED} if it is in {@code tags}
     */
    IntervalReporter(final List<ThreadRecorders> recorders, final List<Tag> tags, final NanoClock clock,
        final long originNanos, final long originEpochMs, final IntervalLog log,
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
            totals.put(tag, ThreadRecorders.presized());
            if (tag != Tag.COMPENSATED)
            {
                intervals.put(tag, ThreadRecorders.presized());
            }
        }
        this.compensated = tags.contains(Tag.COMPENSATED) ? ThreadRecorders.presized() : null;
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
        for (final Histogram interval : intervals.values())
        {
            interval.reset();
        }
        for (final ThreadRecorders r : recorders)
        {
            r.addIntervalTo(intervals);
            Thread.yield();
        }
        for (final Tag tag : tags)
        {
            final Histogram interval = tag == Tag.COMPENSATED ? compensated : intervals.get(tag);
            if (tag == Tag.COMPENSATED)
            {
                compensated.reset();
                compensated.addWhileCorrectingForCoordinatedOmission(intervals.get(Tag.LATENCY),
                    compensationIntervalNanos);
            }
            interval.setStartTimeStamp(startMs);
            interval.setEndTimeStamp(endMs);
            interval.setTag(tag.tag());
            if (log != null)
            {
                log.write(interval);
                Thread.yield();
            }
            totals.get(tag).add(interval);
            Thread.yield();
        }
        intervalStartNanos = intervalEndNanos;
    }
}
