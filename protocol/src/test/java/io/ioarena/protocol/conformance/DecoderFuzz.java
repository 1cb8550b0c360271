package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The fuzz property every framing decoder must have: for random streams of valid frames, oversized frames and
 * garbage, split into random chunks, the decoder finds the same frames and the same violation as
 * {@link ReferenceFraming}. Seeded by {@link FuzzSettings}: the seed is printed with every result (passing or not)
 * and {@code -Dioarena.fuzz.seed=<seed>} replays it. A failure names the shortest failing prefix of the input.
 *
 * <p>A plain seeded loop rather than a property-testing engine: jqwik, the JUnit Platform one, asks from version 1.10
 * on not to be used with AI coding agents, and this was written by one. The kit's network fuzz needs the same
 * generator ({@link RandomFrames}) in main code anyway.
 */
public final class DecoderFuzz
{
    /** Limits tried: tiny ones, so that the edges (empty, exactly max, max + 1) come up in most inputs. */
    private static final int LARGEST_MAX_FRAME = 40;
    private static final int MOST_PIECES = 12;

    private DecoderFuzz()
    {
    }

    /** A fresh decoder under test, one per input, as a connection would get. */
    @FunctionalInterface
    public interface Subject
    {
        /** Feeds {@code chunks} in order and reports what the decoder passed on. */
        Observed decode(Framing framing, int maxFrame, List<byte[]> chunks) throws Exception;
    }

    /**
     * What a decoder passed on, in order, and whether it reported an oversized frame.
     *
     * @param wholeFrames the frames with their header or newline (what an echo server writes back), not payloads
     */
    public record Observed(List<byte[]> frames, boolean wholeFrames, boolean tooLarge)
    {
    }

    /** Checks {@code subject} on {@link FuzzSettings#decoderTries()} random inputs; prints the seed either way. */
    public static void check(final String name, final Framing framing, final Subject subject) throws Exception
    {
        final FuzzSettings settings = FuzzSettings.fromSystemProperties();
        final long start = System.nanoTime();
        final Random random = new Random(settings.seed() ^ framing.ordinal());
        for (int i = 0; i < settings.decoderTries(); i++)
        {
            final int maxFrame = 1 + random.nextInt(LARGEST_MAX_FRAME);
            final RandomFrames frames = new RandomFrames(random, framing, maxFrame);
            final byte[] stream = frames.stream(random.nextInt(MOST_PIECES + 1));
            final int[] splits = frames.splits(stream.length);
            final String mismatch = mismatch(subject, framing, maxFrame, stream, splits);
            if (mismatch != null)
            {
                final int shortest = shortestFailingPrefix(subject, framing, maxFrame, stream, splits);
                final int[] shortestSplits = chunkSizes(splits, shortest);
                throw new AssertionError("fuzz " + name + " " + framing.cliName() + " failed at input " + i + ", " +
                    settings + ": --max-frame " + maxFrame + ", stream 0x" +
                    HexFormat.of().formatHex(stream, 0, shortest) + (shortest < stream.length ? " (the shortest " +
                    "failing prefix of " + stream.length + " bytes)" : "") + " in chunks of " +
                    Arrays.toString(shortestSplits) + ": " +
                    mismatch(subject, framing, maxFrame, Arrays.copyOf(stream, shortest), shortestSplits));
            }
        }
        System.out.println("fuzz " + name + " " + framing.cliName() + " PASS " + settings.decoderTries() +
            " inputs, " + settings + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
    }

    /** What differs from the model, or null. */
    private static String mismatch(final Subject subject, final Framing framing, final int maxFrame,
        final byte[] stream, final int[] splits) throws Exception
    {
        final ReferenceFraming.Decoded expected = ReferenceFraming.decode(framing, maxFrame, stream);
        final Observed actual;
        try
        {
            actual = subject.decode(framing, maxFrame, chunks(stream, splits));
        }
        catch (final Exception | AssertionError e)
        {
            return "the decoder threw " + e;
        }
        final List<byte[]> expectedFrames = actual.wholeFrames()
            ? expected.payloads().stream().map(framing::encode).toList() : expected.payloads();
        final List<byte[]> actualFrames = framing == Framing.RAW ? joined(actual.frames()) : actual.frames();
        if (!sameBytes(expectedFrames, actualFrames) || expected.tooLarge() != actual.tooLarge())
        {
            return "expected " + describe(expectedFrames, expected.tooLarge()) + " but the decoder gave " +
                describe(actualFrames, actual.tooLarge());
        }
        return null;
    }

    private static int shortestFailingPrefix(final Subject subject, final Framing framing, final int maxFrame,
        final byte[] stream, final int[] splits) throws Exception
    {
        for (int length = 0; length < stream.length; length++)
        {
            if (mismatch(subject, framing, maxFrame, Arrays.copyOf(stream, length), chunkSizes(splits, length)) != null)
            {
                return length;
            }
        }
        return stream.length;
    }

    /** The first {@code length} bytes' share of {@code splits}. */
    private static int[] chunkSizes(final int[] splits, final int length)
    {
        final List<Integer> sizes = new ArrayList<>();
        int left = length;
        for (int i = 0; i < splits.length && left > 0; i++)
        {
            sizes.add(Math.min(splits[i], left));
            left -= splits[i];
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<byte[]> chunks(final byte[] stream, final int[] splits)
    {
        final List<byte[]> chunks = new ArrayList<>();
        int at = 0;
        for (final int size : splits)
        {
            chunks.add(Arrays.copyOfRange(stream, at, at + size));
            at += size;
        }
        return chunks;
    }

    /** Raw has no frames: what counts is all the bytes, in order. */
    private static List<byte[]> joined(final List<byte[]> frames)
    {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        frames.forEach(all::writeBytes);
        return all.size() == 0 ? List.of() : List.of(all.toByteArray());
    }

    private static boolean sameBytes(final List<byte[]> a, final List<byte[]> b)
    {
        if (a.size() != b.size())
        {
            return false;
        }
        for (int i = 0; i < a.size(); i++)
        {
            if (!Arrays.equals(a.get(i), b.get(i)))
            {
                return false;
            }
        }
        return true;
    }

    private static String describe(final List<byte[]> frames, final boolean tooLarge)
    {
        return frames.stream().map(f -> "0x" + HexFormat.of().formatHex(f)).toList() +
            (tooLarge ? " then FRAME_TOO_LARGE" : "");
    }
}
