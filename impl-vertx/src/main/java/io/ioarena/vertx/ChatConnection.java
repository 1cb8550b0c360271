package io.ioarena.vertx;

import io.ioarena.protocol.chat.ChatAction;
import io.ioarena.protocol.chat.ChatSession;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerCounters;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * The chat service (PROTOCOL.md section 4) on one connection: {@link ChatSession} decides every reply, this class
 * does membership (through {@link ChatRooms}), delivery and the slow-consumer policy.
 *
 * <p>The policy needs the connection's pending outbound bytes exactly, and Vert.x has no count of them: Netty's
 * {@code ChannelOutboundBuffer} holds only part of them, because once the channel is over its high-water mark Vert.x
 * keeps further writes in its own outbound queue, which counts messages, not bytes. So the connection counts them
 * itself: a write adds its size, and the write's future, which Vert.x completes once Netty has handed the last byte
 * to the socket (or failed it), takes it off again. The price is one completion listener per write, next to the
 * promise Vert.x already allocates for every write.
 *
 * <p>The same count decides when to stop reading, instead of {@code writeQueueFull()}: Vert.x lets 16 writes queue
 * past its byte mark before that turns true, and with 16 KiB room messages that slack alone is 256 KiB, enough to
 * make a sender that floods a room the slow consumer of its own deliveries.
 *
 * <p>Every chat write goes to the channel below Vert.x's handler without a flush, and the connection is flushed once
 * at the end of the loop's turn ({@link TurnFlusher}): {@code NetSocket.write} flushes each write made outside this
 * socket's own read at once, so a member would get one {@code write} system call per delivery. Vert.x's outbound
 * queue is bypassed for all of this connection's writes, never for some, so they stay in order; the count above
 * replaces what that queue would have measured.
 */
final class ChatConnection extends Connection implements FrameReader.Listener, TurnFlusher.Flushable
{
    private final ChatSession session;
    private final ChatRooms rooms;
    private final Frames frames;
    private final FrameReader reader;
    private final ServerCounters counters;
    private final ChannelHandlerContext channel;
    private final TurnFlusher flusher;
    private final int highWater;
    private final int lowWater;
    private final int maxOutbound;
    private long pendingOutbound;
    /** Written to since the last flush, and on the flusher's list. */
    private boolean flushScheduled;

    ChatConnection(final NetSocket socket, final Context context, final ConnectionOwner owner, final ChatRooms rooms,
        final Frames frames, final TurnFlusher flusher, final ServerCounters counters, final ServerConfig config)
    {
        super(socket, context, owner, config.highWater());
        this.session = new ChatSession(config.maxRooms(), counters);
        this.rooms = rooms;
        this.frames = frames;
        this.reader = FrameReader.create(frames.framing(), config.maxFrame(), this);
        this.counters = counters;
        this.channel = ((NetSocketInternal)socket).channelHandlerContext();
        this.flusher = flusher;
        this.highWater = config.highWater();
        this.lowWater = config.lowWater();
        this.maxOutbound = config.maxOutbound();
    }

    @Override
    protected boolean outboundOverHighWater()
    {
        return pendingOutbound > highWater;
    }

    @Override
    protected void watchOutbound()
    {
        // send() resumes reading as its writes complete
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
    void deliver(final ByteBuf shared, final Buffer view)
    {
        if (isClosing())
        {
            return;
        }
        if (pendingOutbound + view.length() > maxOutbound)
        {
            channel.flush(); // completes the writes the socket takes now, which takes them off the count
        }
        if (pendingOutbound + view.length() > maxOutbound)
        {
            counters.slowConsumerClosed();
            closeNow();
            return;
        }
        send(view, shared.retain());
    }

    private void send(final Buffer frame)
    {
        send(frame, null);
    }

    /**
     * Writes {@code frame} (flushed at the end of the turn), counted as pending until the write completes; then
     * releases {@code held}, if any. The frame goes as {@code NetSocket.write} would send it: a slice that Netty
     * releases after writing, which leaves a shared frame's own count alone.
     */
    private void send(final Buffer frame, final ByteBuf held)
    {
        final int size = frame.length();
        pendingOutbound += size;
        channel.write(((BufferInternal)frame).getByteBuf(), channel.newPromise().addListener(written ->
        {
            if (held != null)
            {
                held.release();
            }
            pendingOutbound -= size;
            if (pendingOutbound <= lowWater)
            {
                resumeReading();
            }
        }));
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
