package io.ioarena.load;

import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One client thread's histograms, one per {@link Tag}, double-buffered the way HdrHistogram's recorders are: the
 * thread records into the active set without locks or allocation, and the reporter swaps the sets and reads the
 * inactive one without stopping it. Unlike one {@code SingleWriterRecorder} per tag, one {@link WriterReaderPhaser}
 * guards every tag and the thread can hold it open over a batch ({@link #begin}/{@link #end} around the answers of
 * one read): recording then costs no atomic operation per value. Histograms auto-resize (3 significant digits,
 * nanoseconds), so no value is ever clamped; they are sized for an hour up front, so recording never allocates.
 * Only the tags a thread records get histograms (a few hundred KB each, twice): a client thread never records
 * the hiccup meter's tag, nor the reporter's derived one.
 */
public final class ThreadRecorders
{
    public static final int SIGNIFICANT_DIGITS = 3;
    /** Values up to this (one hour) never make a histogram grow; larger ones still fit, after one resize. */
    static final long PRESIZED_NANOS = 3_600_000_000_000L;
    /**
     * The slot after the tags': a histogram every thread has and nobody reads, where {@link #byPhase} sends the
     * warm-up values of a tag that keeps only measured ones.
     */
    static final int DISCARDED = Tag.values().length;

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    /** By {@link Tag#ordinal()}, then {@link #DISCARDED}; null for a tag this thread does not record. */
    private volatile Histogram[] active;
    /** Reporter only: the set the writer no longer records into after the last swap. */
    private Histogram[] inactive;

    /** Writer only: open batches ({@link #begin} minus {@link #end}), the phase entered, the set it records into. */
    private int depth;
    private long phase;
    private Histogram[] current;

    /**
     * @param tags the tags this thread records; recording any other is a programming error and throws a
     *             {@code NullPointerException}
     */
    public ThreadRecorders(final Set<Tag> tags)
    {
        this.active = presized(tags);
        this.inactive = presized(tags);
    }

    private static Histogram[] presized(final Set<Tag> tags)
    {
        final Histogram[] set = new Histogram[DISCARDED + 1];
        for (final Tag tag : tags)
        {
            set[tag.ordinal()] = presized();
        }
        set[DISCARDED] = presized();
        return set;
    }

    /** A histogram with the layout every recorder's has, so that adding one to another is a plain loop. */
    static Histogram presized()
    {
        // An auto-resizing histogram that grows on the hot path allocates (measured: ~2 MB per run, every time a
        // new magnitude first appears): grow it to an hour up front.
        final Histogram h = new Histogram(SIGNIFICANT_DIGITS);
        h.recordValue(PRESIZED_NANOS);
        h.reset();
        return h;
    }

    /**
     * The slots a value goes to by its message's {@link RunTiming#phase}, for {@link #record(int, long)}: warm-up
     * values to {@code warmup} ({@link #DISCARDED} when null), measured ones to {@code measured}. Recording by phase
     * this way is the same code in both phases (see {@link RunTiming#phase} for why that matters).
     */
    static int[] byPhase(final Tag warmup, final Tag measured)
    {
        final int[] slots = new int[2];
        slots[RunTiming.WARMUP] = warmup == null ? DISCARDED : warmup.ordinal();
        slots[RunTiming.MEASURED] = measured.ordinal();
        return slots;
    }

    /**
     * Writer thread: opens a batch of records. Batches nest; keep them short and never block inside one, because
     * the reporter's swap waits for the open batch to end.
     */
    public void begin()
    {
        if (depth++ == 0)
        {
            phase = phaser.writerCriticalSectionEnter();
            current = active;
        }
    }

    /** Writer thread: closes the batch opened by the matching {@link #begin}. */
    public void end()
    {
        if (--depth == 0)
        {
            phaser.writerCriticalSectionExit(phase);
        }
    }

    /**
     * Writer thread: records {@code nanos} under {@code tag} (inside a batch, or as a batch of its own); a negative
     * value (impossible with a monotonic clock) counts as 0.
     */
    public void record(final Tag tag, final long nanos)
    {
        record(tag.ordinal(), nanos);
    }

    /** Writer thread: as {@link #record(Tag, long)}, into a slot of {@link #byPhase}. */
    void record(final int slot, final long nanos)
    {
        begin();
        try
        {
            current[slot].recordValue(Math.max(0, nanos));
        }
        finally
        {
            // Even when the tag was not given at construction: a batch left open would hang the reporter's swap.
            end();
        }
    }

    /**
     * Reporter thread only: hands each tag this thread records, with what was recorded under it since the last
     * call, to {@code each}, and clears it after the call (so the set is clean when the writer gets it back). The
     * histograms are this object's and valid only during the call; the writer is never held up by {@code each},
     * which runs after the swap. Clearing is a fill of the whole presized array, tens of microseconds: one at a time,
     * between calls, so that a reporter yielding in {@code each} takes its CPU in short stretches.
     */
    void takeInterval(final BiConsumer<Tag, Histogram> each)
    {
        phaser.readerLock();
        try
        {
            final Histogram[] recorded = active;
            active = inactive;
            inactive = recorded;
            // Every batch opened before the swap has ended when this returns: the set is ours to read.
            phaser.flipPhase();
            for (final Tag tag : Tag.values())
            {
                final Histogram h = recorded[tag.ordinal()];
                if (h != null)
                {
                    each.accept(tag, h);
                    h.reset();
                }
            }
            recorded[DISCARDED].reset();
        }
        finally
        {
            phaser.readerUnlock();
        }
    }
}
