package io.ioarena.vertx;

import io.ioarena.protocol.chat.ChatAction;
import io.ioarena.protocol.chat.ChatSession;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerCounters;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.NetSocket;

/**
 * The chat service (PROTOCOL.md section 4) on one connection: {@link ChatSession} decides every reply, this class
 * does membership (through {@link ChatRooms}), delivery and the slow-consumer policy.
 *
 * <p>The policy takes the connection's pending outbound bytes from {@link Connection}, which counts them exactly
 * (Vert.x has no such count).
 *
 * <p>Every chat write goes to the channel below Vert.x's handler without a flush, and the connection is flushed once
 * at the end of the loop's turn ({@link TurnFlusher}): {@code NetSocket.write} flushes each write made outside this
 * socket's own read at once, so a member would get one {@code write} system call per delivery. Vert.x's outbound
 * queue is bypassed for all of this connection's writes, never for some, so they stay in order; the connection's
 * own count replaces what that queue would have measured.
 */
final class ChatConnection extends Connection
    implements FrameReader.Listener, TurnFlusher.Flushable, ChatRooms.Recipient
{
    private final ChatSession session;
    private final ChatRooms rooms;
    private final Frames frames;
    private final FrameReader reader;
    private final ServerCounters counters;
    private final TurnFlusher flusher;
    private final int maxOutbound;
    /** Written to since the last flush, and on the flusher's list. */
    private boolean flushScheduled;

    ChatConnection(final NetSocket socket, final Context context, final ConnectionOwner owner, final ChatRooms rooms,
        final Frames frames, final TurnFlusher flusher, final ServerCounters counters, final ServerConfig config)
    {
        super(socket, context, owner, config);
        this.session = new ChatSession(config.maxRooms(), counters);
        this.rooms = rooms;
        this.frames = frames;
        this.reader = FrameReader.create(frames.framing(), config.maxFrame(), this);
        this.counters = counters;
        this.flusher = flusher;
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
     * {@code --max-outbound}, after a flush of what it already got (unflushed bytes are not the client's fault), it
     * is a slow consumer: closed at once, since Vert.x's flush-first close would wait on a client that does not read.
     */
    @Override
    public void deliver(final ByteBuf shared, final Buffer view)
    {
        if (isClosing())
        {
            return;
        }
        if (pendingOutbound() + view.length() > maxOutbound)
        {
            channel.flush(); // completes the writes the socket takes now, which takes them off the count
        }
        if (pendingOutbound() + view.length() > maxOutbound)
        {
            counters.slowConsumerClosed();
            closeNow();
            return;
        }
        send(view, shared.retain());
    }

    /** Writes below Vert.x's handler, unflushed: the loop's turn ends with one flush of this connection. */
    @Override
    protected void write(final Buffer frame, final Written written)
    {
        channel.write(((BufferInternal)frame).getByteBuf(), channel.newPromise().addListener(written));
        if (!flushScheduled)
        {
            flushScheduled = true;
            flusher.add(this);
        }
    }

    @Override
    public void flushNow()
    {
        flushScheduled = false;
        channel.flush();
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
