package io.ioarena.selector;

import io.ioarena.protocol.spi.KernelThreadNames;
import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerCounters;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The running multi-reactor server: one listening socket, {@code --event-loops} reactors. */
final class SelectorServer implements RunningServer
{
    /** Asked of the kernel, which caps it at net.core.somaxconn: a connection storm must not overflow the queue. */
    static final int ACCEPT_BACKLOG = 4096;

    private final ServerContext context;
    private final Reactor[] reactors;
    private final Acceptor acceptor;
    private final int port;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    private SelectorServer(final ServerContext context, final ServerSocketChannel listener, final Reactor[] reactors)
        throws IOException
    {
        this.context = context;
        this.reactors = reactors;
        this.acceptor = new Acceptor(context, listener, reactors);
        this.port = ((InetSocketAddress)listener.getLocalAddress()).getPort();
    }

    static SelectorServer start(final ServerConfig config) throws IOException
    {
        final ServerContext context = new ServerContext(config);
        final Reactor[] reactors = new Reactor[config.eventLoops()];
        final ServerSocketChannel listener = ServerSocketChannel.open();
        try
        {
            listener.bind(new InetSocketAddress(config.host(), config.port()), ACCEPT_BACKLOG);
            for (int i = 0; i < reactors.length; i++)
            {
                reactors[i] = new Reactor(i, context);
            }
            final SelectorServer server = new SelectorServer(context, listener, reactors);
            server.acceptor.register();
            for (final Reactor reactor : reactors)
            {
                reactor.start();
            }
            return server;
        }
        catch (final IOException | RuntimeException e)
        {
            listener.close();
            for (final Reactor reactor : reactors)
            {
                if (reactor != null)
                {
                    reactor.selector().close();
                }
            }
            throw e;
        }
    }

    @Override
    public int port()
    {
        return port;
    }

    @Override
    public String variant()
    {
        return SelectorServerProvider.NAME;
    }

    @Override
    public String eventLoopThreads()
    {
        return KernelThreadNames.startingWith(Reactor.THREAD_NAME);
    }

    @Override
    public Map<String, Object> settings()
    {
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("reactors", reactors.length);
        settings.put("acceptor", "on reactor 0, round-robin hand-off over an MPSC task queue with one guarded wakeup");
        settings.put("acceptBacklog", ACCEPT_BACKLOG);
        settings.put("selectMode", "Selector.select(Consumer<SelectionKey>), " + selectorName());
        settings.put("readBuffer", "direct, " + Reactor.READ_BUFFER_SIZE + " bytes, shared per reactor");
        settings.put("partialFrameBuffer", "direct, per connection on its first split frame, powers of two up to " +
            context.framing.frameLength(context.config.maxFrame()) + " bytes");
        settings.put("echoSpillBuffer", "direct, per connection on its first back-pressure, powers of two");
        settings.put("chatFrames", "heap, one read-only frame per delivery shared by every recipient");
        settings.put("readsPerReadiness", Connection.READ_BUDGET);
        settings.put("writesPerFlush", Connection.WRITE_BUDGET);
        settings.put("acceptsPerReadiness", Acceptor.ACCEPT_BUDGET);
        settings.put("tasksPerLoop", Reactor.TASK_BUDGET);
        settings.put("tcpNoDelay", true);
        return settings;
    }

    @Override
    public ServerCounters counters()
    {
        return context.counters;
    }

    @Override
    public void stop()
    {
        if (stopRequested.compareAndSet(false, true))
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(context.config.shutdownGraceMillis());
            // The first reactor closes the listener, then tells every reactor to stop: its own hand-offs are queued
            // on the others before their stop, so no accepted connection can reach a reactor that has ended.
            reactors[0].execute(() ->
            {
                acceptor.close();
                for (final Reactor reactor : reactors)
                {
                    reactor.stop(deadline);
                }
            });
        }
        boolean interrupted = false;
        for (final Reactor reactor : reactors)
        {
            while (true)
            {
                try
                {
                    reactor.join();
                    break;
                }
                catch (final InterruptedException e)
                {
                    interrupted = true;
                }
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private String selectorName()
    {
        return reactors[0].selector().provider().getClass().getSimpleName();
    }
}
