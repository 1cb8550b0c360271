package io.ioarena.netty;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The echo service (PROTOCOL.md section 3), as in Netty's own EchoServerHandler: every inbound buffer (a whole
 * frame from the decoder, or whatever a read returned in {@code raw}) is written back as it is, passing its
 * ownership on with no copy; one flush per read loop, at {@code channelReadComplete}, sends them together.
 */
@Sharable
final class EchoHandler extends ChannelInboundHandlerAdapter
{
    static final EchoHandler INSTANCE = new EchoHandler();

    private EchoHandler()
    {
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        // The void promise: no future per frame; a failed write reaches exceptionCaught (ClosePolicy) instead.
        ctx.write(msg, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        ctx.flush();
    }
}
