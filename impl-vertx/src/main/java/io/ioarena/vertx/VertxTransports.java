package io.ioarena.vertx;

import io.vertx.core.transport.Transport;

import java.util.List;

/** The {@code --transport} values and the Vert.x {@link Transport} each one names. */
final class VertxTransports
{
    static final List<String> NAMES = List.of("nio", "epoll", "io_uring");

    private VertxTransports()
    {
    }

    /**
     * The transport named, checked to be usable. Vert.x itself falls back to NIO when the transport it is given is
     * unavailable, and only says so through {@code Vertx.isNativeTransportEnabled()}; a benchmark must not measure
     * NIO under another name, so an unusable transport fails the start with its cause.
     */
    static Transport require(final String name)
    {
        final Transport transport = switch (name)
        {
            case "nio" -> Transport.NIO;
            case "epoll" -> Transport.EPOLL;
            case "io_uring" -> Transport.IO_URING;
            default -> throw new IllegalArgumentException("--transport: unknown transport '" + name +
                "' (expected one of " + String.join(", ", NAMES) + ")");
        };
        if (transport == null)
        {
            throw new IllegalStateException("--transport " + name + ": the Netty native transport classes for " + name +
                " are not on the class path");
        }
        if (!transport.available())
        {
            throw new IllegalStateException("--transport " + name + " is not available on this machine: " +
                transport.unavailabilityCause(), transport.unavailabilityCause());
        }
        return transport;
    }
}
