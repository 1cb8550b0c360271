package io.ioarena.load;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Echo: every answer must be one of this connection's own messages, byte-exact, in order. With
 * {@code --active-connections} the connection first proves itself live: it sends one message during setup and is
 * ready only once its echo came back intact, so an idle connection is one the server really serves.
 */
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
        if (!config.provesLiveness())
        {
            state = State.READY;
            return;
        }
        state = State.SETUP;
        final byte[] probe = new byte[payload.size()];
        payload.encode(ByteBuffer.wrap(probe), 0, id, 0, 0, 0);
        writeFrame(probe);
        flush();
    }

    @Override
    void onFrame(final ByteBuffer in, final int at, final int length, final long now)
    {
        if (state == State.SETUP)
        {
            // the liveness echo: anything but this connection's own message means the server did not serve it
            if (payload.decode(in, at, length) && payload.connectionId() == id)
            {
                state = State.READY;
            }
            else
            {
                close();
            }
            return;
        }
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
