package io.ioarena.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * {@code length} framing (PROTOCOL.md section 2): Netty's {@link LengthFieldBasedFrameDecoder} on a 4-byte unsigned
 * big-endian length, with {@code failFast} so that a header announcing more than max-frame fails at once, before
 * any payload arrives (lengths of 2^31 and more are read unsigned, so they are oversized too). The one addition:
 * after an oversized frame everything is discarded, where Netty would go on decoding the frames behind it; the
 * connection only gets its error frame and is closed.
 */
final class LengthFrameDecoder extends LengthFieldBasedFrameDecoder
{
    static final int HEADER_LENGTH = 4;

    private boolean failed;

    /** @param stripHeader emit the payload only (chat) rather than the whole frame (echo writes it back as is). */
    LengthFrameDecoder(final int maxFrame, final boolean stripHeader)
    {
        // Netty's limit is on the whole frame, header included.
        super(maxFrame + HEADER_LENGTH, 0, HEADER_LENGTH, 0, stripHeader ? HEADER_LENGTH : 0, true);
    }

    /** The largest --max-frame this decoder can enforce: its own limit, header included, is an int. */
    static int largestMaxFrame()
    {
        return Integer.MAX_VALUE - HEADER_LENGTH;
    }

    @Override
    protected Object decode(final ChannelHandlerContext ctx, final ByteBuf in) throws Exception
    {
        if (failed)
        {
            in.skipBytes(in.readableBytes());
            return null;
        }
        try
        {
            return super.decode(ctx, in);
        }
        catch (final TooLongFrameException e)
        {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }
}
