package io.ioarena.protocol;

import io.ioarena.protocol.conformance.DecoderFuzz;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link FrameDecoder} against the reference model, driven the way its callers drive it: bytes appended to one
 * buffer, frames taken from its front, the rest compacted before the next read.
 */
class FrameDecoderFuzzTest
{
    @ParameterizedTest
    @EnumSource(Framing.class)
    void matchesTheModel(final Framing framing) throws Exception
    {
        DecoderFuzz.check("FrameDecoder", framing, FrameDecoderFuzzTest::decode);
    }

    private static DecoderFuzz.Observed decode(final Framing framing, final int maxFrame, final List<byte[]> chunks)
    {
        final FrameDecoder decoder = framing.newDecoder(maxFrame);
        final ByteBuffer buffer = ByteBuffer.allocate(chunks.stream().mapToInt(c -> c.length).sum());
        final List<byte[]> frames = new ArrayList<>();
        for (final byte[] chunk : chunks)
        {
            buffer.put(chunk).flip();
            try
            {
                for (int n = decoder.nextFrame(buffer); n > 0; n = decoder.nextFrame(buffer))
                {
                    frames.add(Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.position() + n));
                    buffer.position(buffer.position() + n);
                }
            }
            catch (final FrameTooLargeException e)
            {
                return new DecoderFuzz.Observed(frames, true, true);
            }
            buffer.compact();
        }
        return new DecoderFuzz.Observed(frames, true, false);
    }
}
