package io.ioarena.selector;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboundTest
{
    private static final int MAX_FRAME_LENGTH = 65537; // line framing, --max-frame 65536
    private final ByteBuffer shared = ByteBuffer.allocateDirect(Reactor.READ_BUFFER_SIZE);
    private final Inbound inbound = new Inbound(MAX_FRAME_LENGTH);

    @Test
    void aSmallPartialFrameIsCopiedInFrontOfTheNextReadIntoTheSharedBuffer()
    {
        final ByteBuffer first = inbound.readTarget(shared);
        first.put(ascii("abc\nde")).flip();
        first.position(4); // "abc\n" was a complete frame
        inbound.keep(first);

        final ByteBuffer next = inbound.readTarget(shared);

        assertSame(shared, next);
        assertArrayEquals(ascii("de"), held(next));
        assertTrue(next.remaining() >= Reactor.READ_BUFFER_SIZE - 2, "the read still has room for many frames");
    }

    @Test
    void aPartialFrameThatFillsAPowerOfTwoStillLeavesRoomToRead()
    {
        // 65536 bytes without a newline: not yet over --max-frame, and exactly a power of two.
        final ByteBuffer first = inbound.readTarget(shared);
        final byte[] xs = new byte[Reactor.READ_BUFFER_SIZE];
        Arrays.fill(xs, (byte)'x');
        first.put(xs).flip();
        inbound.keep(first);

        final ByteBuffer next = inbound.readTarget(shared);

        assertTrue(next.hasRemaining(), "no room to read the rest of the frame: the connection would stall");
        assertArrayEquals(xs, held(next));
    }

    @Test
    void aBigPartialFrameIsReadIntoDirectlyAndGrowsUpToOneMaximumFrame()
    {
        ByteBuffer target = inbound.readTarget(shared);
        int total = 0;
        while (total < MAX_FRAME_LENGTH - 1)
        {
            assertTrue(target.hasRemaining(), "no room after " + total + " bytes");
            final int n = Math.min(target.remaining(), 5000);
            for (int i = 0; i < n; i++)
            {
                target.put((byte)('a' + (total + i) % 26));
            }
            total += n;
            target.flip(); // the decoder finds no complete frame: nothing is consumed
            inbound.keep(target);
            target = inbound.readTarget(shared);
        }

        final byte[] expected = new byte[total];
        for (int i = 0; i < total; i++)
        {
            expected[i] = (byte)('a' + i % 26);
        }
        assertArrayEquals(expected, held(target));
        assertTrue(target.hasRemaining());
        assertTrue(target.capacity() <= MAX_FRAME_LENGTH, "never more than one maximum frame");
    }

    @Test
    void discardForgetsTheIncompleteFrame()
    {
        final ByteBuffer first = inbound.readTarget(shared);
        first.put(ascii("incomplete")).flip();
        inbound.keep(first);
        inbound.discard();

        assertArrayEquals(new byte[0], held(inbound.readTarget(shared)));
    }

    /** The bytes a read target already holds before the read: {@code [0, position)}. */
    private static byte[] held(final ByteBuffer target)
    {
        final byte[] bytes = new byte[target.position()];
        target.get(0, bytes);
        return bytes;
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
