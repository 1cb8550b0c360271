package io.ioarena.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadTest
{
    @Test
    void hexWordsMatchTheJdkForEveryNibblePattern()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++)
        {
            final long value = i < 16 ? 0x1111_1111L * i : random.nextLong() & 0xFFFF_FFFFL;
            final String expected = String.format("%08x", value);
            final byte[] actual = ByteBuffer.allocate(8).putLong(0, Payload.hex8(value)).array();
            assertEquals(expected, new String(actual, StandardCharsets.US_ASCII));
            assertEquals(value, Payload.unhex8(ByteBuffer.wrap(expected.getBytes(StandardCharsets.US_ASCII)).getLong()));
        }
    }

    @Test
    void aCheckTellsApartHeadersThatDifferInOneDigit()
    {
        // Every header that differs from one base header in a single digit, each digit set to each hex value.
        final byte[] base = "0123456789abcdef0123456789abcdef01234567".getBytes(StandardCharsets.US_ASCII);
        final long baseCheck = checkOf(base);
        final byte[] hex = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at < base.length; at++)
        {
            for (final byte digit : hex)
            {
                final byte[] changed = base.clone();
                changed[at] = digit;
                if (digit != base[at])
                {
                    assertTrue(checkOf(changed) != baseCheck, "digit " + at + " = " + (char)digit);
                }
            }
        }
    }

    private static long checkOf(final byte[] header)
    {
        final ByteBuffer words = ByteBuffer.wrap(header);
        return Payload.check(words.getLong(), words.getLong(), words.getLong(), words.getLong(), words.getLong());
    }

    @Test
    void everyByteThatIsNotALowercaseHexDigitIsRejected()
    {
        for (int b = 0; b < 256; b++)
        {
            final byte[] word = "0123abcd".getBytes(StandardCharsets.US_ASCII);
            for (int at = 0; at < word.length; at++)
            {
                final byte[] changed = word.clone();
                changed[at] = (byte)b;
                final boolean hexDigit = b >= '0' && b <= '9' || b >= 'a' && b <= 'f';
                final long value = Payload.unhex8(ByteBuffer.wrap(changed).getLong());
                assertEquals(hexDigit, value >= 0, "byte 0x" + Integer.toHexString(b) + " at " + at);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {48, 49, 64, 1000})
    void aMessageDecodesToTheFieldsItWasEncodedWithInEveryBuffer(final int size)
    {
        final Payload payload = new Payload(size);
        for (final ByteBuffer buffer : new ByteBuffer[] {ByteBuffer.allocate(size + 20),
            ByteBuffer.allocateDirect(size + 20)})
        {
            buffer.position(3).limit(size + 11);
            payload.encode(buffer, 5, 0xABCDEF, 0xFF_1234_5678L, 0xFFFF_0000_FFFFL, 0x8000_0000_0001L);
            assertEquals(3, buffer.position(), "position kept");
            assertEquals(size + 11, buffer.limit(), "limit kept");
            final Payload reader = new Payload(size);
            assertTrue(reader.decode(buffer, 5, size));
            assertEquals(0xABCDEF, reader.connectionId());
            assertEquals(0xFF_1234_5678L, reader.sequence());
            assertEquals(0xFFFF_0000_FFFFL, reader.intendedNanos());
            assertEquals(0x8000_0000_0001L, reader.sentNanos());
            assertEquals(3, buffer.position(), "position kept");
            assertEquals(size + 11, buffer.limit(), "limit kept");
            final byte[] text = new byte[size];
            buffer.get(5, text);
            // The documented layout, field by field: connection, sequence, intended and sent time after the check.
            final String header = "abcdef" + "ff12345678" + "ffff0000ffff" + "800000000001";
            assertEquals(header, new String(text, 8, 40, StandardCharsets.US_ASCII));
            final ByteBuffer words = ByteBuffer.wrap(header.getBytes(StandardCharsets.US_ASCII));
            final long check = Payload.check(words.getLong(), words.getLong(), words.getLong(), words.getLong(),
                words.getLong());
            assertEquals(String.format("%08x", check), new String(text, 0, 8, StandardCharsets.US_ASCII));
            for (int i = 48; i < size; i++)
            {
                assertEquals('A' + (i - 48) % 26, text[i], "filler at " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {48, 61, 64})
    void anyChangedByteMakesTheMessageCorrupt(final int size)
    {
        final Payload payload = new Payload(size);
        final ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        payload.encode(buffer, 0, 42, 7, 1_000, 2_000);
        for (int at = 0; at < size; at++)
        {
            for (final int flip : new int[] {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80})
            {
                buffer.put(at, (byte)(buffer.get(at) ^ flip));
                assertFalse(payload.decode(buffer, 0, size), "byte " + at + " ^ " + flip);
                buffer.put(at, (byte)(buffer.get(at) ^ flip));
            }
        }
        assertTrue(payload.decode(buffer, 0, size));
        assertFalse(payload.decode(buffer, 0, size - 1), "a wrong length");
    }
}
