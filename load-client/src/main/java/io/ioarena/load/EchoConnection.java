package io.ioarena.load;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Echo: every answer must be one of this connection's own messages, byte-exact, in order. */
final class EchoConnection extends Connection
{
    private static final byte[] NO_PREFIX = new byte[0];

    EchoConnection(final int id, final LoadConfig config, final ThreadContext context, final SocketChannel channel)
    {
        super(id, config, context, channel, NO_PREFIX);
    }

    @Override
    void onConnected(final long now)
    {
        state = State.READY;
    }

    @Override
    void onFrame(final ByteBuffer in, final int at, final int length, final long now)
    {
        if (!decodeMessage(in, at, length))
        {
            return;
        }
        if (payload.connectionId() != id)
        {
            // Intact, but another connection's message: the server crossed streams.
            corrupted();
            return;
        }
        ownAnswer(now);
    }
}
