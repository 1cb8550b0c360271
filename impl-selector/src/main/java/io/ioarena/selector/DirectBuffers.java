package io.ioarena.selector;

import java.nio.ByteBuffer;

/** Sizing of the per-connection direct buffers that grow on demand. */
final class DirectBuffers
{
    /** No per-connection buffer is smaller: less is not worth a native allocation. */
    static final int MIN_CAPACITY = 4096;

    private DirectBuffers()
    {
    }

    /**
     * A new direct buffer of at least {@code needed} bytes (if {@code max} allows), sized in powers of two, so that a
     * connection whose needs keep growing allocates a few times and then never again.
     */
    static ByteBuffer allocate(final int needed, final int max)
    {
        final int powerOfTwo = needed <= MIN_CAPACITY ? MIN_CAPACITY : Integer.highestOneBit(needed - 1) << 1;
        return ByteBuffer.allocateDirect(Math.min(max, powerOfTwo));
    }
}
