package io.ioarena.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import static io.ioarena.netty.LineFrameDecoderTest.readString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LengthFrameDecoderTest
{
    private static final int MAX = 8;

    @Test
    void wholeFramesForEchoPayloadsForChat()
    {
        final EmbeddedChannel echo = new EmbeddedChannel(new LengthFrameDecoder(MAX, false));
        echo.writeInbound(frame(0, "", 2, "hi"));
        assertEquals("\0\0\0\0", readString(echo));
        assertEquals("\0\0\0\2hi", readString(echo));

        final EmbeddedChannel chat = new EmbeddedChannel(new LengthFrameDecoder(MAX, true));
        chat.writeInbound(frame(8, "12345678"));
        assertEquals("12345678", readString(chat));
    }

    @Test
    void oversizedHeaderFailsBeforeAnyPayloadAfterEarlierFrames()
    {
        final EmbeddedChannel ch = new EmbeddedChannel(new LengthFrameDecoder(MAX, false));
        assertThrows(TooLongFrameException.class, () -> ch.writeInbound(frame(1, "a", MAX + 1, "")));
        assertEquals("\0\0\0\1a", readString(ch));
        assertNull(ch.readInbound());
    }

    @Test
    void lengthsOf2To31AndMoreAreUnsignedAndOversized()
    {
        final EmbeddedChannel ch = new EmbeddedChannel(new LengthFrameDecoder(MAX, false));
        assertThrows(TooLongFrameException.class, () -> ch.writeInbound(frame(0x80000000, "")));
        assertNull(ch.readInbound());
    }

    @Test
    void discardsEverythingAfterAnOversizedFrame()
    {
        // The whole oversized frame and a good one behind it arrive together: Netty alone would decode the good one.
        final EmbeddedChannel ch = new EmbeddedChannel(new LengthFrameDecoder(MAX, false));
        assertThrows(TooLongFrameException.class, () -> ch.writeInbound(frame(9, "123456789", 1, "b")));
        ch.writeInbound(frame(1, "c"));
        assertNull(ch.readInbound());
    }

    /** Alternating lengths and payloads. */
    private static ByteBuf frame(final Object... lengthsAndPayloads)
    {
        final ByteBuf buf = Unpooled.buffer();
        for (int i = 0; i < lengthsAndPayloads.length; i += 2)
        {
            buf.writeInt((Integer) lengthsAndPayloads[i]);
            buf.writeCharSequence((String) lengthsAndPayloads[i + 1], java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return buf;
    }
}
