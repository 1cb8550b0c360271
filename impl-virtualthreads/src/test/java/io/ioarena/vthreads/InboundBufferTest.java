package io.ioarena.vthreads;

import io.ioarena.protocol.FrameTooLargeException;
import io.ioarena.protocol.Framing;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InboundBufferTest
{
    /** Hands out at most {@code chunk} bytes per read, as a socket may. */
    private static InputStream trickle(final byte[] bytes, final int chunk)
    {
        return new ByteArrayInputStream(bytes)
        {
            @Override
            public synchronized int read(final byte[] b, final int off, final int len)
            {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static List<String> lines(final InboundBuffer inbound, final InputStream in) throws Exception
    {
        final List<String> frames = new ArrayList<>();
        while (inbound.readFrom(in))
        {
            for (int n = inbound.nextFrame(); n > 0; n = inbound.nextFrame())
            {
                frames.add(new String(inbound.array(), inbound.position(), n - 1, StandardCharsets.US_ASCII));
                inbound.consume(n);
            }
        }
        return frames;
    }

    @Test
    void framesSpanningManyReadsComeOutWholeAndTheBufferGrowsOnlyToTheLargestFrame() throws Exception
    {
        final int maxFrame = 100;
        final String big = "b".repeat(maxFrame);
        final byte[] stream = ("a\n" + big + "\nc\n" + big + "\npartial").getBytes(StandardCharsets.US_ASCII);
        final InboundBuffer inbound = new InboundBuffer(Framing.LINE, maxFrame, 3);

        assertEquals(List.of("a", big, "c", big), lines(inbound, trickle(stream, 2)));
        assertEquals(maxFrame + 1, inbound.array().length, "grown from 3 to hold the largest frame, and no further");
    }

    @Test
    void rawNeverGrows() throws Exception
    {
        final byte[] stream = new byte[1000];
        Arrays.fill(stream, (byte)7);
        final InboundBuffer inbound = new InboundBuffer(Framing.RAW, 10, 16);
        final InputStream in = trickle(stream, 1000);
        int total = 0;
        while (inbound.readFrom(in))
        {
            final int n = inbound.nextFrame();
            total += n;
            inbound.consume(n);
        }
        assertEquals(1000, total);
        assertEquals(16, inbound.array().length);
    }

    @Test
    void anOversizedLengthHeaderIsRefusedBeforeItsPayload() throws IOException
    {
        final InboundBuffer inbound = new InboundBuffer(Framing.LENGTH, 10, 4);
        final byte[] header = {0, 0, 0, 11};
        final InputStream in = trickle(header, 4);
        inbound.readFrom(in);
        assertThrows(FrameTooLargeException.class, inbound::nextFrame);
        assertArrayEquals(header, Arrays.copyOf(inbound.array(), 4));
    }
}
