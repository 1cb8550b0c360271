package io.ioarena.microbench.framing;

import io.ioarena.protocol.Framing;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteStreamTest
{
    @Test
    void readsHaveTheShapesSizesAndJoinToTheEncodedFrames()
    {
        for (final StreamShape shape : StreamShape.values())
        {
            final ByteStream stream = ByteStream.generate(Framing.LENGTH, shape, 7);
            final ByteArrayOutputStream expected = new ByteArrayOutputStream();
            stream.payloads().forEach(p -> expected.writeBytes(Framing.LENGTH.encode(p)));
            final ByteArrayOutputStream joined = new ByteArrayOutputStream();
            final byte[][] reads = stream.reads();
            for (int i = 0; i < reads.length; i++)
            {
                joined.writeBytes(reads[i]);
                assertTrue(reads[i].length <= shape.maxRead(), shape + " read " + i + " too long");
                assertTrue(i == reads.length - 1 || reads[i].length >= shape.minRead(), shape + " read " + i);
            }
            assertArrayEquals(expected.toByteArray(), joined.toByteArray(), shape.paramName());
        }
    }

    @Test
    void fragmentedSplitsMostFramesAndCoalescedPacksManyPerRead()
    {
        final int fragmentedReads = ByteStream.generate(Framing.LINE, StreamShape.FRAGMENTED, 7).reads().length;
        final int coalescedReads = ByteStream.generate(Framing.LINE, StreamShape.COALESCED, 7).reads().length;
        assertTrue(fragmentedReads > ByteStream.FRAMES, "fragmented: " + fragmentedReads + " reads");
        assertTrue(coalescedReads * 10 < ByteStream.FRAMES, "coalesced: " + coalescedReads + " reads");
    }
}
