package io.ioarena.selector;

import io.ioarena.protocol.ErrorCode;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerCounters;

import java.nio.ByteBuffer;

/** What every reactor and connection of one server shares: its configuration, counters and chat rooms. */
final class ServerContext
{
    final ServerConfig config;
    final Framing framing;
    final ServerCounters counters;
    final ChatRooms rooms;

    private final ByteBuffer frameTooLarge;
    private final ByteBuffer serverFull;

    ServerContext(final ServerConfig config)
    {
        this.config = config;
        this.framing = config.framing();
        this.counters = new ServerCounters(config.maxConnections());
        this.rooms = new ChatRooms(framing);
        this.frameTooLarge = readOnlyFrame(ErrorCode.FRAME_TOO_LARGE);
        this.serverFull = readOnlyFrame(ErrorCode.SERVER_FULL);
    }

    /** A fresh view of the {@code ERR FRAME_TOO_LARGE} frame: the bytes are shared, the position is not. */
    ByteBuffer frameTooLarge()
    {
        return frameTooLarge.duplicate();
    }

    /** A fresh view of the {@code ERR SERVER_FULL} frame. */
    ByteBuffer serverFull()
    {
        return serverFull.duplicate();
    }

    private ByteBuffer readOnlyFrame(final ErrorCode code)
    {
        return ByteBuffer.wrap(code.frame(framing)).asReadOnlyBuffer();
    }
}
