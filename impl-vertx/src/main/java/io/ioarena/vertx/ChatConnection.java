package io.ioarena.vertx;

import io.ioarena.protocol.chat.ChatAction;
import io.ioarena.protocol.chat.ChatSession;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerCounters;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * The chat service (PROTOCOL.md section 4) on one connection: {@link ChatSession} decides every reply, this class
 * does membership (through {@link ChatRooms}), delivery and the slow-consumer policy.
 *
 * <p>The policy takes the connection's pending outbound bytes from {@link Connection}, which counts them exactly
 * (Vert.x has no such count).
 */
final class ChatConnection extends Connection implements FrameReader.Listener
{
    private final ChatSession session;
    private final ChatRooms rooms;
    private final Frames frames;
    private final FrameReader reader;
    private final ServerCounters counters;
    private final int maxOutbound;

    ChatConnection(final NetSocket socket, final Context context, final ConnectionOwner owner, final ChatRooms rooms,
        final Frames frames, final ServerCounters counters, final ServerConfig config)
    {
        super(socket, context, owner, config);
        this.session = new ChatSession(config.maxRooms(), counters);
        this.rooms = rooms;
        this.frames = frames;
        this.reader = FrameReader.create(frames.framing(), config.maxFrame(), this);
        this.counters = counters;
        this.maxOutbound = config.maxOutbound();
    }

    @Override
    protected void onChunk(final Buffer chunk)
    {
        reader.handle(chunk);
    }

    @Override
    public void onFrame(final Buffer payload)
    {
        if (isClosing())
        {
            return; // after QUIT, or closed as a slow consumer by its own MSG
        }
        final byte[] command = payload.getBytes();
        switch (session.handle(command, 0, command.length))
        {
            case ChatAction.Reply reply ->
            {
                send(frames.frame(reply.payload()));
                if (reply.close())
                {
                    closeGracefully();
                }
            }
            case ChatAction.Join join ->
            {
                rooms.join(join.room(), this);
                send(frames.frame(join.reply()));
            }
            case ChatAction.Leave leave ->
            {
                rooms.leave(leave.room(), this);
                send(frames.frame(leave.reply()));
            }
            case ChatAction.Deliver deliver -> rooms.deliver(deliver.room(), frames.frame(deliver.payload()));
        }
    }

    @Override
    public void onFrameTooLarge()
    {
        send(frames.frameTooLarge());
        closeGracefully();
    }

    /**
     * A room message for this member: {@code view} is a Vert.x view of {@code shared}, the frame in pooled direct
     * memory that every member on this loop writes; the write holds a reference until it completes. Over
     * {@code --max-outbound} it is a slow consumer: closed at once, since Vert.x's flush-first close would wait on a
     * client that does not read.
     */
    void deliver(final ByteBuf shared, final Buffer view)
    {
        if (isClosing())
        {
            return;
        }
        if (pendingOutbound() + view.length() > maxOutbound)
        {
            counters.slowConsumerClosed();
            closeNow();
            return;
        }
        send(view, shared.retain());
    }

    /** PROTOCOL.md section 6: a connection leaves its rooms at the FIN, then sends what is pending and closes. */
    @Override
    protected void onInputEnded()
    {
        leaveAllRooms();
        super.onInputEnded();
    }

    @Override
    protected void onClosed()
    {
        leaveAllRooms();
    }

    private void leaveAllRooms()
    {
        for (final String room : session.rooms())
        {
            rooms.leave(room, this);
        }
    }
}
