package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PROTOCOL.md section 2 as the simplest decoder that could be right: it sees a connection's whole inbound stream at
 * once, so it has no state to carry between reads and no speed to care about. The fuzz properties and the kit's
 * fuzz case compare every real decoder and every server against it: however the stream is split, they must find
 * the same frames and the same violation.
 */
public final class ReferenceFraming
{
    private static final int LENGTH_HEADER = 4;

    private ReferenceFraming()
    {
    }

    /**
     * What a stream holds.
     *
     * @param payloads  the complete frames' payloads, in order, up to a violation; in {@code raw} (no frames) the
     *                  whole stream as one payload, or none when it is empty.
     * @param tooLarge  the stream breaks the maximum frame size after those frames: the answer is
     *                  {@code ERR FRAME_TOO_LARGE}, then the connection closes.
     * @param tail      bytes after the last complete frame that do not make a frame yet (0 after a violation).
     */
    public record Decoded(List<byte[]> payloads, boolean tooLarge, int tail)
    {
    }

    /** Decodes {@code stream}, the bytes a connection received, in {@code framing} with {@code --max-frame}. */
    public static Decoded decode(final Framing framing, final int maxFrame, final byte[] stream)
    {
        return switch (framing)
        {
            case RAW -> new Decoded(stream.length == 0 ? List.of() : List.of(stream.clone()), false, 0);
            case LINE -> lines(maxFrame, stream);
            case LENGTH -> lengthPrefixed(maxFrame, stream);
        };
    }

    private static Decoded lines(final int maxFrame, final byte[] stream)
    {
        final List<byte[]> payloads = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < stream.length; i++)
        {
            if (stream[i] == Framing.NEWLINE)
            {
                if (i - start > maxFrame)
                {
                    return new Decoded(payloads, true, 0);
                }
                payloads.add(Arrays.copyOfRange(stream, start, i));
                start = i + 1;
            }
        }
        // more than max-frame bytes without a newline is a violation before the newline comes
        final int tail = stream.length - start;
        return tail > maxFrame ? new Decoded(payloads, true, 0) : new Decoded(payloads, false, tail);
    }

    private static Decoded lengthPrefixed(final int maxFrame, final byte[] stream)
    {
        final List<byte[]> payloads = new ArrayList<>();
        int start = 0;
        while (stream.length - start >= LENGTH_HEADER)
        {
            long length = 0;
            for (int i = 0; i < LENGTH_HEADER; i++)
            {
                length = length << 8 | (stream[start + i] & 0xFF);
            }
            if (length > maxFrame)
            {
                return new Decoded(payloads, true, 0); // the header alone decides, before any payload
            }
            if (stream.length - start - LENGTH_HEADER < length)
            {
                break;
            }
            payloads.add(Arrays.copyOfRange(stream, start + LENGTH_HEADER, start + LENGTH_HEADER + (int)length));
            start += LENGTH_HEADER + (int)length;
        }
        return new Decoded(payloads, false, stream.length - start);
    }
}
