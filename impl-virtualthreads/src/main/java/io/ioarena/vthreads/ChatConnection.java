package io.ioarena.vthreads;

import io.ioarena.protocol.ErrorCode;
import io.ioarena.protocol.FrameTooLargeException;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.chat.ChatAction;
import io.ioarena.protocol.chat.ChatSession;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerCounters;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/**
 * Chat (PROTOCOL.md section 4): the connection's thread reads commands and acts on them; a second thread, the
 * {@link ChatOutbound} writer, writes everything sent to it. The connection's own replies go through the same queue
 * as deliveries from others, so they keep the order of its commands.
 */
final class ChatConnection extends Connection
{
    private final Framing framing;
    private final InboundBuffer inbound;
    private final ChatSession session;
    private final ChatOutbound outbound;
    private final ChatRooms rooms;
    private final ThreadFactory writers;

    ChatConnection(final Socket socket, final ServerConfig config, final Tuning tuning, final ServerCounters counters,
        final Set<Connection> live, final ChatRooms rooms, final ThreadFactory writers)
    {
        super(socket, counters, live);
        this.framing = config.framing();
        this.inbound = new InboundBuffer(framing, config.maxFrame(), tuning.readBuffer());
        this.session = new ChatSession(config.maxRooms(), counters);
        this.outbound = new ChatOutbound(socket, framing, config.maxOutbound(), config.highWater(),
            config.lowWater(), tuning.writeBuffer());
        this.rooms = rooms;
        this.writers = writers;
    }

    @Override
    protected void serve() throws IOException
    {
        outbound.startWriter(writers);
        boolean answered = false;
        try
        {
            readCommands(socket.getInputStream());
            answered = true;
        }
        finally
        {
            // Out of the rooms first, so no more deliveries come. Then, after the end of input, QUIT, an oversized
            // frame or a graceful stop, send what is queued; after a reset, drop it and close, which also wakes a
            // writer blocked on the socket.
            rooms.leaveAll(session.rooms(), this);
            if (answered)
            {
                outbound.finish();
            }
            else
            {
                outbound.abort();
                close();
            }
            outbound.awaitWriter();
        }
    }

    private void readCommands(final InputStream in) throws IOException
    {
        try
        {
            while (outbound.awaitWritable() && inbound.readFrom(in))
            {
                for (int length = inbound.nextFrame(); length > 0; length = inbound.nextFrame())
                {
                    if (!outbound.awaitWritable())
                    {
                        return;
                    }
                    final int payload = inbound.position() + framing.headerLength();
                    final boolean more = handle(inbound.array(), payload,
                        length - framing.headerLength() - framing.trailerLength());
                    inbound.consume(length);
                    if (!more)
                    {
                        return;
                    }
                }
            }
        }
        catch (final FrameTooLargeException e)
        {
            outbound.sendOwn(ErrorCode.FRAME_TOO_LARGE.payload());
        }
    }

    /** Acts on one command; false when the connection must close after its reply (QUIT). */
    private boolean handle(final byte[] bytes, final int offset, final int length)
    {
        switch (session.handle(bytes, offset, length))
        {
            case ChatAction.Reply reply ->
            {
                outbound.sendOwn(reply.payload());
                return !reply.close();
            }
            case ChatAction.Join join ->
            {
                // Member before the reply: whoever has read OK JOIN gets every later message.
                rooms.join(join.room(), this);
                outbound.sendOwn(join.reply());
            }
            case ChatAction.Leave leave ->
            {
                rooms.leave(leave.room(), this);
                outbound.sendOwn(leave.reply());
            }
            case ChatAction.Deliver deliver -> rooms.deliver(deliver.room(), deliver.payload(), this);
        }
        return true;
    }

    /** This connection's own copy of its own room message. */
    void sendOwn(final byte[] payload)
    {
        outbound.sendOwn(payload);
    }

    /** A room message from another connection; if this connection cannot take it, it is closed as a slow consumer. */
    void deliver(final byte[] payload)
    {
        if (outbound.offer(payload) == ChatOutbound.Offer.OVERFLOW)
        {
            counters.slowConsumerClosed();
            close();
        }
    }

    @Override
    void stopReading()
    {
        outbound.stopReading();
        super.stopReading();
    }
}
