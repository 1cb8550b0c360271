package io.ioarena.load;

import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The reporter: every second (aligned on the run's origin, so the intervals of several instances started together
 * line up) it takes each thread's interval histogram of each tag; at the end of the run it adds them into one interval
 * histogram per tag, writes those to the interval log and adds them to the run's totals. The client threads never
 * wait for it. The {@link Tag#COMPENSATED} interval is derived from the {@link Tag#LATENCY} one: HdrHistogram's
 * correction for an expected interval is value by value, so correcting each interval's sum equals recording every
 * value corrected.
 *
 * <p>It runs on the CPU of the I/O threads it reads, and what it takes from them is latency: with the harness's
 * pinning an I/O thread waits while the reporter runs, and an open-loop I/O thread that polls for its next send has
 * no idle time the reporter could use. Adding, compressing and writing each second's intervals took 4-8 ms of that
 * CPU a second in stretches of 0.5-4 ms (a per-thread scheduler trace of 20k msg/s runs, 2026-12-04), and those few
 * stretches a second set the client's p99 near 1 ms whatever the server. So during the run a second's work is only
 * the swap and, per recorded tag, an uncompressed encoding and the clearing (tens of microseconds, then a yield),
 * kept in memory: 0.8-1.6 ms a second in the same trace. The rest waits for {@link #stop}, when the I/O threads are
 * done. The kept intervals are small (a few KB a tag a second); past {@link #PENDING_LIMIT_BYTES} (hours of a run)
 * they are written out at once, as they all were before.
 */
final class IntervalReporter
{
    static final long INTERVAL_NANOS = 1_000_000_000L;
    /** Encoded intervals kept for the end of the run at most; a run that outgrows it writes them out mid-run. */
    static final long PENDING_LIMIT_BYTES = 64L << 20;

    /**
     * One thread's histogram of one tag over the run's {@code interval}-th interval, encoded as HdrHistogram does,
     * without compression.
     */
    private record Taken(int interval, long startMs, long endMs, Tag tag, byte[] encoded)
    {
    }

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
    /** The intervals taken and not yet added up, in the order taken (every thread's of one interval together). */
    private final List<Taken> pending = new ArrayList<>();
    private long pendingBytes;
    private int taken;
    /** Encoding space: a presized histogram's full encoding, the most any interval needs until one outgrows it. */
    private ByteBuffer encoding = ByteBuffer.allocate(ThreadRecorders.presized().getNeededByteBufferCapacity());
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
        publish();
        return totals;
    }

    /** Takes every thread's interval up to {@code intervalEndNanos} and keeps it, encoded, for {@link #publish}. */
    synchronized void collect(final long intervalEndNanos)
    {
        final long startMs = originEpochMs + Math.floorDiv(intervalStartNanos - originNanos, 1_000_000);
        final long endMs = originEpochMs + Math.floorDiv(intervalEndNanos - originNanos, 1_000_000);
        final int interval = taken++;
        for (final ThreadRecorders r : recorders)
        {
            r.takeInterval((tag, h) ->
            {
                if (intervals.containsKey(tag))
                {
                    pending.add(new Taken(interval, startMs, endMs, tag, encode(h)));
                }
                Thread.yield();
            });
        }
        intervalStartNanos = intervalEndNanos;
        if (pendingBytes > PENDING_LIMIT_BYTES)
        {
            publish();
        }
    }

    private byte[] encode(final Histogram h)
    {
        final int needed = h.getNeededByteBufferCapacity();
        if (encoding.capacity() < needed)
        {
            encoding = ByteBuffer.allocate(needed);
        }
        encoding.clear();
        final int length = h.encodeIntoByteBuffer(encoding);
        pendingBytes += length;
        return Arrays.copyOf(encoding.array(), length);
    }

    /** Adds up the kept intervals, one tag's threads together, then writes and totals them, in order. */
    private void publish()
    {
        int from = 0;
        while (from < pending.size())
        {
            final Taken first = pending.get(from);
            int to = from;
            while (to < pending.size() && pending.get(to).interval() == first.interval())
            {
                to++;
            }
            for (final Histogram interval : intervals.values())
            {
                interval.reset();
            }
            for (final Taken t : pending.subList(from, to))
            {
                intervals.get(t.tag()).add(Histogram.decodeFromByteBuffer(ByteBuffer.wrap(t.encoded()), 0));
            }
            write(first.startMs(), first.endMs());
            from = to;
        }
        pending.clear();
        pendingBytes = 0;
    }

    private void write(final long startMs, final long endMs)
    {
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
            }
            totals.get(tag).add(interval);
        }
    }
}
