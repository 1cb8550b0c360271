package io.ioarena.vthreads;

import io.ioarena.protocol.ErrorCode;
import io.ioarena.protocol.FrameTooLargeException;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerCounters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Set;

/**
 * Echo (PROTOCOL.md section 3): read, find the complete frames, write them back from the read buffer in one call.
 * The write blocks while the peer does not read, and a thread that is writing does not read: that is the
 * back-pressure, with nothing pending in the server at all.
 */
final class EchoConnection extends Connection
{
    private final Framing framing;
    private final InboundBuffer inbound;

    EchoConnection(final Socket socket, final ServerConfig config, final Tuning tuning, final ServerCounters counters,
        final Set<Connection> live)
    {
        super(socket, counters, live);
        this.framing = config.framing();
        this.inbound = new InboundBuffer(framing, config.maxFrame(), tuning.readBuffer());
    }

    @Override
    protected void serve() throws IOException
    {
        final InputStream in = socket.getInputStream();
        final OutputStream out = socket.getOutputStream();
        // At the end of the input (a half-close, or a graceful stop) the complete frames have all been answered; an
        // incomplete one is dropped, and closing the socket sends the FIN after everything written.
        while (inbound.readFrom(in))
        {
            final int start = inbound.position();
            try
            {
                for (int length = inbound.nextFrame(); length > 0; length = inbound.nextFrame())
                {
                    inbound.consume(length);
                }
            }
            catch (final FrameTooLargeException e)
            {
                out.write(inbound.array(), start, inbound.position() - start);
                out.write(ErrorCode.FRAME_TOO_LARGE.frame(framing));
                break;
            }
            if (inbound.position() > start)
            {
                out.write(inbound.array(), start, inbound.position() - start);
            }
        }
        sendFin(socket);
    }
}
