package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model itself, on the examples PROTOCOL.md section 2 spells out. */
class ReferenceFramingTest
{
    @Test
    void lineOfExactlyMaxPassesAndCarriageReturnCounts()
    {
        assertFrames(List.of("abc", ""), decode(Framing.LINE, 3, "abc\n\n"));
        final ReferenceFraming.Decoded overByCr = decode(Framing.LINE, 3, "ok\nabc\r\nnext\n");
        assertFrames(List.of("ok"), overByCr);
        assertTrue(overByCr.tooLarge(), "the \\r is payload: 4 bytes over a max of 3");
    }

    @Test
    void lineOverMaxWithoutNewlineIsAlreadyAViolationAndAShortTailIsNot()
    {
        assertTrue(decode(Framing.LINE, 3, "abcd").tooLarge());
        final ReferenceFraming.Decoded tail = decode(Framing.LINE, 3, "a\nabc");
        assertFalse(tail.tooLarge());
        assertEquals(3, tail.tail());
    }

    @Test
    void lengthHeaderOverMaxIsRefusedBeforeAnyPayloadAndReadUnsigned()
    {
        final ReferenceFraming.Decoded over = decode(Framing.LENGTH, 3, bytes(0, 0, 0, 1, 'x', 0, 0, 0, 4));
        assertFrames(List.of("x"), over);
        assertTrue(over.tooLarge());
        assertTrue(decode(Framing.LENGTH, 3, bytes(0xFF, 0xFF, 0xFF, 0xFF)).tooLarge());
    }

    @Test
    void lengthZeroIsAFrameAndAPartialFrameIsATail()
    {
        final ReferenceFraming.Decoded d = decode(Framing.LENGTH, 3, bytes(0, 0, 0, 0, 0, 0, 0, 3, 'a'));
        assertFrames(List.of(""), d);
        assertFalse(d.tooLarge());
        assertEquals(5, d.tail());
    }

    @Test
    void rawIsTheStreamItself()
    {
        assertFrames(List.of("any\nthing"), decode(Framing.RAW, 1, "any\nthing"));
        assertFrames(List.of(), decode(Framing.RAW, 1, ""));
    }

    private static ReferenceFraming.Decoded decode(final Framing framing, final int max, final String stream)
    {
        return ReferenceFraming.decode(framing, max, stream.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static ReferenceFraming.Decoded decode(final Framing framing, final int max, final byte[] stream)
    {
        return ReferenceFraming.decode(framing, max, stream);
    }

    private static byte[] bytes(final int... values)
    {
        final byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            b[i] = (byte)values[i];
        }
        return b;
    }

    private static void assertFrames(final List<String> expected, final ReferenceFraming.Decoded decoded)
    {
        assertEquals(expected, decoded.payloads().stream()
            .map(p -> new String(p, StandardCharsets.ISO_8859_1)).toList());
    }
}
