package io.ioarena.protocol;

import java.nio.ByteBuffer;

/**
 * Finds frame boundaries in an inbound byte stream, for code whose framework has no framing codec. One instance per
 * connection: it remembers how much of a partial frame it has already scanned, so a large frame arriving in many
 * reads is scanned once, not once per read.
 *
 * <p>The caller keeps the unconsumed bytes of the connection in a buffer and calls {@link #nextFrame} with the
 * buffer's position at the first byte of the next frame; after handling a frame it advances the position by the
 * returned length and calls again, until 0 says the next frame is not complete yet. Then it compacts the buffer,
 * reads more and calls again. Nothing is allocated.
 */
public abstract sealed class FrameDecoder
{
    /**
     * Length in bytes of the complete frame (header, payload and trailer) that starts at {@code in.position()} and
     * ends at most at {@code in.limit()}, or 0 when that frame is not complete yet. Does not move the position.
     *
     * @throws FrameTooLargeException as soon as the frame is known to exceed the maximum frame size.
     */
    public abstract int nextFrame(ByteBuffer in) throws FrameTooLargeException;

    /** {@code raw}: whatever bytes there are form one "frame". */
    static final class Raw extends FrameDecoder
    {
        @Override
        public int nextFrame(final ByteBuffer in)
        {
            return in.remaining();
        }
    }

    /** {@code line}: up to and including the next {@code \n}. */
    static final class Line extends FrameDecoder
    {
        private final int maxFrame;
        /** Bytes at the start of the current frame already known to hold no newline. */
        private int scanned;

        Line(final int maxFrame)
        {
            this.maxFrame = maxFrame;
        }

        @Override
        public int nextFrame(final ByteBuffer in) throws FrameTooLargeException
        {
            final int start = in.position();
            final int limit = in.limit();
            for (int i = start + scanned; i < limit; i++)
            {
                if (in.get(i) == Framing.NEWLINE)
                {
                    scanned = 0;
                    final int frameLength = i - start + 1;
                    if (frameLength - 1 > maxFrame)
                    {
                        throw new FrameTooLargeException(frameLength - 1, maxFrame);
                    }
                    return frameLength;
                }
            }
            scanned = limit - start;
            if (scanned > maxFrame)
            {
                throw new FrameTooLargeException(-1, maxFrame);
            }
            return 0;
        }
    }

    /** {@code length}: a 4-byte unsigned big-endian payload length, then the payload. */
    static final class Length extends FrameDecoder
    {
        private final int maxFrame;

        Length(final int maxFrame)
        {
            this.maxFrame = maxFrame;
        }

        @Override
        public int nextFrame(final ByteBuffer in) throws FrameTooLargeException
        {
            final int start = in.position();
            if (in.limit() - start < 4)
            {
                return 0;
            }
            final long payloadLength = Integer.toUnsignedLong(in.getInt(start));
            if (payloadLength > maxFrame)
            {
                throw new FrameTooLargeException(payloadLength, maxFrame);
            }
            final int frameLength = 4 + (int)payloadLength;
            return in.limit() - start >= frameLength ? frameLength : 0;
        }
    }
}
