package io.ioarena.selector;

import io.ioarena.protocol.chat.ChatAction;
import io.ioarena.protocol.chat.ChatSession;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The chat service (PROTOCOL.md 4): each command goes to this connection's {@link ChatSession}, which decides the
 * answer; this class does the rest: room membership, delivery, and the slow-consumer policy for what is delivered
 * to it.
 */
final class ChatConnection extends Connection
{
    private final ChatSession session;
    private final int payloadOffset;
    private final int framingOverhead;
    private final long maxOutbound;

    ChatConnection(final Reactor reactor, final ServerContext context, final SocketChannel channel)
    {
        super(reactor, context, channel);
        this.session = new ChatSession(context.config.maxRooms(), context.counters);
        this.payloadOffset = context.framing.headerLength();
        this.framingOverhead = context.framing.frameLength(0);
        this.maxOutbound = context.config.maxOutbound();
    }

    @Override
    protected void onFrame(final ByteBuffer in, final int start, final int length)
    {
        // The session reads commands from an array: copy the payload to the reactor's scratch array (no allocation).
        final int payloadLength = length - framingOverhead;
        final byte[] payload = reactor.scratch(payloadLength);
        in.get(start + payloadOffset, payload, 0, payloadLength);
        switch (session.handle(payload, 0, payloadLength))
        {
            case ChatAction.Reply reply ->
            {
                reply(reply.payload());
                if (reply.close())
                {
                    startClosing();
                }
            }
            case ChatAction.Join join ->
            {
                context.rooms.join(join.room(), this);
                reply(join.reply());
            }
            case ChatAction.Leave leave ->
            {
                context.rooms.leave(leave.room(), this);
                reply(leave.reply());
            }
            case ChatAction.Deliver deliver -> context.rooms.deliver(deliver.room(), deliver.payload());
        }
    }

    @Override
    protected void onFrames(final ByteBuffer in, final int start, final int end)
    {
        // Each command was answered in onFrame; the replies go out together when the read is done.
    }

    @Override
    protected void onClosing()
    {
        // Closing for any reason leaves every room (PROTOCOL.md 4.2); deliveries already on their way are dropped.
        for (final String room : session.rooms())
        {
            context.rooms.leave(room, this);
        }
    }

    /**
     * Takes one room delivery, on this connection's reactor thread: a view of the frame shared by every recipient.
     * Closes this connection as a slow consumer when the delivery would take it over max-outbound (PROTOCOL.md 4.3).
     */
    void deliver(final ByteBuffer frame)
    {
        if (isClosing())
        {
            return;
        }
        if (outbound.pending() + frame.remaining() > maxOutbound)
        {
            // Pending means not written yet: give the socket a chance first, the recipient may be reading fine.
            flush();
            if (isClosed() || outbound.pending() + frame.remaining() > maxOutbound)
            {
                if (!isClosed())
                {
                    context.counters.slowConsumerClosed();
                    close();
                }
                return;
            }
        }
        send(frame);
        scheduleFlush();
    }

    private void reply(final byte[] payload)
    {
        send(ByteBuffer.wrap(context.framing.encode(payload)));
    }
}
