package io.ioarena.vertx;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.conformance.DecoderFuzz;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

/** {@link FrameReader} (Vert.x's {@code RecordParser}) against the reference model, each chunk one socket read. */
class FrameReaderFuzzTest
{
    @ParameterizedTest
    @EnumSource(value = Framing.class, names = {"LINE", "LENGTH"})
    void matchesTheModel(final Framing framing) throws Exception
    {
        DecoderFuzz.check("FrameReader", framing, FrameReaderFuzzTest::decode);
    }

    private static DecoderFuzz.Observed decode(final Framing framing, final int maxFrame, final List<byte[]> chunks)
    {
        final List<byte[]> payloads = new ArrayList<>();
        final boolean[] tooLarge = {false};
        final FrameReader reader = FrameReader.create(framing, maxFrame, new FrameReader.Listener()
        {
            @Override
            public void onFrame(final Buffer payload)
            {
                payloads.add(payload.getBytes());
            }

            @Override
            public void onFrameTooLarge()
            {
                tooLarge[0] = true;
            }
        });
        for (final byte[] chunk : chunks)
        {
            reader.handle(Buffer.buffer(chunk));
        }
        return new DecoderFuzz.Observed(payloads, false, tooLarge[0]);
    }
}
