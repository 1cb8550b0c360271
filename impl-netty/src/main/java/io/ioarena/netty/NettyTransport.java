package io.ioarena.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The three Netty 4.2 transports, each an {@link IoHandlerFactory} for the event loops plus its server channel.
 * The native ones are only touched when asked for, so that an unavailable one costs nothing unless chosen.
 */
enum NettyTransport
{
    NIO
    {
        @Override
        IoHandlerFactory ioHandlerFactory()
        {
            return NioIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannelClass()
        {
            return NioServerSocketChannel.class;
        }

        @Override
        Throwable unavailabilityCause()
        {
            return null;
        }
    },
    EPOLL
    {
        @Override
        IoHandlerFactory ioHandlerFactory()
        {
            return EpollIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannelClass()
        {
            return EpollServerSocketChannel.class;
        }

        @Override
        Throwable unavailabilityCause()
        {
            return Epoll.unavailabilityCause();
        }
    },
    IO_URING
    {
        @Override
        IoHandlerFactory ioHandlerFactory()
        {
            useOneShotPollsUnlessConfigured();
            return IoUringIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannelClass()
        {
            return IoUringServerSocketChannel.class;
        }

        @Override
        Throwable unavailabilityCause()
        {
            useOneShotPollsUnlessConfigured();
            return IoUring.unavailabilityCause();
        }
    };

    /**
     * Netty's switch for multishot {@code POLL_ADD} in its io_uring transport (on by default). With it, Netty 4.2.18
     * can miss a peer's reset that arrives right behind some data: the channel then never closes (about one run in
     * two of the conformance kit's chat reset cases; never with one-shot polls).
     */
    static final String IO_URING_POLL_ADD_MULTISHOT = "io.netty.iouring.pollAddMultishotEnabled";

    /**
     * Turns multishot POLL_ADD off unless the JVM was told otherwise. Netty reads the property once, when
     * {@link IoUring} initialises, so this runs before anything touches that class; the setting in effect is
     * reported by the server.
     */
    private static void useOneShotPollsUnlessConfigured()
    {
        if (System.getProperty(IO_URING_POLL_ADD_MULTISHOT) == null)
        {
            System.setProperty(IO_URING_POLL_ADD_MULTISHOT, "false");
        }
    }

    abstract IoHandlerFactory ioHandlerFactory();

    abstract Class<? extends ServerChannel> serverChannelClass();

    /** Why this transport cannot be used on this machine, or null when it can. */
    abstract Throwable unavailabilityCause();

    /** The {@code --transport} value, also the suffix of the variant name: {@code nio}, {@code epoll}, {@code io_uring}. */
    String cliName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<String> cliNames()
    {
        return Arrays.stream(values()).map(NettyTransport::cliName).toList();
    }

    static NettyTransport fromCliName(final String name)
    {
        for (final NettyTransport t : values())
        {
            if (t.cliName().equals(name))
            {
                return t;
            }
        }
        throw new IllegalArgumentException("--transport must be one of " + cliNames() + ", not '" + name + "'");
    }

    /** Returns normally when this transport can be used; otherwise throws with the reason it cannot load. */
    void requireAvailable() throws TransportUnavailableException
    {
        requireAvailable(cliName(), unavailabilityCause());
    }

    static void requireAvailable(final String transport, final Throwable cause) throws TransportUnavailableException
    {
        if (cause != null)
        {
            throw new TransportUnavailableException(transport, cause);
        }
    }
}
