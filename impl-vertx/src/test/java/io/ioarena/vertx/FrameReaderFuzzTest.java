package io.ioarena.vertx;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.conformance.DecoderFuzz;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** {@link FrameReader} (Vert.x's {@code RecordParser}) against the reference model, each chunk one socket read. */
class FrameReaderFuzzTest
{
    @Test
    void line() throws Exception
    {
        DecoderFuzz.check("FrameReader", Framing.LINE, FrameReaderFuzzTest::decode);
    }

    @Test
    void length() throws Exception
    {
        DecoderFuzz.check("FrameReader", Framing.LENGTH, FrameReaderFuzzTest::decode);
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
