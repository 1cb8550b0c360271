package io.ioarena.protocol.conformance;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The settings of every fuzz in the project: the kit's network fuzz case and the decoders' fuzz tests. One seed per
 * JVM, printed with every result, so that any failure can be replayed exactly by passing the same seed.
 *
 * @param seed       {@value #SEED_PROPERTY}: the seed of every random choice; default a new random seed per JVM.
 * @param operations {@value #OPERATIONS_PROPERTY}: operations of each network fuzz case (frames, commands or
 *                   garbage sent), default {@value #DEFAULT_OPERATIONS}; raise it for a longer run by hand. Each
 *                   decoder fuzz test runs {@link #decoderTries()} inputs.
 */
public record FuzzSettings(long seed, int operations)
{
    public static final String SEED_PROPERTY = "ioarena.fuzz.seed";
    public static final String OPERATIONS_PROPERTY = "ioarena.fuzz.ops";
    public static final int DEFAULT_OPERATIONS = 200;
    /** Decoder inputs per network operation: a decoder input costs microseconds, a network operation a round trip. */
    private static final int DECODER_TRIES_PER_OPERATION = 10;
    /** So that the decoder tries ({@link #decoderTries()}) stay an int. */
    private static final int MOST_OPERATIONS = Integer.MAX_VALUE / DECODER_TRIES_PER_OPERATION;

    private static final long JVM_SEED = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;

    public FuzzSettings
    {
        if (operations < 1)
        {
            throw new IllegalArgumentException(OPERATIONS_PROPERTY + " must be at least 1, not " + operations);
        }
    }

    /** The settings from the system properties, each defaulted when unset. */
    public static FuzzSettings fromSystemProperties()
    {
        final long operations = parse(OPERATIONS_PROPERTY, DEFAULT_OPERATIONS);
        if (operations > MOST_OPERATIONS)
        {
            throw new IllegalArgumentException(OPERATIONS_PROPERTY + " must be at most " + MOST_OPERATIONS + ", not " +
                operations);
        }
        return new FuzzSettings(parse(SEED_PROPERTY, JVM_SEED), (int)operations);
    }

    private static long parse(final String property, final long defaultValue)
    {
        final String value = System.getProperty(property);
        if (value == null || value.isBlank())
        {
            return defaultValue;
        }
        try
        {
            return Long.parseLong(value.trim());
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException(property + " must be a whole number, not '" + value + "'", e);
        }
    }

    /** Inputs each decoder fuzz test tries. */
    public int decoderTries()
    {
        return operations * DECODER_TRIES_PER_OPERATION;
    }

    /** What to pass to run the same fuzz again. */
    public String replay()
    {
        return "-D" + SEED_PROPERTY + "=" + seed + (operations == DEFAULT_OPERATIONS ? "" :
            " -D" + OPERATIONS_PROPERTY + "=" + operations);
    }

    @Override
    public String toString()
    {
        return "seed " + seed + ", " + operations + " operations (replay: " + replay() + ")";
    }
}
