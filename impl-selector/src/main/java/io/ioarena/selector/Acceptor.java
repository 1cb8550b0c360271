package io.ioarena.selector;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Accepts connections on the listening socket, registered with the first reactor's selector, and deals them out to
 * all reactors round-robin (the first included).
 *
 * <p>Why one acceptor rather than a listener per reactor with {@code SO_REUSEPORT}: the kernel spreads
 * {@code SO_REUSEPORT} connections by a hash of their addresses, which with the few hundred connections of a
 * benchmark leaves reactors unevenly loaded, while round-robin gives each reactor the same share, as Netty's boss and
 * worker groups do; it works the same on every OS; and closing one of several listeners drops the connections
 * waiting in its own accept queue. Accepting costs little next to the I/O, so the first reactor does it between its
 * other work instead of a dedicated thread: the server then runs exactly {@code --event-loops} threads, and with
 * {@code --event-loops 1} it is the single asyncore loop, listener and connections on one selector.
 */
final class Acceptor
{
    /** Accepts per readiness event (Netty's maxMessagesPerRead), so that a connection storm cannot starve the first reactor's connections. */
    static final int ACCEPT_BUDGET = 16;
    /** How long accepting pauses after accept itself failed. */
    static final long ACCEPT_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ServerContext context;
    private final ServerSocketChannel listener;
    private final Reactor[] reactors;
    private SelectionKey key;
    private int next;

    Acceptor(final ServerContext context, final ServerSocketChannel listener, final Reactor[] reactors)
    {
        this.context = context;
        this.listener = listener;
        this.reactors = reactors;
    }

    /** Registers with the first reactor's selector; before its thread starts. */
    void register() throws IOException
    {
        listener.configureBlocking(false);
        key = listener.register(reactors[0].selector(), SelectionKey.OP_ACCEPT, this);
    }

    void acceptReady()
    {
        for (int i = 0; i < ACCEPT_BUDGET; i++)
        {
            final SocketChannel channel;
            try
            {
                channel = listener.accept();
            }
            catch (final IOException e)
            {
                // Out of file descriptors, say. The listener stays ready, so retrying at once would spin: pause
                // accepting for a while instead (as Netty does); queued connections wait in the backlog meanwhile.
                System.err.println("selector acceptor: accept failed, pausing accepts for " +
                    TimeUnit.NANOSECONDS.toMillis(ACCEPT_PAUSE_NANOS) + " ms: " + e);
                key.interestOps(0);
                reactors[0].schedule(this::resume, ACCEPT_PAUSE_NANOS);
                return;
            }
            if (channel == null)
            {
                return;
            }
            if (!context.counters.tryOpenConnection())
            {
                refuse(channel);
                continue;
            }
            try
            {
                channel.configureBlocking(false);
                // Off by default on a SocketChannel: without it small replies wait for Nagle's delayed ACKs.
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            catch (final IOException e)
            {
                closeQuietly(channel); // reset before it could even be set up
                context.counters.connectionClosed();
                continue;
            }
            reactors[next].adopt(channel);
            next = next + 1 == reactors.length ? 0 : next + 1;
        }
    }

    private void resume()
    {
        if (key.isValid())
        {
            key.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    /** Stops accepting and closes the listening socket. On the first reactor's thread. */
    void close()
    {
        key.cancel();
        closeQuietly(listener);
    }

    /** Over --max-connections: {@code ERR SERVER_FULL}, then close; the connection is never counted. */
    private void refuse(final SocketChannel channel)
    {
        try
        {
            // Still in blocking mode, and a new socket's send buffer takes a few bytes at once: this never waits.
            channel.write(context.serverFull());
        }
        catch (final IOException e)
        {
            // It is closed below either way.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(final Channel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException e)
        {
            // Nothing more to do.
        }
    }
}
