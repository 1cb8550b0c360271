package io.ioarena.netty;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.spi.KernelThreadNames;
import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerCounters;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.uring.IoUring;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.Version;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.internal.PlatformDependent;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Netty server: one acceptor event loop, {@code --event-loops} event loops for the connections, all on the
 * chosen transport; pooled buffers; write-buffer water marks at the protocol's high-water mark and half of it.
 */
final class NettyServer implements RunningServer
{
    /** Extra time, past the shutdown grace, for the event loops to finish their last tasks. */
    private static final long LOOP_TERMINATION_MARGIN_MILLIS = 2000;
    /**
     * Thread names, the transport last: Linux keeps 15 bytes of a name, and {@code netty-io_uring-loop} and
     * {@code netty-io_uring-accept} would both be {@code netty-io_uring-} there (see {@link #eventLoopThreads()}).
     */
    private static final String LOOP_THREAD_NAME = "netty-loop-";
    private static final String ACCEPT_THREAD_NAME = "netty-accept-";

    private final ServerConfig config;
    private final NettyTransport transport;
    private final ServerCounters counters;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup loops;
    private final ChannelGroup connections;
    private final AtomicBoolean stopping;
    private final Channel serverChannel;
    private final Map<String, Object> settings;

    private NettyServer(
        final ServerConfig config, final NettyTransport transport, final ServerCounters counters,
        final EventLoopGroup acceptor, final EventLoopGroup loops, final ChannelGroup connections,
        final AtomicBoolean stopping, final Channel serverChannel)
    {
        this.config = config;
        this.transport = transport;
        this.counters = counters;
        this.acceptor = acceptor;
        this.loops = loops;
        this.connections = connections;
        this.stopping = stopping;
        this.serverChannel = serverChannel;
        this.settings = Collections.unmodifiableMap(describe());
    }

    static NettyServer start(final ServerConfig config, final NettyTransport transport) throws Exception
    {
        transport.requireAvailable();
        if (config.framing() == Framing.LENGTH && config.maxFrame() > LengthFrameDecoder.largestMaxFrame())
        {
            throw new IllegalArgumentException("--max-frame must be at most " + LengthFrameDecoder.largestMaxFrame() +
                " with the length framing, not " + config.maxFrame());
        }
        final ServerCounters counters = new ServerCounters(config.maxConnections());
        final ChannelGroup connections = new DefaultChannelGroup("ioarena-connections", GlobalEventExecutor.INSTANCE);
        final AtomicBoolean stopping = new AtomicBoolean();
        final EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory(ACCEPT_THREAD_NAME + transport.cliName()), transport.ioHandlerFactory());
        final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(config.eventLoops(),
            new DefaultThreadFactory(LOOP_THREAD_NAME + transport.cliName()), transport.ioHandlerFactory());
        try
        {
            final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
            final Channel serverChannel = new ServerBootstrap()
                .group(acceptor, loops)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.ALLOCATOR, allocator)
                .childOption(ChannelOption.ALLOCATOR, allocator)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // The peer's FIN becomes an event, so what it sent before can still be answered (section 6).
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                    new WriteBufferWaterMark(config.lowWater(), config.highWater()))
                .childHandler(new ConnectionInitializer(config, counters, connections, stopping))
                .bind(new InetSocketAddress(config.host(), config.port()))
                .sync()
                .channel();
            return new NettyServer(config, transport, counters, acceptor, loops, connections, stopping, serverChannel);
        }
        catch (final Exception | Error e)
        {
            acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    @Override
    public int port()
    {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public String variant()
    {
        return NettyServerProvider.NAME + "-" + transport.cliName();
    }

    @Override
    public String eventLoopThreads()
    {
        return KernelThreadNames.startingWith(LOOP_THREAD_NAME);
    }

    @Override
    public Map<String, Object> settings()
    {
        return settings;
    }

    private Map<String, Object> describe()
    {
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("transport", transport.cliName());
        s.put("serverChannel", serverChannel.getClass().getSimpleName());
        final Version netty = Version.identify(NettyServer.class.getClassLoader()).get("netty-transport");
        s.put("nettyVersion", netty == null ? "unknown" : netty.artifactVersion());
        if (transport == NettyTransport.IO_URING)
        {
            s.put("ioUringPollAddMultishot", IoUring.isPollAddMultishotEnabled());
        }
        s.put("acceptorEventLoops", 1);
        s.put("allocator", "pooled");
        s.put("allocatorDirectBuffers", PooledByteBufAllocator.DEFAULT.isDirectBufferPooled());
        s.put("writeBufferWaterMark", config.lowWater() + "/" + config.highWater());
        s.put("flush", config.service() == Service.CHAT
            ? "replies at channelReadComplete; deliveries once per member per event-loop iteration"
            : "at channelReadComplete");
        s.put("unsafe", PlatformDependent.hasUnsafe());
        if (!PlatformDependent.hasUnsafe())
        {
            s.put("unsafeUnavailabilityCause", String.valueOf(PlatformDependent.getUnsafeUnavailabilityCause()));
        }
        s.put("io.netty.noUnsafe", System.getProperty("io.netty.noUnsafe", "unset"));
        s.put("leakDetection", ResourceLeakDetector.getLevel().name().toLowerCase(Locale.ROOT));
        return s;
    }

    @Override
    public ServerCounters counters()
    {
        return counters;
    }

    /**
     * Section 6: close the listening socket; stop reading every connection and close each once what it had
     * accepted for sending is sent, for at most the shutdown grace; then close whatever is left and stop the
     * event loops.
     */
    @Override
    public synchronized void stop()
    {
        if (!stopping.compareAndSet(false, true))
        {
            return;
        }
        final long grace = config.shutdownGraceMillis();
        serverChannel.close().awaitUninterruptibly(grace + LOOP_TERMINATION_MARGIN_MILLIS);
        for (final Channel connection : connections)
        {
            connection.config().setAutoRead(false);
            connection.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        if (!connections.newCloseFuture().awaitUninterruptibly(grace))
        {
            connections.close().awaitUninterruptibly(LOOP_TERMINATION_MARGIN_MILLIS);
        }
        acceptor.shutdownGracefully(0, grace, TimeUnit.MILLISECONDS);
        loops.shutdownGracefully(0, grace, TimeUnit.MILLISECONDS);
        acceptor.terminationFuture().awaitUninterruptibly(grace + LOOP_TERMINATION_MARGIN_MILLIS);
        loops.terminationFuture().awaitUninterruptibly(grace + LOOP_TERMINATION_MARGIN_MILLIS);
    }
}
