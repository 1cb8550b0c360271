package io.ioarena.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class FramingTest
{
    @Test
    void encodingToAStreamWritesTheSameBytesAsEncodingToAnArray() throws Exception
    {
        final byte[] payload = new byte[70000]; // length header bytes all differ from 0 and from each other
        for (int i = 0; i < payload.length; i++)
        {
            payload[i] = (byte)(i % 10 == 9 ? 'x' : i);
        }
        for (final Framing framing : Framing.values())
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            framing.encode(payload, out);
            assertArrayEquals(framing.encode(payload), out.toByteArray(), framing.cliName());
        }
    }
}
