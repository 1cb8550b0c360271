package io.ioarena.vthreads;

import io.ioarena.protocol.Framing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A chat connection's outbound side: a queue of payloads bounded in bytes, and the writer thread that drains it. Any
 * thread may queue a payload and returns at once, so a sender never blocks on a slow recipient. The writer takes
 * everything queued in one swap and frames it into a buffered stream, so a burst of deliveries costs one system call;
 * a payload as large as the buffer goes to the socket from its own array. A room message's payload is one array
 * shared by every recipient's queue: nothing is copied or allocated per recipient.
 *
 * <p><em>Pending</em> bytes (PROTOCOL.md section 3) are the framed bytes queued and not yet handed to the socket
 * through the buffered stream, which itself holds at most the write buffer's size more. The connection's own reader
 * waits while they exceed the high-water mark (until they are down to the low-water mark); a delivery from another
 * connection that would take them over max-outbound instead closes this one as a slow consumer.
 *
 * <p>A {@link ReentrantLock}, not {@code synchronized}: on JDK 21 to 23 a virtual thread waiting on a monitor pins
 * its carrier.
 */
final class ChatOutbound implements Runnable
{
    /** What became of a payload offered by another connection. */
    enum Offer
    {
        /** Queued. */
        QUEUED,
        /** Dropped: this connection is closing or closed. */
        DROPPED,
        /** Over max-outbound: this connection is now aborted and the caller must close it as a slow consumer. */
        OVERFLOW
    }

    private enum State
    {
        OPEN, FINISHING, ABORTED
    }

    private final Socket socket;
    private final Framing framing;
    private final long maxOutbound;
    private final long highWater;
    private final long lowWater;
    private final int writeBuffer;

    private final ReentrantLock lock = new ReentrantLock();
    /** The writer waits on this for payloads to write. */
    private final Condition queuedNotEmpty = lock.newCondition();
    /** The reader waits on this for pending bytes to drain down to the low-water mark. */
    private final Condition drained = lock.newCondition();
    /** Filled by any thread under the lock; swapped with {@link #writing} by the writer. */
    private ArrayDeque<byte[]> queued = new ArrayDeque<>();
    /** The writer's own: what it took in its last swap. */
    private ArrayDeque<byte[]> writing = new ArrayDeque<>();
    /** Written under the lock; volatile so that the reader's check, made before every frame, takes no lock. */
    private volatile long pending;
    private volatile State state = State.OPEN;
    private volatile boolean readingStopped;
    private Thread writer;

    ChatOutbound(final Socket socket, final Framing framing, final int maxOutbound, final int highWater,
        final int lowWater, final int writeBuffer)
    {
        this.socket = socket;
        this.framing = framing;
        this.maxOutbound = maxOutbound;
        this.highWater = highWater;
        this.lowWater = lowWater;
        this.writeBuffer = writeBuffer;
    }

    void startWriter(final ThreadFactory threads)
    {
        writer = threads.newThread(this);
        writer.start();
    }

    /**
     * Queues a reply to this connection's own command, or its own copy of its own room message. Never refused for
     * size: the reader's back-pressure ({@link #awaitWritable}) bounds what a connection can queue for itself.
     */
    void sendOwn(final byte[] payload)
    {
        enqueue(payload, Long.MAX_VALUE);
    }

    /** Queues a room delivery caused by another connection, unless that takes pending bytes over max-outbound. */
    Offer offer(final byte[] payload)
    {
        return enqueue(payload, maxOutbound);
    }

    private Offer enqueue(final byte[] payload, final long limit)
    {
        final int frameLength = framing.frameLength(payload.length);
        lock.lock();
        try
        {
            if (state != State.OPEN)
            {
                return Offer.DROPPED;
            }
            if (pending + frameLength > limit)
            {
                abortLocked();
                return Offer.OVERFLOW;
            }
            queued.addLast(payload);
            pending += frameLength;
            queuedNotEmpty.signal();
            return Offer.QUEUED;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The reader's back-pressure, called before reading and before handling each frame: returns at once while
     * pending bytes are at most the high-water mark, else waits until they drain to the low-water mark. False when
     * the reader must stop instead: the connection is aborted or a graceful stop asked it to stop reading.
     */
    boolean awaitWritable()
    {
        if (pending > highWater)
        {
            lock.lock();
            try
            {
                while (pending > lowWater && state == State.OPEN && !readingStopped)
                {
                    drained.await();
                }
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                return false;
            }
            finally
            {
                lock.unlock();
            }
        }
        return state == State.OPEN && !readingStopped;
    }

    /** Graceful stop: the reader stops, even if it waits for the writer; what is queued is still written. */
    void stopReading()
    {
        readingStopped = true;
        lock.lock();
        try
        {
            drained.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** No more payloads: the writer writes what is queued, sends the FIN, and ends. */
    void finish()
    {
        lock.lock();
        try
        {
            if (state == State.OPEN)
            {
                state = State.FINISHING;
                queuedNotEmpty.signal();
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Drops what is queued; the writer ends (the caller closes the socket if the writer may be blocked on it). */
    void abort()
    {
        lock.lock();
        try
        {
            abortLocked();
        }
        finally
        {
            lock.unlock();
        }
    }

    private void abortLocked()
    {
        state = State.ABORTED;
        queued.clear();
        queuedNotEmpty.signal();
        drained.signalAll();
    }

    void awaitWriter()
    {
        try
        {
            writer.join();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** The writer thread. */
    @Override
    public void run()
    {
        try
        {
            final OutputStream out = new BufferedOutputStream(socket.getOutputStream(), writeBuffer);
            while (takeQueued())
            {
                for (byte[] payload = writing.pollFirst(); payload != null; payload = writing.pollFirst())
                {
                    framing.encode(payload, out);
                    // Counted out per frame, not per swap: a swap can be most of max-outbound, and the peer may
                    // already have read its first frames while the writer blocks on the last.
                    written(framing.frameLength(payload.length));
                }
                out.flush();
            }
            if (state == State.FINISHING)
            {
                Connection.sendFin(socket);
            }
        }
        catch (final IOException | InterruptedException e)
        {
            // The peer is gone, or the connection was closed under us: stop the reader too.
            abort();
            try
            {
                socket.close();
            }
            catch (final IOException ignored)
            {
                // Closed either way.
            }
        }
    }

    /**
     * Waits for payloads, then swaps the whole queue into {@link #writing}: the lock is held for a swap, never for
     * a copy. False once finished with everything written, or aborted.
     */
    private boolean takeQueued() throws InterruptedException
    {
        lock.lock();
        try
        {
            while (queued.isEmpty() && state == State.OPEN)
            {
                queuedNotEmpty.await();
            }
            if (queued.isEmpty() || state == State.ABORTED)
            {
                return false;
            }
            final ArrayDeque<byte[]> taken = queued;
            queued = writing;
            writing = taken;
            return true;
        }
        finally
        {
            lock.unlock();
        }
    }

    private void written(final int bytes)
    {
        lock.lock();
        try
        {
            pending -= bytes;
            if (pending <= lowWater)
            {
                drained.signalAll();
            }
        }
        finally
        {
            lock.unlock();
        }
    }
}
