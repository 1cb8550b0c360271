package io.ioarena.vthreads;

import io.ioarena.protocol.FrameDecoder;
import io.ioarena.protocol.FrameTooLargeException;
import io.ioarena.protocol.Framing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * One connection's read buffer: a {@code byte[]} read straight from the socket's input stream, and the frames found
 * in it. The unconsumed bytes are {@code array()[position(), limit)}. The array starts small and grows only when one
 * frame needs more room, up to the largest frame the framing allows; then it is reused for the connection's life.
 */
final class InboundBuffer
{
    private final FrameDecoder decoder;
    private final int maxCapacity;
    private byte[] bytes;
    /** A view of {@link #bytes}: position is the start of the next frame, limit the end of the bytes read. */
    private ByteBuffer view;

    InboundBuffer(final Framing framing, final int maxFrame, final int initialCapacity)
    {
        this.decoder = framing.newDecoder(maxFrame);
        // A complete frame of the largest payload must fit; raw has no frames, whatever was read is consumed.
        this.maxCapacity = framing == Framing.RAW ? initialCapacity :
            Math.max(initialCapacity, framing.frameLength(maxFrame));
        this.bytes = new byte[initialCapacity];
        this.view = ByteBuffer.wrap(bytes).limit(0);
    }

    byte[] array()
    {
        return bytes;
    }

    /** Where the next frame starts. */
    int position()
    {
        return view.position();
    }

    /** Length of the complete frame at {@link #position()}, or 0 if it is not complete yet. */
    int nextFrame() throws FrameTooLargeException
    {
        return decoder.nextFrame(view);
    }

    void consume(final int length)
    {
        view.position(view.position() + length);
    }

    /** Blocks until at least one more byte has been read; false at end of stream. */
    boolean readFrom(final InputStream in) throws IOException
    {
        makeRoom();
        final int end = view.limit();
        final int read = in.read(bytes, end, bytes.length - end);
        if (read < 0)
        {
            return false;
        }
        view.limit(end + read);
        return true;
    }

    private void makeRoom()
    {
        if (!view.hasRemaining())
        {
            view.limit(0);
        }
        else if (view.limit() == bytes.length)
        {
            if (view.position() > 0)
            {
                view.compact().flip();
            }
            else
            {
                grow();
            }
        }
    }

    private void grow()
    {
        if (bytes.length >= maxCapacity)
        {
            // The decoder throws FrameTooLargeException before a frame can outgrow the largest capacity.
            throw new IllegalStateException("a partial frame filled the read buffer of " + bytes.length + " bytes");
        }
        final byte[] larger = new byte[(int)Math.min(maxCapacity, 2L * bytes.length)];
        System.arraycopy(bytes, 0, larger, 0, bytes.length);
        bytes = larger;
        view = ByteBuffer.wrap(larger).limit(view.limit());
    }
}
