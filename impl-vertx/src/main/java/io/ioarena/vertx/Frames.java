package io.ioarena.vertx;

import io.ioarena.protocol.ErrorCode;
import io.ioarena.protocol.Framing;
import io.vertx.core.buffer.Buffer;

/**
 * Builds outbound frames as Vert.x {@link Buffer}s, one write per frame. Error frames are built once and shared:
 * {@code NetSocket.write} sends a slice of a buffer, never the buffer itself, so one buffer can be written to any
 * number of sockets on any number of event loops.
 */
final class Frames
{
    private static final byte NEWLINE = Framing.NEWLINE;

    private final Framing framing;
    private final Buffer frameTooLarge;
    private final Buffer serverFull;

    Frames(final Framing framing)
    {
        this.framing = framing;
        this.frameTooLarge = Buffer.buffer(ErrorCode.FRAME_TOO_LARGE.frame(framing));
        this.serverFull = Buffer.buffer(ErrorCode.SERVER_FULL.frame(framing));
    }

    Framing framing()
    {
        return framing;
    }

    /** The frame of a payload the server composed (chat replies and deliveries). */
    Buffer frame(final byte[] payload)
    {
        final Buffer frame = Buffer.buffer(framing.frameLength(payload.length));
        if (framing == Framing.LENGTH)
        {
            frame.appendInt(payload.length);
        }
        frame.appendBytes(payload);
        if (framing == Framing.LINE)
        {
            frame.appendByte(NEWLINE);
        }
        return frame;
    }

    /**
     * The frame of an echoed payload. {@code RecordParser} hands every record over as a fresh buffer of its own, so
     * in {@code line} the newline is appended to that buffer instead of copying the payload once more.
     */
    Buffer echo(final Buffer payload)
    {
        if (framing == Framing.LINE)
        {
            return payload.appendByte(NEWLINE);
        }
        return Buffer.buffer(Integer.BYTES + payload.length()).appendInt(payload.length()).appendBuffer(payload);
    }

    /** {@code ERR FRAME_TOO_LARGE} in this framing; shared, do not modify. */
    Buffer frameTooLarge()
    {
        return frameTooLarge;
    }

    /** {@code ERR SERVER_FULL} in this framing; shared, do not modify. */
    Buffer serverFull()
    {
        return serverFull;
    }
}
