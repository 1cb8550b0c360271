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
 */
final class ChatConnection extends Connection implements FrameReader.Listener
{
    private final ChatSession session;
    private final ChatRooms rooms;
    private final Frames frames;
    private final FrameReader reader;
    private final ServerCounters counters;
    private final int highWater;
    private final int lowWater;
    private final int maxOutbound;
    private long pendingOutbound;

    ChatConnection(final NetSocket socket, final Context context, final ConnectionOwner owner, final ChatRooms rooms,
        final Frames frames, final ServerCounters counters, final ServerConfig config)
    {
        super(socket, context, owner, config.highWater());
        this.session = new ChatSession(config.maxRooms(), counters);
        this.rooms = rooms;
        this.frames = frames;
        this.reader = FrameReader.create(frames.framing(), config.maxFrame(), this);
        this.counters = counters;
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
     * {@code --max-outbound} it is a slow consumer: closed at once, since Vert.x's flush-first close would wait on a
     * client that does not read.
     */
    void deliver(final ByteBuf shared, final Buffer view)
    {
        if (isClosing())
        {
            return;
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

    /** Writes {@code frame}, counted as pending until the write completes; then releases {@code held}, if any. */
    private void send(final Buffer frame, final ByteBuf held)
    {
        final int size = frame.length();
        pendingOutbound += size;
        socket.write(frame).onComplete(written ->
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
        });
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
