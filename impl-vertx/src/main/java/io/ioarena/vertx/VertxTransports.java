package io.ioarena.vertx;

import io.vertx.core.transport.Transport;

import java.util.List;

/** The {@code --transport} values and the Vert.x {@link Transport} each one names. */
final class VertxTransports
{
    static final List<String> NAMES = List.of("nio", "epoll", "io_uring");

    /**
     * Netty 4.2 (4.2.9 and 4.2.18 alike) with multishot {@code POLL_ADD} on io_uring can miss a peer's reset that
     * arrives after bytes the server did not answer (half a frame): the channel then stays open for good. With
     * single-shot polls the reset is seen at once. Netty reads this when its io_uring classes load, which happens
     * as soon as Vert.x's {@code Transport} class does, whatever transport is chosen: so it is set here, before.
     */
    static final String IO_URING_POLL_MULTISHOT = "io.netty.iouring.pollAddMultishotEnabled";

    static
    {
        if (System.getProperty(IO_URING_POLL_MULTISHOT) == null)
        {
            System.setProperty(IO_URING_POLL_MULTISHOT, "false");
        }
    }

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
