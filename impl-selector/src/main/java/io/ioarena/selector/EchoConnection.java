package io.ioarena.selector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The echo service (PROTOCOL.md 3). An echoed frame is byte for byte the frame received, so the complete frames of
 * one read are written back as one region, straight from the (direct) read buffer: no copy and no allocation, unless
 * the socket does not take it all, when the rest goes to the connection's spill buffer.
 */
final class EchoConnection extends Connection
{
    EchoConnection(final Reactor reactor, final ServerContext context, final SocketChannel channel)
    {
        super(reactor, context, channel);
    }

    @Override
    protected void onFrame(final ByteBuffer in, final int start, final int length)
    {
        // Answered together with the other frames of the same read, in onFrames.
    }

    @Override
    protected void onFrames(final ByteBuffer in, final int start, final int end) throws IOException
    {
        if (end == start)
        {
            return;
        }
        final int limit = in.limit();
        in.limit(end).position(start);
        sendNow(in);
        in.limit(limit).position(end);
    }

    @Override
    protected void onClosing()
    {
        // An echo connection takes part in nothing shared.
    }
}
