package io.ioarena.microbench.framing;

import io.ioarena.protocol.Framing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realistic inbound byte stream: {@link #FRAMES} frames of 16 to 112 payload bytes (64 on average, the load
 * client's default message size), printable ASCII (valid in every framing), cut into socket reads of the sizes a
 * {@link StreamShape} gives. The stream ends on a frame boundary, so a decoder fed all of it is back at the start
 * state and can be fed it again. Seeded: the same arguments give the same bytes in every JVM.
 */
public final class ByteStream
{
    /** Frames in one stream: one benchmark operation decodes them all (hence a constant, for annotations). */
    public static final int FRAMES = 256;

    private static final int MIN_PAYLOAD = 16;
    private static final int MAX_PAYLOAD = 112;

    private final List<byte[]> payloads;
    private final byte[][] reads;

    private ByteStream(final List<byte[]> payloads, final byte[][] reads)
    {
        this.payloads = payloads;
        this.reads = reads;
    }

    public static ByteStream generate(final Framing framing, final StreamShape shape, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<byte[]> payloads = new ArrayList<>(FRAMES);
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++)
        {
            final byte[] payload = new byte[random.nextInt(MIN_PAYLOAD, MAX_PAYLOAD + 1)];
            for (int j = 0; j < payload.length; j++)
            {
                payload[j] = (byte)random.nextInt('!', '~' + 1);
            }
            payloads.add(payload);
            wire.writeBytes(framing.encode(payload));
        }
        final byte[] bytes = wire.toByteArray();
        final List<byte[]> reads = new ArrayList<>();
        for (int at = 0; at < bytes.length; )
        {
            final int end = Math.min(bytes.length, at + random.nextInt(shape.minRead(), shape.maxRead() + 1));
            reads.add(Arrays.copyOfRange(bytes, at, end));
            at = end;
        }
        return new ByteStream(List.copyOf(payloads), reads.toArray(byte[][]::new));
    }

    /** The payloads, in order: what a decoder must hand on. */
    public List<byte[]> payloads()
    {
        return payloads;
    }

    /** The successive socket reads. Shared: callers must not modify them. */
    public byte[][] reads()
    {
        return reads;
    }
}
