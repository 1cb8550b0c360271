package io.ioarena.vertx;

import io.ioarena.protocol.spi.KernelThreadNames;
import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerCounters;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A started Vert.x server; {@link #stop()} closes the Vert.x instance, which undeploys every verticle first. */
final class VertxRunningServer implements RunningServer
{
    /** Beyond the shutdown grace, for Vert.x to undeploy and stop its threads. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final int port;
    private final String variant;
    private final Map<String, Object> settings;
    private final ServerCounters counters;
    private final Duration shutdownGrace;
    private boolean stopped;

    VertxRunningServer(final Vertx vertx, final int port, final String variant, final Map<String, Object> settings,
        final ServerCounters counters, final Duration shutdownGrace)
    {
        this.vertx = vertx;
        this.port = port;
        this.variant = variant;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.counters = counters;
        this.shutdownGrace = shutdownGrace;
    }

    @Override
    public int port()
    {
        return port;
    }

    @Override
    public String variant()
    {
        return variant;
    }

    /** Vert.x's event loops, by the name Vert.x gives them ({@code vert.x-eventloop-thread-<n>}). */
    @Override
    public String eventLoopThreads()
    {
        return KernelThreadNames.startingWith("vert.x-eventloop-thread-");
    }

    @Override
    public Map<String, Object> settings()
    {
        return settings;
    }

    @Override
    public ServerCounters counters()
    {
        return counters;
    }

    /**
     * Each verticle's {@code stop} does the graceful part (see {@link ServerVerticle#stop()}); closing Vert.x runs
     * them all, then releases the event loops.
     */
    @Override
    public synchronized void stop()
    {
        if (stopped)
        {
            return;
        }
        stopped = true;
        try
        {
            VertxServerProvider.await(vertx.close(), shutdownGrace.plus(CLOSE_MARGIN));
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        catch (final Exception e)
        {
            throw new IllegalStateException("the Vert.x server did not stop cleanly", e);
        }
    }
}
