package io.ioarena.selector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;

/**
 * One connection's pending outbound bytes: a FIFO of buffers written with gathering writes. Used by the owning
 * reactor thread only.
 *
 * <p>Two kinds of entries: views of shared, immutable frames (chat replies and deliveries, error frames), added with
 * {@link #add}; and echo bytes that the socket did not take at once, which {@link #addCopy} copies into this
 * connection's own direct <em>spill</em> buffer, because they live in a read buffer that is reused by the next read.
 * The spill buffer is allocated on the first back-pressure and kept, so a connection that keeps backing up does not
 * allocate again.
 */
final class Outbound
{
    private static final int INITIAL_QUEUE = 8;

    private ByteBuffer[] queue = new ByteBuffer[INITIAL_QUEUE];
    /** Entries are {@code queue[head, tail)}. */
    private int head;
    private int tail;
    private long pending;

    /** Direct, in read mode ({@code [position, limit)} pending) while queued, which it only ever is as the tail. */
    private ByteBuffer spill;
    private boolean spillQueued;

    /** Bytes accepted for sending and not yet written to the socket. */
    long pending()
    {
        return pending;
    }

    boolean isEmpty()
    {
        return pending == 0;
    }

    /** Queues {@code frame}'s remaining bytes; the buffer is taken over and must not be used by the caller again. */
    void add(final ByteBuffer frame)
    {
        final int length = frame.remaining();
        if (length == 0)
        {
            return;
        }
        if (tail == queue.length)
        {
            makeRoom();
        }
        queue[tail++] = frame;
        pending += length;
    }

    /** Copies {@code src}'s remaining bytes to the end of the queue (its position moves to its limit). */
    void addCopy(final ByteBuffer src)
    {
        final int length = src.remaining();
        if (length == 0)
        {
            return;
        }
        if (spillQueued)
        {
            // Appending to the queued spill is only right while it is the last entry, which it always is: echo adds
            // nothing but copies, and after its one error frame (added last) nothing at all.
            assert queue[tail - 1] == spill;
            spill.compact();
            if (spill.remaining() < length)
            {
                spill.flip();
                spill = DirectBuffers.allocate(spill.remaining() + length, Integer.MAX_VALUE).put(spill);
                queue[tail - 1] = spill;
            }
            spill.put(src).flip();
            pending += length;
        }
        else
        {
            if (spill == null || spill.capacity() < length)
            {
                spill = DirectBuffers.allocate(length, Integer.MAX_VALUE);
            }
            spill.clear();
            spill.put(src).flip();
            add(spill);
            spillQueued = true;
        }
    }

    /**
     * Writes as much as the socket takes, with at most {@code maxWrites} (gathering) write calls, so that one
     * connection with much pending cannot hold its reactor.
     */
    void writeTo(final GatheringByteChannel channel, final int maxWrites) throws IOException
    {
        for (int i = 0; i < maxWrites && head < tail; i++)
        {
            final long written = tail - head == 1 ? channel.write(queue[head]) : channel.write(queue, head, tail - head);
            if (written == 0)
            {
                break;
            }
            pending -= written;
            while (head < tail && !queue[head].hasRemaining())
            {
                if (queue[head] == spill)
                {
                    spillQueued = false;
                }
                queue[head++] = null;
            }
        }
        if (head == tail)
        {
            head = 0;
            tail = 0;
        }
    }

    /** Drops everything pending (the connection is closing without sending it). */
    void clear()
    {
        Arrays.fill(queue, head, tail, null);
        head = 0;
        tail = 0;
        pending = 0;
        spillQueued = false;
    }

    private void makeRoom()
    {
        final int count = tail - head;
        if (head > 0)
        {
            System.arraycopy(queue, head, queue, 0, count);
            Arrays.fill(queue, count, tail, null);
        }
        else
        {
            queue = Arrays.copyOf(queue, queue.length * 2);
        }
        head = 0;
        tail = count;
    }
}
