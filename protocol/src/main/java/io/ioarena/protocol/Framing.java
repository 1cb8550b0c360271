package io.ioarena.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The three framings of PROTOCOL.md section 2. Implementations whose framework has no framing codec of its own (the
 * selector and virtual-thread servers, the load client, the conformance kit) use {@link #newDecoder} and
 * {@link #encode}; Netty and Vert.x use their own decoders.
 */
public enum Framing
{
    RAW(0, 0), LINE(0, 1), LENGTH(4, 0);

    /** The byte that ends a {@code line} frame. {@code \r} is an ordinary byte. */
    public static final byte NEWLINE = '\n';

    private final int headerLength;
    private final int trailerLength;

    Framing(final int headerLength, final int trailerLength)
    {
        this.headerLength = headerLength;
        this.trailerLength = trailerLength;
    }

    /** The name used on command lines, in results and in JSON: {@code raw}, {@code line}, {@code length}. */
    @JsonValue
    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Framing fromCliName(final String name)
    {
        for (final Framing f : values())
        {
            if (f.cliName().equals(name))
            {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown framing '" + name + "' (expected raw, line or length)");
    }

    /** Bytes before the payload: 4 for {@code length}, else 0. */
    public int headerLength()
    {
        return headerLength;
    }

    /** Bytes after the payload: 1 for {@code line}, else 0. */
    public int trailerLength()
    {
        return trailerLength;
    }

    /** The whole frame size for a payload of {@code payloadLength} bytes. */
    public int frameLength(final int payloadLength)
    {
        return headerLength + payloadLength + trailerLength;
    }

    /** A new, stateful decoder for one connection. */
    public FrameDecoder newDecoder(final int maxFrame)
    {
        return switch (this)
        {
            case RAW -> new FrameDecoder.Raw();
            case LINE -> new FrameDecoder.Line(maxFrame);
            case LENGTH -> new FrameDecoder.Length(maxFrame);
        };
    }

    /** Writes the frame of {@code payload[offset, offset+length)} into {@code out}, which must have room for it. */
    public void encode(final byte[] payload, final int offset, final int length, final ByteBuffer out)
    {
        if (this == LENGTH)
        {
            out.putInt(length);
        }
        out.put(payload, offset, length);
        if (this == LINE)
        {
            out.put(NEWLINE);
        }
    }

    /**
     * Writes the frame of {@code payload} to {@code out}: header, payload, trailer, with no copy of the payload made
     * here. Meant for a buffering stream, which then sends many frames in one write.
     */
    public void encode(final byte[] payload, final OutputStream out) throws IOException
    {
        if (this == LENGTH)
        {
            final int length = payload.length;
            out.write(length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
        out.write(payload);
        if (this == LINE)
        {
            out.write(NEWLINE);
        }
    }

    /** A new array holding the frame of {@code payload}. */
    public byte[] encode(final byte[] payload)
    {
        final byte[] frame = new byte[frameLength(payload.length)];
        encode(payload, 0, payload.length, ByteBuffer.wrap(frame));
        return frame;
    }

    /**
     * The bytes of an error frame, as PROTOCOL.md section 5 says: in {@code raw}, which has no frames, the payload
     * followed by a newline.
     */
    public byte[] encodeError(final byte[] payload)
    {
        return (this == RAW ? LINE : this).encode(payload);
    }
}
