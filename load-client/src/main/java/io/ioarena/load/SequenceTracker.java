package io.ioarena.load;

/**
 * Which of a connection's own messages are still unanswered, so every answer is classified exactly: in order,
 * reordered (it came after a newer one), duplicated (already answered), or unexpected (never sent). A bitmap over a
 * sliding window of sequence numbers, from the oldest unanswered to the next to send; nothing is allocated after
 * construction. The window bounds the messages in flight: a connection does not send while it is full (its
 * schedule keeps the intended times, so the wait shows as latency and send lag, never as a skipped message).
 */
public final class SequenceTracker
{
    public static final int IN_ORDER = 0;
    public static final int REORDERED = 1;
    public static final int DUPLICATE = 2;
    public static final int UNEXPECTED = 3;

    private final long[] bits;
    private final long mask;
    private final long window;

    private long nextToSend;
    private long oldestUnanswered;
    private long highestAnswered = -1;

    /** @param window the most messages in flight; rounded up to a power of two, at least 64. */
    public SequenceTracker(final int window)
    {
        final int size = Math.max(64, Integer.highestOneBit(Math.max(1, window - 1)) << 1);
        this.bits = new long[size >>> 6];
        this.mask = size - 1;
        this.window = size;
    }

    public boolean canSend()
    {
        return nextToSend - oldestUnanswered < window;
    }

    /** Sequence number of the next message to send. */
    public long nextSequence()
    {
        return nextToSend;
    }

    /** The message {@link #nextSequence()} was sent. */
    public void sent()
    {
        set(nextToSend);
        nextToSend++;
    }

    public long sentCount()
    {
        return nextToSend;
    }

    /** Classifies the answer to message {@code seq} and marks it answered. */
    public int answered(final long seq)
    {
        if (seq >= nextToSend || seq < 0)
        {
            return UNEXPECTED;
        }
        if (seq < oldestUnanswered || !isSet(seq))
        {
            return DUPLICATE;
        }
        clear(seq);
        if (seq == oldestUnanswered)
        {
            while (oldestUnanswered < nextToSend && !isSet(oldestUnanswered))
            {
                oldestUnanswered++;
            }
        }
        if (seq < highestAnswered)
        {
            return REORDERED;
        }
        highestAnswered = seq;
        return IN_ORDER;
    }

    /** Messages sent and not answered. */
    public long outstanding()
    {
        long n = 0;
        for (long s = oldestUnanswered; s < nextToSend; s++)
        {
            n += isSet(s) ? 1 : 0;
        }
        return n;
    }

    /** Unanswered messages older than an answered one: on an ordered stream, those were skipped, so lost. */
    public long lost()
    {
        long n = 0;
        for (long s = oldestUnanswered; s < highestAnswered; s++)
        {
            n += isSet(s) ? 1 : 0;
        }
        return n;
    }

    private boolean isSet(final long seq)
    {
        final long i = seq & mask;
        return (bits[(int)(i >>> 6)] & (1L << i)) != 0;
    }

    private void set(final long seq)
    {
        final long i = seq & mask;
        bits[(int)(i >>> 6)] |= 1L << i;
    }

    private void clear(final long seq)
    {
        final long i = seq & mask;
        bits[(int)(i >>> 6)] &= ~(1L << i);
    }
}
