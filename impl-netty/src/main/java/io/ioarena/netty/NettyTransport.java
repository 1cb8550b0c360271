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
            return IoUring.unavailabilityCause();
        }
    };

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
