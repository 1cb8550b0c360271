package io.ioarena.vthreads;

import io.ioarena.protocol.spi.ServerCounters;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One accepted connection served by its own thread with plain blocking calls. The subclass says what serving means
 * (echo or chat); this class owns the life cycle shared by both: the thread, the one close that counts the
 * connection as gone, and the server's registry of live connections that a graceful stop walks.
 */
abstract class Connection implements Runnable
{
    protected final Socket socket;
    protected final ServerCounters counters;
    private final Set<Connection> live;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread thread;

    /** @param live the server's live connections: this one is in it from {@link #start} until its thread ends. */
    Connection(final Socket socket, final ServerCounters counters, final Set<Connection> live)
    {
        this.socket = socket;
        this.counters = counters;
        this.live = live;
    }

    /**
     * Starts the connection's thread. If the system has no thread to give (platform threads are finite), the
     * connection is closed and the server goes on accepting.
     */
    final void start(final ThreadFactory threads)
    {
        thread = threads.newThread(this);
        live.add(this);
        try
        {
            thread.start();
        }
        catch (final OutOfMemoryError e)
        {
            close();
            live.remove(this);
            System.err.println("vthreads: no thread for a new connection, closed it: " + e.getMessage());
        }
    }

    @Override
    public final void run()
    {
        try
        {
            serve();
        }
        catch (final IOException e)
        {
            // Reset by the peer, or closed under us (slow consumer, forced stop): dropped with what was pending.
        }
        finally
        {
            close();
            live.remove(this);
        }
    }

    /**
     * Serves the connection until it is done; the socket is closed afterwards. A server-side close after an answer
     * (end of input, QUIT, an oversized frame) shuts the output down first with {@link #sendFin}.
     */
    protected abstract void serve() throws IOException;

    /**
     * Sends the FIN right after everything written. Closing a socket whose input still holds unread bytes (the rest
     * of an oversized frame, say) makes the kernel send a reset instead of a FIN, and a reset can make the peer lose
     * the last bytes, such as an error frame; a FIN sent before that reset is seen as a clean end of stream.
     */
    static void sendFin(final Socket socket) throws IOException
    {
        socket.shutdownOutput();
    }

    /**
     * Graceful stop: makes the connection's reader see the end of its input, so it answers what it has and closes.
     * Shutting down the input wakes a thread blocked in {@code read}, virtual or not.
     */
    void stopReading()
    {
        try
        {
            socket.shutdownInput();
        }
        catch (final IOException e)
        {
            // Already closed: nothing left to stop.
        }
    }

    /**
     * Closes the socket at once, dropping whatever is pending; threads blocked on it wake with an exception and end.
     * Counts the connection as closed exactly once, however many times and from whichever threads it is called.
     */
    final void close()
    {
        if (closed.compareAndSet(false, true))
        {
            try
            {
                socket.close();
            }
            catch (final IOException e)
            {
                // The descriptor is released anyway.
            }
            counters.connectionClosed();
        }
    }

    /** Waits for the connection's thread to end; false if it still runs after {@code timeout}. */
    final boolean awaitEnd(final Duration timeout) throws InterruptedException
    {
        return thread.join(timeout.isNegative() ? Duration.ZERO : timeout);
    }
}
