package io.ioarena.protocol.chat;

/** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. No allocation. */
public final class Utf8
{
    private Utf8()
    {
    }

    public static boolean isValid(final byte[] bytes, final int offset, final int length)
    {
        int i = offset;
        final int end = offset + length;
        while (i < end)
        {
            final int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80)
            {
                i++;
                continue;
            }
            final int extra;
            final int min;
            if (b0 >= 0xC2 && b0 <= 0xDF)
            {
                extra = 1;
                min = 0x80;
            }
            else if (b0 >= 0xE0 && b0 <= 0xEF)
            {
                extra = 2;
                min = 0x800;
            }
            else if (b0 >= 0xF0 && b0 <= 0xF4)
            {
                extra = 3;
                min = 0x10000;
            }
            else
            {
                return false;
            }
            if (i + extra >= end)
            {
                return false;
            }
            int codePoint = b0 & (0x3F >> extra);
            for (int k = 1; k <= extra; k++)
            {
                final int b = bytes[i + k] & 0xFF;
                if ((b & 0xC0) != 0x80)
                {
                    return false;
                }
                codePoint = (codePoint << 6) | (b & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }
}
