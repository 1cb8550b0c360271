package io.ioarena.load;

import java.nio.ByteBuffer;

/**
 * The self-checking message the client sends: ASCII text, so it is the same in every framing and valid chat text
 * (no 0x0A, no space, valid UTF-8). Layout, as lowercase hexadecimal fields, then filler up to the message size:
 *
 * <pre>
 *  offset  length  field
 *   0       8      check: a 32-bit hash of the 40 header digits that follow
 *   8       6      sender connection id (global)
 *  14      10      sequence number of the message on its connection, from 0
 *  24      12      intended send time, nanoseconds since the run's origin
 *  36      12      actual send time (when it was handed to the socket), nanoseconds since the origin
 *  48      ...     filler 'A'..'Z' repeated, up to the message size
 * </pre>
 *
 * Every byte of an answer is checked: each header digit must be a lowercase hex digit, the check must match the
 * hash of the rest of the header, and the filler must equal the pattern byte for byte. The 48 header digits are six
 * words of eight digits, whatever field boundaries fall inside a word: each word is converted and hashed as a whole,
 * eight digits at a time with bit arithmetic ({@link #hex8}, {@link #unhex8}), and the filler is written and
 * compared eight bytes at a time, straight in the socket buffers. That keeps the client's own work per message small
 * next to its system calls: the client must never be the bottleneck it measures.
 *
 * One instance per client thread: it keeps the filler pattern, and the fields of the last message decoded.
 * Allocation-free after construction.
 */
public final class Payload
{
    /** The smallest message: the fields without filler. */
    public static final int HEADER_LENGTH = 48;
    /** Largest connection id the 6 hex digits hold. */
    public static final int MAX_CONNECTIONS = 1 << 24;

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_NIBBLES = 0x0F0F0F0F0F0F0F0FL;
    private static final long MASK_32 = 0xFFFFFFFFL;

