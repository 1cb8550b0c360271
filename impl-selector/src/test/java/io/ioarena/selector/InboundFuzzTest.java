package io.ioarena.selector;

import io.ioarena.protocol.FrameDecoder;
import io.ioarena.protocol.FrameTooLargeException;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.conformance.DecoderFuzz;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Inbound} and the protocol's decoder against the reference model, driven as {@code Connection.read} drives
 * them: read into the target Inbound picks (as much as it has room for), decode, keep the rest. The shared read
 * buffer is two frames long, so partial frames go both ways: copied in front of the next read, or read into directly.
 */
class InboundFuzzTest
{
    @ParameterizedTest
    @EnumSource(value = Framing.class, names = {"LINE", "LENGTH"})
    void matchesTheModel(final Framing framing) throws Exception
    {
        DecoderFuzz.check("Inbound", framing, InboundFuzzTest::decode);
    }

    private static DecoderFuzz.Observed decode(final Framing framing, final int maxFrame, final List<byte[]> chunks)
    {
        final int maxFrameLength = framing.frameLength(maxFrame);
        final ByteBuffer shared = ByteBuffer.allocateDirect(2 * maxFrameLength);
        final Inbound inbound = new Inbound(maxFrameLength);
        final FrameDecoder decoder = framing.newDecoder(maxFrame);
        final List<byte[]> frames = new ArrayList<>();
        for (final byte[] chunk : chunks)
        {
            int at = 0;
            while (at < chunk.length)
            {
                final ByteBuffer in = inbound.readTarget(shared);
                final int n = Math.min(in.remaining(), chunk.length - at);
                in.put(chunk, at, n).flip();
                at += n;
                try
                {
                    for (int length = decoder.nextFrame(in); length > 0; length = decoder.nextFrame(in))
                    {
                        final byte[] frame = new byte[length];
                        in.get(frame);
                        frames.add(frame);
                    }
                }
                catch (final FrameTooLargeException e)
                {
                    return new DecoderFuzz.Observed(frames, true, true);
                }
                inbound.keep(in);
            }
        }
        return new DecoderFuzz.Observed(frames, true, false);
    }
}
