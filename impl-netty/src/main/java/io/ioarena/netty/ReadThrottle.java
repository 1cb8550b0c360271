package io.ioarena.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Back-pressure (PROTOCOL.md section 3): the channel's write-buffer water marks are the protocol's high-water mark
 * and half of it, and this handler stops reading while the channel is unwritable and resumes once it is writable
 * again, the pattern of Netty's own examples. A peer that sends without reading is thus throttled by TCP, and the
 * server's memory for it stays bounded.
 */
@Sharable
final class ReadThrottle extends ChannelInboundHandlerAdapter
{
    private final AtomicBoolean stopping;

    /** @param stopping set once the server stops reading for good (graceful shutdown): reading never resumes then. */
    ReadThrottle(final AtomicBoolean stopping)
    {
        this.stopping = stopping;
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx)
    {
        final Channel channel = ctx.channel();
        if (channel.isWritable())
        {
            if (!stopping.get())
            {
                channel.config().setAutoRead(true);
            }
        }
        else
        {
            // What is written but not flushed counts as pending too: flush first, the socket may take it all.
            ctx.flush();
            if (!channel.isWritable())
            {
                channel.config().setAutoRead(false);
            }
        }
        ctx.fireChannelWritabilityChanged();
    }
}