    private final int size;
    /** The filler as big-endian words, then the bytes after the last whole word. */
    private final long[] fillerWords;
    private final byte[] fillerTail;

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
        final ByteBuffer filler = ByteBuffer.allocate(size - HEADER_LENGTH);
        for (int i = 0; i < filler.capacity(); i++)
        {
            filler.put(i, (byte)('A' + i % 26));
        }
        this.fillerWords = new long[filler.capacity() / Long.BYTES];
        for (int i = 0; i < fillerWords.length; i++)
        {
            fillerWords[i] = filler.getLong();
        }
        this.fillerTail = new byte[filler.remaining()];
        filler.get(fillerTail);
    }

    public int size()
    {
        return size;
    }

    /**
     * Writes a message at {@code out[at, at + size())}, leaving the buffer's position as it was. Times are
     * nanoseconds since the run's origin.
     */
    public void encode(final ByteBuffer out, final int at, final int connection, final long seq, final long intended,
        final long sent)
    {
        final long word1 = hex8(((long)connection << 8) | (seq >>> 32 & 0xFF));
        final long word2 = hex8(seq);
        final long word3 = hex8(intended >>> 16);
        final long word4 = hex8(intended << 16 | (sent >>> 32 & 0xFFFF));
        final long word5 = hex8(sent);
        out.putLong(at, hex8(check(word1, word2, word3, word4, word5)));
        out.putLong(at + 8, word1);
        out.putLong(at + 16, word2);
        out.putLong(at + 24, word3);
        out.putLong(at + 32, word4);
        out.putLong(at + 40, word5);
        int i = at + HEADER_LENGTH;
        for (final long word : fillerWords)
        {
            out.putLong(i, word);
            i += Long.BYTES;
        }
        for (final byte b : fillerTail)
        {
            out.put(i++, b);
        }
    }

    /**
     * Checks the message at {@code in[at, at + length)}, leaving the buffer's position as it was; if it is intact,
     * its fields become readable through the accessors. A wrong length, a non-hex digit, a wrong check or a changed
     * filler byte makes it corrupt.
     */
    public boolean decode(final ByteBuffer in, final int at, final int length)
    {
        if (length != size)
        {
            return false;
        }
        final long text1 = in.getLong(at + 8);
        final long text2 = in.getLong(at + 16);
        final long text3 = in.getLong(at + 24);
        final long text4 = in.getLong(at + 32);
        final long text5 = in.getLong(at + 40);
        final long check = unhex8(in.getLong(at));
        final long word1 = unhex8(text1);
        final long word2 = unhex8(text2);
        final long word3 = unhex8(text3);
        final long word4 = unhex8(text4);
        final long word5 = unhex8(text5);
        if ((check | word1 | word2 | word3 | word4 | word5) < 0 || check != check(text1, text2, text3, text4, text5)
            || !fillerIntact(in, at + HEADER_LENGTH))
        {
            return false;
        }
        connectionId = (int)(word1 >>> 8);
        sequence = (word1 & 0xFF) << 32 | word2;
        intendedNanos = word3 << 16 | word4 >>> 16;
        sentNanos = (word4 & 0xFFFF) << 32 | word5;
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

    private boolean fillerIntact(final ByteBuffer in, final int from)
    {
        int i = from;
        long differences = 0;
        for (final long word : fillerWords)
        {
            differences |= in.getLong(i) ^ word;
            i += Long.BYTES;
        }
        for (final byte b : fillerTail)
        {
            differences |= in.get(i++) ^ b;
        }
        return differences == 0;
    }

    /**
     * The check of a header: a hash of its five text words (as sent, eight digits each), in 32 bits. Each word is
     * multiplied by its own odd constant (a bijection), and the products are combined by exclusive or, so a header
     * that differs in one word always has a different 64-bit sum; the final mix spreads that difference over the
     * 32 bits kept. The five products are independent, so they cost about one multiplication's latency.
     */
    static long check(final long text1, final long text2, final long text3, final long text4, final long text5)
    {
        long h = text1 * 0x9E3779B185EBCA87L
            ^ Long.rotateLeft(text2 * 0xC2B2AE3D27D4EB4FL, 13)
            ^ Long.rotateLeft(text3 * 0x165667B19E3779F9L, 26)
            ^ Long.rotateLeft(text4 * 0x85EBCA77C2B2AE63L, 39)
            ^ Long.rotateLeft(text5 * 0x27D4EB2F165667C5L, 52);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 29;
        return h & MASK_32;
    }

    /**
     * The low 32 bits of {@code value} as eight lowercase hex digits in one big-endian word (first digit in the
     * most significant byte): the nibbles are spread one per byte, then each becomes '0'+n or 'a'+n-10.
     */
    static long hex8(final long value)
    {
        long x = value & MASK_32;
        x = (x | x << 16) & 0x0000FFFF0000FFFFL;
        x = (x | x << 8) & 0x00FF00FF00FF00FFL;
        x = (x | x << 4) & LOW_NIBBLES;
        // A nibble of 10 or more carries into bit 4 of its byte when 6 is added: that byte is a letter.
        final long letters = (x + 6 * ONES) >>> 4 & ONES;
        return x + '0' * ONES + letters * ('a' - '0' - 10);
    }

    /**
     * The value of eight lowercase hex digits in one big-endian word, or -1 if a byte is not one: each byte is
     * classified by adding constants that carry into its high bit at the range limits, then the nibbles are
     * gathered back into 32 bits.
     */
    static long unhex8(final long word)
    {
        final long digits = atLeast(word, '0') & ~atLeast(word, '9' + 1);
        final long letters = atLeast(word, 'a') & ~atLeast(word, 'f' + 1);
        // A byte of 0x80 or more has its high bit set before the sums are taken: it is neither class.
        final long valid = (digits | letters) & ~word;
        long x = (word & LOW_NIBBLES) + (letters >>> 7) * 9;
        x = (x | x >>> 4) & 0x00FF00FF00FF00FFL;
        x = (x | x >>> 8) & 0x0000FFFF0000FFFFL;
        return valid == HIGH_BITS ? (x | x >>> 16) & MASK_32 : -1;
    }

    /**
     * The high bit of each byte of {@code word} whose low seven bits are at least {@code bound} (at most 0x80):
     * the high bits are cleared first, so no byte's sum carries into the next byte.
     */
    private static long atLeast(final long word, final int bound)
    {
        return (word & ~HIGH_BITS) + (0x80 - bound) * ONES & HIGH_BITS;
    }
}
