package io.ioarena.vthreads;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A chat connection's outbound side: a queue of frames bounded in bytes, and the writer thread that drains it. Any
 * thread may queue a frame and returns at once, so a sender never blocks on a slow recipient; the writer copies
 * everything queued into one batch and writes it in one call, so a burst of deliveries costs one system call.
 *
 * <p><em>Pending</em> bytes (PROTOCOL.md section 3) are those queued and not yet written to the socket, including
 * the batch being written. The connection's own reader waits while they exceed the high-water mark (until they are
 * down to the low-water mark); a delivery from another connection that would take them over max-outbound instead
 * closes this one as a slow consumer.
 *
 * <p>A {@link ReentrantLock}, not {@code synchronized}: on JDK 21 to 23 a virtual thread waiting on a monitor pins
 * its carrier.
 */
final class ChatOutbound implements Runnable
{
    /** What became of a frame offered by another connection. */
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
    private final long maxOutbound;
    private final long highWater;
    private final long lowWater;
    private final byte[] batch;
    /** Bytes in {@link #batch}; the writer's own. */
    private int batchLength;

    private final ReentrantLock lock = new ReentrantLock();
    /** The writer waits on this for frames to write. */
    private final Condition queued = lock.newCondition();
    /** The reader waits on this for pending bytes to drain down to the low-water mark. */
    private final Condition drained = lock.newCondition();
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    /** Written under the lock; volatile so that the reader's check, made before every frame, takes no lock. */
    private volatile long pending;
    private volatile State state = State.OPEN;
    private volatile boolean readingStopped;
    private Thread writer;

    ChatOutbound(final Socket socket, final int maxOutbound, final int highWater, final int lowWater,
        final int writeBuffer)
    {
        this.socket = socket;
        this.maxOutbound = maxOutbound;
        this.highWater = highWater;
        this.lowWater = lowWater;
        this.batch = new byte[writeBuffer];
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
    void sendOwn(final byte[] frame)
    {
        enqueue(frame, Long.MAX_VALUE);
    }

    /** Queues a room delivery caused by another connection, unless that would take pending bytes over max-outbound. */
    Offer offer(final byte[] frame)
    {
        return enqueue(frame, maxOutbound);
    }

    private Offer enqueue(final byte[] frame, final long limit)
    {
        lock.lock();
        try
        {
            if (state != State.OPEN)
            {
                return Offer.DROPPED;
            }
            if (pending + frame.length > limit)
            {
                abortLocked();
                return Offer.OVERFLOW;
            }
            frames.addLast(frame);
            pending += frame.length;
            queued.signal();
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

    /** No more frames: the writer writes what is queued, then ends. */
    void finish()
    {
        lock.lock();
        try
        {
            if (state == State.OPEN)
            {
                state = State.FINISHING;
                queued.signal();
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
        frames.clear();
        queued.signal();
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
            final OutputStream out = socket.getOutputStream();
            for (byte[] bytes = next(); bytes != null; bytes = next())
            {
                final int length = bytes == batch ? batchLength : bytes.length;
                out.write(bytes, 0, length);
                written(length);
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
     * Waits for something to write: the batch, filled with as many queued frames as fit, or a frame larger than the
     * batch on its own, written from its own array. Null once finished with everything written, or aborted.
     */
    private byte[] next() throws InterruptedException
    {
        lock.lock();
        try
        {
            while (frames.isEmpty() && state == State.OPEN)
            {
                queued.await();
            }
            if (frames.isEmpty() || state == State.ABORTED)
            {
                return null;
            }
            if (frames.peekFirst().length > batch.length)
            {
                return frames.pollFirst();
            }
            batchLength = 0;
            for (byte[] frame = frames.peekFirst(); frame != null && batchLength + frame.length <= batch.length;
                frame = frames.peekFirst())
            {
                System.arraycopy(frame, 0, batch, batchLength, frame.length);
                batchLength += frame.length;
                frames.pollFirst();
            }
            return batch;
        }
        finally
        {
            lock.unlock();
        }
    }

    private void written(final int length)
    {
        lock.lock();
        try
        {
            pending -= length;
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
