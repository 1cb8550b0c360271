package io.ioarena.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
            ctx.writeAndFlush(frames.frameTooLarge()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!(cause instanceof IOException))
        {
            LOG.log(System.Logger.Level.WARNING, "closing " + ctx.channel() + " after an unexpected error", cause);
        }
        ctx.close();
    }
}
