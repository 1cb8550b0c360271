package io.ioarena.microbench.framing;

import io.ioarena.protocol.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * Netty's stock decoders ({@link LineBasedFrameDecoder}, {@link LengthFieldBasedFrameDecoder}) in an
 * {@link EmbeddedChannel}, followed by a handler that hands each payload on and releases it. A read is what a
 * Netty event loop does: fill a buffer from the pooled allocator (the one the ioarena Netty server configures),
 * then {@code fireChannelRead} and {@code fireChannelReadComplete}. {@code writeInbound} is not used: its
 * test-queue bookkeeping is not part of a server's read path.
 */
final class NettyDecoding implements ReadDecoder
{
    private final EmbeddedChannel channel;

    NettyDecoding(final Framing framing, final int maxFrame, final FrameSink<? super ByteBuf> sink)
    {
        channel = new EmbeddedChannel(frameDecoder(framing, maxFrame), new PayloadHandler(sink));
        channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
    }

    /** Payload-only decoders that fail fast on an oversized frame, as PROTOCOL.md section 2 asks. */
    private static ChannelHandler frameDecoder(final Framing framing, final int maxFrame)
    {
        return switch (framing)
        {
            case LINE -> new LineBasedFrameDecoder(maxFrame, true, true);
            case LENGTH -> new LengthFieldBasedFrameDecoder(maxFrame + 4, 0, 4, 0, 4, true);
            case RAW -> throw new IllegalArgumentException("raw has no frames to decode");
        };
    }

    @Override
    public void read(final byte[] bytes)
    {
        final ByteBuf read = channel.alloc().ioBuffer(bytes.length).writeBytes(bytes);
        final ChannelPipeline pipeline = channel.pipeline();
        pipeline.fireChannelRead(read);
        pipeline.fireChannelReadComplete();
        channel.checkException(); // a decoder failure ends up in the channel, not in this thread's stack
    }

    private static final class PayloadHandler extends ChannelInboundHandlerAdapter
    {
        private final FrameSink<? super ByteBuf> sink;

        PayloadHandler(final FrameSink<? super ByteBuf> sink)
        {
            this.sink = sink;
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            final ByteBuf payload = (ByteBuf)msg;
            try
            {
                sink.payload(payload);
            }
            finally
            {
                payload.release();
            }
        }
    }
}
