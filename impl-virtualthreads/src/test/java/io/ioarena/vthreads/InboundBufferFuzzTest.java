package io.ioarena.vthreads;

import io.ioarena.protocol.FrameTooLargeException;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.conformance.DecoderFuzz;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@link InboundBuffer} against the reference model, read as the connections read it (a frame at a time out of a
 * buffer that compacts and grows), each chunk one socket read at most. It starts at 4 bytes, so that most frames
 * make it compact or grow.
 */
class InboundBufferFuzzTest
{
    private static final int INITIAL_CAPACITY = 4;

    @ParameterizedTest
    @EnumSource(Framing.class)
    void matchesTheModel(final Framing framing) throws Exception
    {
        DecoderFuzz.check("InboundBuffer", framing, InboundBufferFuzzTest::decode);
    }

    private static DecoderFuzz.Observed decode(final Framing framing, final int maxFrame, final List<byte[]> chunks)
        throws Exception
    {
        final InboundBuffer inbound = new InboundBuffer(framing, maxFrame, INITIAL_CAPACITY);
        final List<byte[]> frames = new ArrayList<>();
        // a read returns at most one chunk: SequenceInputStream reads never span two of its streams
        final InputStream in = new SequenceInputStream(Collections.enumeration(
            chunks.stream().map(ByteArrayInputStream::new).toList()));
        try
        {
            while (inbound.readFrom(in))
            {
                for (int length = inbound.nextFrame(); length > 0; length = inbound.nextFrame())
                {
                    final int start = inbound.position();
                    frames.add(Arrays.copyOfRange(inbound.array(), start, start + length));
                    inbound.consume(length);
                }
            }
        }
        catch (final FrameTooLargeException e)
        {
            return new DecoderFuzz.Observed(frames, true, true);
        }
        return new DecoderFuzz.Observed(frames, true, false);
    }
}
