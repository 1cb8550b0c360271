package io.ioarena.netty;

import io.ioarena.protocol.chat.ChatAction;
import io.ioarena.protocol.chat.ChatSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * One chat connection (PROTOCOL.md section 4): each inbound payload goes to the connection's {@link ChatSession},
 * which decides the answer; this handler carries it out: replies to the sender, room membership and deliveries
 * through {@link ChatRooms}. Replies are written with the void promise and flushed once per read loop, at
 * {@code channelReadComplete}, as in echo.
 */
final class ChatHandler extends ChannelInboundHandlerAdapter
{
    /**
     * {@link ChatSession} reads byte arrays and keeps nothing of them, and the payloads are in (direct) pooled
     * buffers: one scratch array per event loop holds the payload being handled.
     */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>()
    {
        @Override
        protected byte[] initialValue()
        {
            return new byte[1024];
        }
    };

    private final ChatSession session;
    private final ChatMember member;
    private final ChatRooms rooms;
    private final Frames frames;
    private boolean quitting;

    ChatHandler(final ChatSession session, final ChatMember member, final ChatRooms rooms, final Frames frames)
    {
        this.session = session;
        this.member = member;
        this.rooms = rooms;
        this.frames = frames;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final ByteBuf payload = (ByteBuf) msg;
        try
        {
            if (!quitting) // after QUIT nothing more is processed
            {
                handle(ctx, payload);
            }
        }
        finally
        {
            payload.release();
        }
    }

    private void handle(final ChannelHandlerContext ctx, final ByteBuf payload)
    {
        final int length = payload.readableBytes();
        final byte[] bytes = scratch(length);
        payload.getBytes(payload.readerIndex(), bytes, 0, length);
        switch (session.handle(bytes, 0, length))
        {
            case ChatAction.Reply reply ->
            {
                reply(ctx, reply.payload());
                if (reply.close())
                {
                    quit(ctx);
                }
            }
            case ChatAction.Join join ->
            {
                rooms.join(join.room(), member);
                reply(ctx, join.reply());
            }
            case ChatAction.Leave leave ->
            {
                rooms.leave(leave.room(), member);
                reply(ctx, leave.reply());
            }
            case ChatAction.Deliver deliver ->
                rooms.deliver(deliver.room(), frames.encode(ctx.alloc(), deliver.payload()), ctx.channel().eventLoop());
        }
    }

    private void reply(final ChannelHandlerContext ctx, final byte[] payload)
    {
        ctx.write(frames.encode(ctx.alloc(), payload), ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        ctx.flush();
    }

    private void quit(final ChannelHandlerContext ctx)
    {
        quitting = true;
        leaveAllRooms(ctx);
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ClosePolicy.SHUT_INPUT_AND_CLOSE);
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
    {
        if (evt instanceof ChannelInputShutdownEvent)
        {
            leaveAllRooms(ctx); // at the FIN (section 6); ClosePolicy closes once the replies are sent
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        leaveAllRooms(ctx);
        ctx.fireChannelInactive();
    }

    private void leaveAllRooms(final ChannelHandlerContext ctx)
    {
        for (final String room : session.rooms())
        {
            rooms.leave(room, member);
        }
    }

    private static byte[] scratch(final int length)
    {
        final byte[] current = SCRATCH.get();
        if (current.length >= length)
        {
            return current;
        }
        final byte[] larger = new byte[Math.max(length, current.length * 2)];
        SCRATCH.set(larger);
        return larger;
    }
}
