package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random inbound bytes for one framing and {@code --max-frame}: valid frames (most of them at the edges:
 * empty, one byte, exactly the maximum), oversized frames, and garbage (any bytes at all), and random ways to split
 * them into writes. The same seed gives the same bytes, so a failure replays.
 */
public final class RandomFrames
{
    /** Bytes that matter to some framing or command, drawn more often than the others. */
    private static final byte[] SPECIAL = {'\n', '\r', ' ', 0, (byte)0xFF, (byte)0x80, (byte)0xC3, 'A', 'z'};

    private final Random random;
    private final Framing framing;
    private final int maxFrame;

    public RandomFrames(final Random random, final Framing framing, final int maxFrame)
    {
        this.random = random;
        this.framing = framing;
        this.maxFrame = maxFrame;
    }

    /** {@code pieces} random pieces back to back. */
    public byte[] stream(final int pieces)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < pieces; i++)
        {
            out.writeBytes(piece());
        }
        return out.toByteArray();
    }

    /** One valid frame (60%), oversized frame (10%) or run of garbage (30%). */
    public byte[] piece()
    {
        final int dice = random.nextInt(10);
        if (dice < 6 || framing == Framing.RAW)
        {
            return frame(payload(validLength()));
        }
        return dice < 7 ? oversized() : garbage(1 + random.nextInt(2 * maxFrame + 8));
    }

    /** A payload length within the limit: the edges half of the time. */
    private int validLength()
    {
        return switch (random.nextInt(6))
        {
            case 0 -> 0;
            case 1 -> maxFrame;
            case 2 -> Math.min(1, maxFrame);
            default -> random.nextInt(maxFrame + 1);
        };
    }

    /** {@code payload} framed; in {@code raw}, the payload itself. */
    public byte[] frame(final byte[] payload)
    {
        return framing == Framing.RAW ? payload : framing.encode(payload);
    }

    /** Random bytes that are one payload in this framing: no {@code \n} in {@code line}. */
    public byte[] payload(final int length)
    {
        final byte[] p = new byte[length];
        for (int i = 0; i < length; i++)
        {
            p[i] = anyByte();
        }
        if (framing == Framing.LINE)
        {
            for (int i = 0; i < p.length; i++)
            {
                if (p[i] == Framing.NEWLINE)
                {
                    p[i] = '\r';
                }
            }
        }
        return p;
    }

    /**
     * Any bytes at all, special ones often. In {@code length} framing mostly zeros: random bytes would nearly always
     * make a header over the limit, and a connection that is refused at once tests little else.
     */
    public byte[] garbage(final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = framing == Framing.LENGTH && random.nextInt(4) != 0 ? 0 : anyByte();
        }
        return bytes;
    }

    private byte anyByte()
    {
        return random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : (byte)random.nextInt(256);
    }

    /**
     * A frame over the limit: in {@code line} a few bytes more than the maximum, with or without its newline; in
     * {@code length} a header announcing more than the maximum (up to 2^32 - 1, read unsigned), then a little of it.
     */
    public byte[] oversized()
    {
        if (framing == Framing.LENGTH)
        {
            final long announced = switch (random.nextInt(4))
            {
                case 0 -> maxFrame + 1L;
                case 1 -> 0xFFFF_FFFFL;
                case 2 -> 0x8000_0000L;
                default -> maxFrame + 1L + (random.nextLong() & 0xFFFF_FFFFL) % (0xFFFF_FFFFL - maxFrame);
            };
            final byte[] some = garbage(random.nextInt(maxFrame + 2));
            return ByteBuffer.allocate(4 + some.length).putInt((int)announced).put(some).array();
        }
        final byte[] line = payload(maxFrame + 1 + random.nextInt(4));
        return random.nextBoolean() ? framing.encode(line) : line;
    }

    /** Sizes of the writes (or reads) that {@code length} bytes arrive in: 1-byte, small, large or all at once. */
    public int[] splits(final int length)
    {
        final int style = random.nextInt(4);
        final List<Integer> sizes = new ArrayList<>();
        int left = length;
        while (left > 0)
        {
            final int size = switch (style)
            {
                case 0 -> 1;
                case 1 -> 1 + random.nextInt(8);
                case 2 -> 1 + random.nextInt(Math.max(1, length));
                default -> left;
            };
            sizes.add(Math.min(size, left));
            left -= Math.min(size, left);
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }
}
