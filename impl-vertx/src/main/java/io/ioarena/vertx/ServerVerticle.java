package io.ioarena.vertx;

import io.ioarena.protocol.Service;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerCounters;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance per event loop. Each instance has its own {@link NetServer} on the same port: Vert.x binds the port
 * once, on a single acceptor thread, and hands accepted connections to the instances round-robin, so a connection
 * lives on its instance's event loop for good. Every handler of an instance runs on that loop, which is why its
 * connection set and its {@link ChatRooms} need no locks.
 */
final class ServerVerticle extends VerticleBase implements Connection.ConnectionOwner
{
    private final ServerConfig config;
    private final int listenPort;
    private final NetServerOptions serverOptions;
    private final ServerCounters counters;
    private final AtomicLong chatClock;
    private final Frames frames;
    private final Set<Connection> connections = new HashSet<>();
    private NetServer server;
    private ChatRooms rooms;
    private TurnFlusher flusher;
    private MessageConsumer<Delivery> deliveries;
    private boolean stopping;
    private Promise<Void> allClosed;
    private volatile String eventLoopThread;

    /**
     * @param listenPort the port to listen on; negative for a random port shared by every instance (Vert.x gives
     *                   each instance its own random port for 0).
     * @param chatClock  the order of chat JOINs and MSGs, one for every instance of the server ({@link ChatRooms}).
     */
    ServerVerticle(final ServerConfig config, final int listenPort, final NetServerOptions serverOptions,
        final ServerCounters counters, final AtomicLong chatClock)
    {
        this.config = config;
        this.listenPort = listenPort;
        this.serverOptions = serverOptions;
        this.counters = counters;
        this.chatClock = chatClock;
        this.frames = new Frames(config.framing());
    }

    int actualPort()
    {
        return server.actualPort();
    }

    /** The event loop thread this instance runs on, once started. */
    String eventLoopThread()
    {
        return eventLoopThread;
    }

    @Override
    public Future<?> start()
    {
        eventLoopThread = Thread.currentThread().getName();
        if (config.service() == Service.CHAT)
        {
            rooms = new ChatRooms(vertx.eventBus(), config.eventLoops() > 1, chatClock);
            flusher = new TurnFlusher(((ContextInternal)context).nettyEventLoop());
            deliveries = vertx.eventBus().localConsumer(ChatRooms.ADDRESS, rooms::onDelivery);
        }
        server = vertx.createNetServer(serverOptions).connectHandler(this::accept);
        return server.listen(listenPort, config.host());
    }

    private void accept(final NetSocket socket)
    {
        if (stopping)
        {
            socket.close();
            return;
        }
        if (!counters.tryOpenConnection())
        {
            socket.write(frames.serverFull());
            socket.close(); // after the error frame: Vert.x flushes before it closes
            return;
        }
        final Connection connection = config.service() == Service.CHAT
            ? new ChatConnection(socket, context, this, rooms, frames, flusher, counters, config)
            : new EchoConnection(socket, context, this, frames, config);
        connections.add(connection);
        connection.start();
    }

    @Override
    public void connectionClosed(final Connection connection)
    {
        if (connections.remove(connection))
        {
            counters.connectionClosed();
        }
        if (allClosed != null && connections.isEmpty())
        {
            allClosed.tryComplete();
        }
    }

    /**
     * PROTOCOL.md section 6: stop accepting, stop reading, send what is pending and close with a FIN, for at most
     * the shutdown grace; then close what is left at once (a client that does not read would hold Vert.x's
     * flush-first close forever).
     */
    @Override
    public Future<?> stop()
    {
        stopping = true;
        allClosed = Promise.promise();
        for (final Connection connection : new ArrayList<>(connections))
        {
            connection.closeGracefully();
        }
        if (connections.isEmpty())
        {
            allClosed.tryComplete();
        }
        final long graceTimer = vertx.setTimer(Math.max(1, config.shutdownGraceMillis()), expired ->
            new ArrayList<>(connections).forEach(Connection::closeNow));
        final Future<Void> unregistered = deliveries == null ? Future.succeededFuture() : deliveries.unregister();
        return Future.all(server.close(), allClosed.future(), unregistered)
            .onComplete(done -> vertx.cancelTimer(graceTimer));
    }
}
