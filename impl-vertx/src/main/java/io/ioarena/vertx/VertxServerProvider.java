package io.ioarena.vertx;

import io.ioarena.protocol.Service;
import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerCounters;
import io.ioarena.protocol.spi.ServerProvider;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.spi.metrics.Metrics;
import io.vertx.core.transport.Transport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;

/**
 * The Vert.x 5 server: a {@code NetServer} verticle deployed as N instances on N event loops, N being
 * {@code --event-loops}. Vert.x defaults to 2 x cores event loops and a single verticle instance, which would use
 * one loop; both are set to N explicitly.
 */
public final class VertxServerProvider implements ServerProvider
{
    /** Vert.x system properties for benchmarking, set at start unless given on the command line. */
    static final Map<String, String> BENCHMARK_PROPERTIES = Map.of(
        // Compiles metrics hooks out of the hot paths (read once, when Vert.x classes load).
        "vertx.disableMetrics", "true",
        // "disables the context task execution measures for benchmarking purpose" (SysProps).
        "vertx.disableContextTimings", "true");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name()
    {
        return "vertx";
    }

    @Override
    public Map<String, List<String>> options()
    {
        return Map.of("transport", VertxTransports.NAMES);
    }

    @Override
    public RunningServer start(final ServerConfig config) throws Exception
    {
        BENCHMARK_PROPERTIES.forEach((key, value) ->
        {
            if (System.getProperty(key) == null)
            {
                System.setProperty(key, value);
            }
        });
        final Transport transport = VertxTransports.require(config.implOption("transport", VertxTransports.NAMES.get(0)));
        final int loops = config.eventLoops();
        final Vertx vertx = Vertx.builder()
            .with(new VertxOptions().setEventLoopPoolSize(loops))
            .withTransport(transport)
            .build();
        try
        {
            if (vertx.isNativeTransportEnabled() == (transport == Transport.NIO))
            {
                throw new IllegalStateException("--transport " + transport.name() + ": Vert.x did not start on it",
                    vertx.unavailableNativeTransportCause());
            }
            final ServerCounters counters = new ServerCounters(config.maxConnections());
            if (config.service() == Service.CHAT)
            {
                vertx.eventBus().registerDefaultCodec(Delivery.class, new DeliveryCodec());
            }
            final NetServerOptions serverOptions = new NetServerOptions().setTcpNoDelay(true);
            final int listenPort = config.port() == 0 ? -1 : config.port();
            final List<ServerVerticle> instances = new CopyOnWriteArrayList<>();
            final AtomicLong chatClock = new AtomicLong();
            await(vertx.deployVerticle(() ->
            {
                final ServerVerticle instance = new ServerVerticle(config, listenPort, serverOptions, counters,
                    chatClock);
                instances.add(instance);
                return instance;
            }, new DeploymentOptions().setInstances(loops)), START_TIMEOUT);

            final Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("transport", transport.name());
            settings.put("nativeTransport", vertx.isNativeTransportEnabled());
            settings.put("vertx.version", Versions.vertx());
            settings.put("netty.version", Versions.netty());
            settings.put("eventLoopPoolSize", loops);
            settings.put("verticleInstances", instances.size());
            settings.put("verticleEventLoopThreads",
                instances.stream().map(ServerVerticle::eventLoopThread).distinct().count());
            settings.put("acceptorThreads", 1);
            settings.put("writeQueueMaxSize", config.highWater());
            settings.put("tcpNoDelay", serverOptions.isTcpNoDelay());
            settings.put("framing", "RecordParser (delimited / fixed-size header then body); echo raw writes each read back");
            if (config.service() == Service.CHAT)
            {
                settings.put("chatFanOut", "event-bus publish to one local consumer per instance, shared-object codec; " +
                    "one pooled direct frame per loop, written to its members");
            }
            settings.put("vertx.disableMetrics", !Metrics.METRICS_ENABLED);
            settings.put("vertx.disableContextTimings", Boolean.getBoolean("vertx.disableContextTimings"));
            if (transport == Transport.IO_URING)
            {
                settings.put(VertxTransports.IO_URING_POLL_MULTISHOT,
                    Boolean.getBoolean(VertxTransports.IO_URING_POLL_MULTISHOT));
            }
            return new VertxRunningServer(vertx, instances.get(0).actualPort(), "vertx-" + transport.name(), settings,
                counters, Duration.ofMillis(config.shutdownGraceMillis()));
        }
        catch (final Exception | Error e)
        {
            vertx.close();
            throw e;
        }
    }

    static <T> T await(final Future<T> future, final Duration timeout) throws Exception
    {
        return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
