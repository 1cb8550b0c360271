package io.ioarena.protocol.chat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Utf8Test
{
    private static boolean valid(final int... bytes)
    {
        final byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++)
        {
            b[i] = (byte)bytes[i];
        }
        return Utf8.isValid(b, 0, b.length);
    }

    @Test
    void acceptsEveryEncodingLength()
    {
        final byte[] text = "a é ✓ 𝄞 \u007f \u0080 \uffff".getBytes(StandardCharsets.UTF_8);
        assertTrue(Utf8.isValid(text, 0, text.length));
        assertTrue(valid(0xF4, 0x8F, 0xBF, 0xBF), "U+10FFFF is the last code point");
    }

    @Test
    void rejectsMalformedSequences()
    {
        assertFalse(valid(0xC3, 0x28), "bad continuation");
        assertFalse(valid(0xC0, 0xAF), "overlong two-byte");
        assertFalse(valid(0xE0, 0x80, 0xAF), "overlong three-byte");
        assertFalse(valid(0xED, 0xA0, 0x80), "surrogate");
        assertFalse(valid(0xF4, 0x90, 0x80, 0x80), "above U+10FFFF");
        assertFalse(valid(0xE2, 0x82), "truncated at the end");
        assertFalse(valid(0x80), "lone continuation");
        assertFalse(valid(0xFF));
    }

    @Test
    void checksOnlyTheGivenRange()
    {
        final byte[] b = {(byte)0xFF, 'o', 'k', (byte)0xFF};
        assertTrue(Utf8.isValid(b, 1, 2));
    }
}
