package io.ioarena.vthreads;

import io.ioarena.protocol.ErrorCode;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.spi.KernelThreadNames;
import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerCounters;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread-per-connection server on {@code java.net} blocking sockets: one thread loops on
 * {@link ServerSocket#accept()} and starts a thread per connection (chat: two, reader and writer). Whether those are
 * virtual or platform threads is the only difference between the two variants.
 */
final class BlockingServer implements RunningServer
{
    /** Asked of the kernel, which caps it at {@code net.core.somaxconn}; a burst of connects must not be dropped. */
    private static final int ACCEPT_BACKLOG = 4096;
    private static final String CONNECTION_THREAD_NAME = "vthreads-conn-";
    private static final String WRITER_THREAD_NAME = "vthreads-writer-";
    /**
     * How long accepting pauses after accept itself failed: as long as the selector server's acceptor and Netty's
     * (which Vert.x uses) pause, so every server recovers from running out of descriptors at the same pace.
     */
    private static final Duration ACCEPT_PAUSE = Duration.ofSeconds(1);
    /** If a forcibly closed connection's threads have not ended by then, something is wrong; stop waits no longer. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(10);

    private final ServerConfig config;
    private final ThreadKind kind;
    private final Tuning tuning;
    private final ServerCounters counters;
    private final ServerSocket listener;
    private final ThreadFactory connectionThreads;
    private final ThreadFactory writerThreads;
    private final ChatRooms rooms = new ChatRooms();
    private final Set<Connection> live = ConcurrentHashMap.newKeySet();
    private final byte[] serverFull;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final ReentrantLock stopLock = new ReentrantLock();
    private final Thread acceptor;
    private boolean stopped;

    BlockingServer(final ServerConfig config, final ThreadKind kind, final Tuning tuning) throws IOException
    {
        this.config = config;
        this.kind = kind;
        this.tuning = tuning;
        this.counters = new ServerCounters(config.maxConnections());
        this.serverFull = ErrorCode.SERVER_FULL.frame(config.framing());
        this.connectionThreads = kind.builder(CONNECTION_THREAD_NAME).factory();
        this.writerThreads = kind.builder(WRITER_THREAD_NAME).factory();

        settings.put("threadKind", kind.cliName());
        settings.putAll(kind == ThreadKind.VIRTUAL ? CarrierScheduler.matchParallelism(config.eventLoops()) :
            CarrierScheduler.notApplicable());
        settings.put("tcpNoDelay", true);
        settings.put("acceptBacklog", ACCEPT_BACKLOG);
        settings.putAll(tuning.settings());

        listener = new ServerSocket();
        try
        {
            if (tuning.socketReceiveBuffer() > 0)
            {
                // Set before bind: accepted sockets inherit it, and windows over 64 KiB are negotiated at connect.
                listener.setReceiveBufferSize(tuning.socketReceiveBuffer());
            }
            listener.bind(new InetSocketAddress(config.host(), config.port()), ACCEPT_BACKLOG);
        }
        catch (final IOException | RuntimeException e)
        {
            listener.close();
            throw e;
        }
        acceptor = kind.builder("vthreads-acceptor-").unstarted(this::acceptLoop);
        acceptor.start();
    }

    private void acceptLoop()
    {
        while (true)
        {
            final Socket socket;
            try
            {
                socket = listener.accept();
            }
            catch (final IOException e)
            {
                if (listener.isClosed())
                {
                    return;
                }
                // Out of descriptors, say: the connection stays in the backlog. Pause rather than spin.
                System.err.println("vthreads acceptor: accept failed, pausing accepts for " + ACCEPT_PAUSE.toMillis()
                    + " ms: " + e);
                try
                {
                    Thread.sleep(ACCEPT_PAUSE);
                }
                catch (final InterruptedException interrupted)
                {
                    return;
                }
                continue;
            }
            serve(socket);
        }
    }

    private void serve(final Socket socket)
    {
        try
        {
            socket.setTcpNoDelay(true);
            if (tuning.socketSendBuffer() > 0)
            {
                socket.setSendBufferSize(tuning.socketSendBuffer());
            }
            if (!counters.tryOpenConnection())
            {
                // A new socket's send buffer is empty: this small write cannot block the acceptor.
                try (socket)
                {
                    socket.getOutputStream().write(serverFull);
                }
                return;
            }
        }
        catch (final IOException e)
        {
            // Reset before it was served.
            closeQuietly(socket);
            return;
        }
        final Connection connection = config.service() == Service.ECHO ?
            new EchoConnection(socket, config, tuning, counters, live) :
            new ChatConnection(socket, config, tuning, counters, live, rooms, writerThreads);
        connection.start(connectionThreads);
    }

    @Override
    public int port()
    {
        return listener.getLocalPort();
    }

    @Override
    public String variant()
    {
        return VirtualThreadsServerProvider.NAME + "-" + kind.cliName();
    }

    /**
     * Virtual threads: the carriers and the JDK's I/O pollers, since the connections' threads are not the kernel's;
     * platform threads: every connection's reader and writer (not the acceptor).
     */
    @Override
    public String eventLoopThreads()
    {
        return kind == ThreadKind.VIRTUAL ? CarrierScheduler.KERNEL_THREADS
            : KernelThreadNames.startingWith(CONNECTION_THREAD_NAME, WRITER_THREAD_NAME);
    }

    @Override
    public Map<String, Object> settings()
    {
        return Collections.unmodifiableMap(settings);
    }

    @Override
    public ServerCounters counters()
    {
        return counters;
    }

    /**
     * PROTOCOL.md section 6: stop accepting; make every reader see the end of its input, so it answers the frames it
     * has and its writes drain; after the shutdown grace, close what is still open.
     */
    @Override
    public void stop()
    {
        stopLock.lock();
        try
        {
            if (stopped)
            {
                return;
            }
            stopped = true;
            closeQuietly(listener);
            awaitEnd(acceptor, ABORT_WAIT);
            live.forEach(Connection::stopReading);
            final long graceEnd = System.nanoTime() + Duration.ofMillis(config.shutdownGraceMillis()).toNanos();
            for (final Connection connection : live)
            {
                awaitEnd(connection, Duration.ofNanos(graceEnd - System.nanoTime()));
            }
            live.forEach(Connection::close);
            for (final Connection connection : live)
            {
                awaitEnd(connection, ABORT_WAIT);
            }
        }
        finally
        {
            stopLock.unlock();
        }
    }

    private static void awaitEnd(final Connection connection, final Duration timeout)
    {
        try
        {
            connection.awaitEnd(timeout);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitEnd(final Thread thread, final Duration timeout)
    {
        try
        {
            thread.join(timeout);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception e)
        {
            // Closed either way.
        }
    }
}
