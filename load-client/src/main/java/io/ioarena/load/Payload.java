package io.ioarena.load;

import java.util.zip.CRC32C;

/**
 * The self-checking message the client sends: ASCII text, so it is the same in every framing and valid chat text
 * (no 0x0A, no space, valid UTF-8). Layout, as lowercase hexadecimal fields, then filler up to the message size:
 *
 * <pre>
 *  offset  length  field
 *   0       8      CRC-32C of bytes [8, size): catches any changed byte, including in the filler
 *   8       6      sender connection id (global)
 *  14      10      sequence number of the message on its connection, from 0
 *  24      12      intended send time, nanoseconds since the run's origin
 *  36      12      actual send time (when it was handed to the socket), nanoseconds since the origin
 *  48      ...     filler 'A'..'Z' repeated, up to the message size
 * </pre>
 *
 * One instance per client thread: it keeps a scratch array and a CRC, and the fields of the last message decoded.
 * Allocation-free after construction.
 */
public final class Payload
{
    /** The smallest message: the fields without filler. */
    public static final int HEADER_LENGTH = 48;
    /** Largest connection id the 6 hex digits hold. */
    public static final int MAX_CONNECTIONS = 1 << 24;

    private static final int CRC_AT = 0;
    private static final int CONNECTION_AT = 8;
    private static final int SEQUENCE_AT = 14;
    private static final int INTENDED_AT = 24;
    private static final int SENT_AT = 36;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Digit value of each byte, -1 for a byte that is not a lowercase hex digit. */
    private static final byte[] HEX_VALUE = new byte[256];

    static
    {
        java.util.Arrays.fill(HEX_VALUE, (byte)-1);
        for (int i = 0; i < HEX.length; i++)
        {
            HEX_VALUE[HEX[i]] = (byte)i;
        }
    }

    private final int size;
    private final byte[] scratch;
    private final CRC32C crc = new CRC32C();

    private int connectionId;
    private long sequence;
    private long intendedNanos;
    private long sentNanos;

    public Payload(final int size)
    {
        if (size < HEADER_LENGTH)
        {
            throw new IllegalArgumentException("message size " + size + " < " + HEADER_LENGTH);
        }
        this.size = size;
        this.scratch = new byte[size];
        for (int i = HEADER_LENGTH; i < size; i++)
        {
            scratch[i] = (byte)('A' + (i - HEADER_LENGTH) % 26);
        }
    }

    public int size()
    {
        return size;
    }

    /**
     * Fills the scratch array with a message and returns it; the caller copies it out before the next call.
     * Times are nanoseconds since the run's origin.
     */
    public byte[] encode(final int connection, final long seq, final long intended, final long sent)
    {
        final byte[] b = scratch;
        hex(b, CONNECTION_AT, 6, connection);
        hex(b, SEQUENCE_AT, 10, seq);
        hex(b, INTENDED_AT, 12, intended);
        hex(b, SENT_AT, 12, sent);
        crc.reset();
        crc.update(b, CONNECTION_AT, size - CONNECTION_AT);
        hex(b, CRC_AT, 8, crc.getValue());
        return b;
    }

    /** The scratch array to copy a received message into before {@link #decode(int)}; as long as a message. */
    public byte[] scratch()
    {
        return scratch;
    }

    /**
     * Checks the message of {@code length} bytes in the scratch array; if it is intact, its fields become readable
     * through the accessors. A wrong length, a non-hex digit or a wrong checksum makes it corrupt.
     */
    public boolean decode(final int length)
    {
        if (length != size)
        {
            return false;
        }
        final byte[] b = scratch;
        final long checksum = unhex(b, CRC_AT, 8);
        final long connection = unhex(b, CONNECTION_AT, 6);
        final long seq = unhex(b, SEQUENCE_AT, 10);
        final long intended = unhex(b, INTENDED_AT, 12);
        final long sent = unhex(b, SENT_AT, 12);
        if ((checksum | connection | seq | intended | sent) < 0)
        {
            return false;
        }
        crc.reset();
        crc.update(b, CONNECTION_AT, size - CONNECTION_AT);
        if (crc.getValue() != checksum)
        {
            return false;
        }
        connectionId = (int)connection;
        sequence = seq;
        intendedNanos = intended;
        sentNanos = sent;
        return true;
    }

    public int connectionId()
    {
        return connectionId;
    }

    public long sequence()
    {
        return sequence;
    }

    public long intendedNanos()
    {
        return intendedNanos;
    }

    public long sentNanos()
    {
        return sentNanos;
    }

    private static void hex(final byte[] b, final int at, final int digits, final long value)
    {
        long v = value;
        for (int i = at + digits - 1; i >= at; i--)
        {
            b[i] = HEX[(int)(v & 0xF)];
            v >>>= 4;
        }
    }

    /** The value of {@code digits} lowercase hex digits, or -1 if one is not a hex digit. */
    private static long unhex(final byte[] b, final int at, final int digits)
    {
        long v = 0;
        int invalid = 0;
        for (int i = at; i < at + digits; i++)
        {
            final int d = HEX_VALUE[b[i] & 0xFF];
            invalid |= d;
            v = (v << 4) | (d & 0xF);
        }
        return invalid < 0 ? -1 : v;
    }
}
