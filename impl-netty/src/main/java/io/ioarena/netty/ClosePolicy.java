package io.ioarena.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.TooLongFrameException;

import java.io.IOException;

/**
 * How a connection ends (PROTOCOL.md sections 2, 5 and 6); the last handler of every pipeline.
 * <ul>
 * <li>An oversized frame: the decoder has answered every frame before it and discards the rest; send
 *     {@code ERR FRAME_TOO_LARGE}, then close.</li>
 * <li>The peer's FIN (the channel allows half-closure, so input shutdown is an event, not a close): the decoder has
 *     passed on every complete frame; close once everything written before has been sent.</li>
 * <li>Any other error, a reset peer above all: close at once, dropping what is pending.</li>
 * </ul>
 */
@Sharable
final class ClosePolicy extends ChannelInboundHandlerAdapter
{
    private static final System.Logger LOG = System.getLogger(ClosePolicy.class.getName());

    private final Frames frames;

    ClosePolicy(final Frames frames)
    {
        this.frames = frames;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
    {
        if (evt instanceof ChannelInputShutdownEvent)
        {
            // Completes after every earlier write, in order.
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof TooLongFrameException)
        {
            ctx.writeAndFlush(frames.frameTooLarge()).addListener(SHUT_INPUT_AND_CLOSE);
            return;
        }
        if (!(cause instanceof IOException))
        {
            LOG.log(System.Logger.Level.WARNING, "closing " + ctx.channel() + " after an unexpected error", cause);
        }
        ctx.close();
    }

    /**
     * Closes, once a write completes, a connection whose peer may still be sending (after an error frame or
     * {@code OK QUIT}). The input is shut down first: on io_uring with multishot poll off (NettyTransport), a close
     * waits for the receive already in flight, which completes only when more bytes come, so a peer that had sent
     * everything kept a connection that never got its FIN (the kit's fuzz found it). shutdown(2) completes that
     * receive at once, as io_uring's maintainers recommend before a close; elsewhere it changes nothing.
     */
    static final ChannelFutureListener SHUT_INPUT_AND_CLOSE = written ->
    {
        final Channel channel = written.channel();
        if (channel instanceof DuplexChannel duplex && channel.isActive())
        {
            duplex.shutdownInput();
        }
        channel.close();
    };
}
