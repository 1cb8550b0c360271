package io.ioarena.netty;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The whole pipeline of a connection over {@code --max-connections} (PROTOCOL.md section 5): it gets
 * {@code ERR SERVER_FULL} and is closed. What it sends meanwhile is read and dropped, so that the close is a FIN
 * and not a reset that could destroy the error frame on its way.
 */
@Sharable
final class Refusal extends ChannelInboundHandlerAdapter
{
    private final Frames frames;

    Refusal(final Frames frames)
    {
        this.frames = frames;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        ctx.writeAndFlush(frames.serverFull()).addListener(ClosePolicy.SHUT_INPUT_AND_CLOSE);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }
}
