package io.ioarena.protocol;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameDecoderTest
{
    private static ByteBuffer buffer(final byte[] bytes)
    {
        return ByteBuffer.wrap(bytes);
    }

    @Test
    void lineFramesIncludeTheNewlineAndKeepCarriageReturns() throws Exception
    {
        final FrameDecoder d = Framing.LINE.newDecoder(10);
        final ByteBuffer in = buffer("ab\r\n\nxyz".getBytes(StandardCharsets.US_ASCII));
        assertEquals(4, d.nextFrame(in));
        in.position(in.position() + 4);
        assertEquals(1, d.nextFrame(in), "a zero-length payload is the newline alone");
        in.position(in.position() + 1);
        assertEquals(0, d.nextFrame(in), "xyz has no newline yet");
    }

    @Test
    void lineAcceptsExactlyMaxAndRejectsMorePendingBytes() throws Exception
    {
        final FrameDecoder d = Framing.LINE.newDecoder(3);
        assertEquals(4, d.nextFrame(buffer("abc\n".getBytes())));
        final FrameDecoder d2 = Framing.LINE.newDecoder(3);
        assertEquals(0, d2.nextFrame(buffer("abc".getBytes())));
        assertThrows(FrameTooLargeException.class, () -> d2.nextFrame(buffer("abcd".getBytes())),
            "4 bytes without a newline are over a max of 3, before any newline arrives");
        assertThrows(FrameTooLargeException.class, () -> Framing.LINE.newDecoder(3).nextFrame(buffer("abcd\n".getBytes())));
    }

    @Test
    void lineRemembersWhatItScannedAcrossReads() throws Exception
    {
        final FrameDecoder d = Framing.LINE.newDecoder(100);
        final ByteBuffer in = ByteBuffer.allocate(64);
        in.put("hello".getBytes()).flip();
        assertEquals(0, d.nextFrame(in));
        in.position(in.limit()).limit(in.capacity()); // more arrives after the scanned part
        in.put(" world\n".getBytes()).flip();
        assertEquals(12, d.nextFrame(in));
    }

    @Test
    void lengthFramesAreHeaderPlusPayloadAndZeroIsAllowed() throws Exception
    {
        final FrameDecoder d = Framing.LENGTH.newDecoder(5);
        final ByteBuffer in = ByteBuffer.allocate(32).putInt(0).putInt(3).put("abc".getBytes()).putInt(5).put((byte)1);
        in.flip();
        assertEquals(4, d.nextFrame(in));
        in.position(4);
        assertEquals(7, d.nextFrame(in));
        in.position(11);
        assertEquals(0, d.nextFrame(in), "announced 5, only 1 arrived");
        in.limit(13).position(13);
        assertEquals(0, d.nextFrame(in), "no header yet");
    }

    @Test
    void lengthRejectsAnOversizedHeaderAtOnceIncludingUnsignedValues()
    {
        assertThrows(FrameTooLargeException.class,
            () -> Framing.LENGTH.newDecoder(5).nextFrame(ByteBuffer.allocate(4).putInt(0, 6)));
        assertThrows(FrameTooLargeException.class,
            () -> Framing.LENGTH.newDecoder(5).nextFrame(ByteBuffer.allocate(4).putInt(0, 0x80000000)));
    }

    @Test
    void rawTakesWhateverThereIs() throws Exception
    {
        assertEquals(3, Framing.RAW.newDecoder(1).nextFrame(buffer(new byte[] {1, 2, 3})));
    }

    @Test
    void encodeAndErrorFrames()
    {
        assertArrayEquals("hi\n".getBytes(), Framing.LINE.encode("hi".getBytes()));
        assertArrayEquals(new byte[] {0, 0, 0, 2, 'h', 'i'}, Framing.LENGTH.encode("hi".getBytes()));
        assertArrayEquals("ERR SERVER_FULL\n".getBytes(), ErrorCode.SERVER_FULL.frame(Framing.RAW));
        assertArrayEquals("ERR MALFORMED\n".getBytes(), ErrorCode.MALFORMED.frame(Framing.LINE));
    }
}
