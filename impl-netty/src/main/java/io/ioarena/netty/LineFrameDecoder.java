package io.ioarena.netty;

import io.ioarena.protocol.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.util.List;

/**
 * {@code line} framing (PROTOCOL.md section 2): a frame ends at {@code \n} and nowhere else. Emits each frame as a
 * retained slice of the cumulation (no copy), with or without its {@code \n}.
 *
 * <p>Why not {@link io.netty.handler.codec.LineBasedFrameDecoder}: it treats {@code \r\n} as one delimiter when it
 * applies its limit, so a payload of max-frame + 1 bytes whose last byte is {@code \r} would pass, and after an
 * oversized line it goes on decoding the frames behind it. Here every byte before the {@code \n} counts, and after
 * an oversized frame everything is discarded: the connection only gets its error frame and is closed.
 */
final class LineFrameDecoder extends ByteToMessageDecoder
{
    private final int maxFrame;
    private final boolean stripNewline;
    /** Bytes at the start of the current frame already searched for the newline, so each byte is searched once. */
    private int scanned;
    private boolean failed;

    /** @param stripNewline emit the payload only (chat) rather than the whole frame (echo writes it back as is). */
    LineFrameDecoder(final int maxFrame, final boolean stripNewline)
    {
        this.maxFrame = maxFrame;
        this.stripNewline = stripNewline;
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
        throws TooLongFrameException
    {
        if (failed)
        {
            in.skipBytes(in.readableBytes());
            return;
        }
        final int start = in.readerIndex();
        final int newline = in.indexOf(start + scanned, in.writerIndex(), Framing.NEWLINE);
        if (newline < 0)
        {
            scanned = in.readableBytes();
            if (scanned > maxFrame)
            {
                throw fail(in, "more than " + maxFrame);
            }
            return;
        }
        scanned = 0;
        final int payloadLength = newline - start;
        if (payloadLength > maxFrame)
        {
            throw fail(in, Integer.toString(payloadLength));
        }
        if (stripNewline)
        {
            out.add(in.readRetainedSlice(payloadLength));
            in.skipBytes(1);
        }
        else
        {
            out.add(in.readRetainedSlice(payloadLength + 1));
        }
    }

    private TooLongFrameException fail(final ByteBuf in, final String length)
    {
        failed = true;
        in.skipBytes(in.readableBytes());
        return new TooLongFrameException("line of " + length + " bytes is over --max-frame " + maxFrame);
    }
}
