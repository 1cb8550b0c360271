package io.ioarena.microbench.framing;

import java.util.Locale;

/** How the bytes of a stream of frames arrive: the sizes of the successive socket reads. */
public enum StreamShape
{
    /** Reads of 8 to 40 bytes: most frames arrive in several pieces, as from a congested link or a slow writer. */
    FRAGMENTED(8, 40),
    /** Reads of 1 to 4 KiB: dozens of frames per read, as from a pipelining client; few frames straddle reads. */
    COALESCED(1024, 4096);

    private final int minRead;
    private final int maxRead;

    StreamShape(final int minRead, final int maxRead)
    {
        this.minRead = minRead;
        this.maxRead = maxRead;
    }

    /** Smallest read, in bytes (the last read of a stream may be shorter). */
    public int minRead()
    {
        return minRead;
    }

    /** Largest read, in bytes. */
    public int maxRead()
    {
        return maxRead;
    }

    public String paramName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StreamShape fromParamName(final String name)
    {
        for (final StreamShape shape : values())
        {
            if (shape.paramName().equals(name))
            {
                return shape;
            }
        }
        throw new IllegalArgumentException("unknown stream shape '" + name + "' (expected fragmented or coalesced)");
    }
}
