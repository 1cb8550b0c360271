package io.ioarena.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class FramingTest
{
    @Test
    void encodingToAStreamWritesTheSameBytesAsEncodingToAnArray() throws Exception
    {
        final byte[] payload = new byte[0x010203]; // a length header with three non-zero bytes
        for (int i = 0; i < payload.length; i++)
        {
            payload[i] = (byte)(i % 251);
        }
        for (final Framing framing : Framing.values())
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            framing.encode(payload, out);
            assertArrayEquals(framing.encode(payload), out.toByteArray(), framing.cliName());
        }
    }
}
