package io.ioarena.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LineFrameDecoderTest
{
    private static final int MAX = 8;

    @Test
    void carriageReturnIsPayloadAndFramesKeepTheirNewline()
    {
        final EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(MAX, false));
        ch.writeInbound(ascii("a\r\n\nb"));
        assertEquals("a\r\n", readString(ch));
        assertEquals("\n", readString(ch));
        assertNull(ch.readInbound());
        ch.writeInbound(ascii("c\n"));
        assertEquals("bc\n", readString(ch));
    }

    @Test
    void stripsOnlyTheNewlineForChat()
    {
        final EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(MAX, true));
        ch.writeInbound(ascii("PING\r\n"));
        assertEquals("PING\r", readString(ch));
    }

    @Test
    void payloadOfExactlyTheMaximumPasses()
    {
        final EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(MAX, false));
        ch.writeInbound(ascii("12345678\n"));
        assertEquals("12345678\n", readString(ch));
    }

    @Test
    void carriageReturnCountsTowardsTheMaximum()
    {
        // The payload is "12345678\r", 9 bytes; LineBasedFrameDecoder would count 8 and let it pass.
        final EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(MAX, false));
        assertThrows(TooLongFrameException.class, () -> ch.writeInbound(ascii("12345678\r\n")));
    }

    @Test
    void failsAsSoonAsTheMaximumIsPassedWithoutNewlineAfterEarlierFrames()
    {
        final EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(MAX, false));
        assertThrows(TooLongFrameException.class, () -> ch.writeInbound(ascii("ok\n123456789")));
        assertEquals("ok\n", readString(ch));
        assertNull(ch.readInbound());
    }

    @Test
    void discardsEverythingAfterAnOversizedFrame()
    {
        final EmbeddedChannel ch = new EmbeddedChannel(new LineFrameDecoder(MAX, false));
        assertThrows(TooLongFrameException.class, () -> ch.writeInbound(ascii("123456789\nnext\n")));
        ch.writeInbound(ascii("later\n"));
        assertNull(ch.readInbound());
    }

    static ByteBuf ascii(final String s)
    {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    static String readString(final EmbeddedChannel ch)
    {
        final ByteBuf frame = ch.readInbound();
        try
        {
            return frame.toString(StandardCharsets.ISO_8859_1);
        }
        finally
        {
            frame.release();
        }
    }
}
