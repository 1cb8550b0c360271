package io.ioarena.netty;

import io.ioarena.protocol.ErrorCode;
import io.ioarena.protocol.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Outbound frames in the server's framing: chat payloads, framed into one pooled buffer each, and the two error
 * frames that close a connection, built once and shared by every connection.
 */
final class Frames
{
    private final Framing framing;
    private final ByteBuf frameTooLarge;
    private final ByteBuf serverFull;

    Frames(final Framing framing)
    {
        this.framing = framing;
        this.frameTooLarge = shared(ErrorCode.FRAME_TOO_LARGE.frame(framing));
        this.serverFull = shared(ErrorCode.SERVER_FULL.frame(framing));
    }

    /** A read-only buffer that ignores release, to be written as {@link ByteBuf#duplicate()}s (own indexes each). */
    private static ByteBuf shared(final byte[] frame)
    {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frame).asReadOnly());
    }

    /** {@code payload} framed, in a new buffer from {@code alloc} that the caller owns. */
    ByteBuf encode(final ByteBufAllocator alloc, final byte[] payload)
    {
        final ByteBuf frame = alloc.ioBuffer(framing.frameLength(payload.length));
        if (framing == Framing.LENGTH)
        {
            frame.writeInt(payload.length);
        }
        frame.writeBytes(payload);
        if (framing == Framing.LINE)
        {
            frame.writeByte(Framing.NEWLINE);
        }
        return frame;
    }

    ByteBuf frameTooLarge()
    {
        return frameTooLarge.duplicate();
    }

    ByteBuf serverFull()
    {
        return serverFull.duplicate();
    }
}
