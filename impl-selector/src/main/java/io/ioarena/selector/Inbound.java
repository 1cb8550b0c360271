package io.ioarena.selector;

import java.nio.ByteBuffer;

/**
 * Where one connection's inbound bytes are read to, without keeping a max-frame-sized buffer per connection.
 *
 * <p>Reads go to the reactor's shared direct read buffer, and complete frames are answered straight out of it. Only
 * the start of an incomplete frame outlives the read: it is kept in this connection's own <em>partial</em> buffer
 * (direct, allocated on the first split frame, grown in powers of two up to one maximum frame, then reused). Before
 * the next read, a small partial frame is copied back in front of the shared buffer, so the read still has room for
 * many frames; a big one (over a quarter of the shared buffer: a large frame arriving in pieces) is read into
 * directly, so no byte of it is copied more than once.
 */
final class Inbound
{
    private static final int MIN_CAPACITY = 4096;

    /** The largest frame on the wire: max-frame plus the framing's header and trailer. */
    private final int maxFrameLength;
    /** Write mode: {@code [0, position)} is the start of an incomplete frame. */
    private ByteBuffer partial;

    Inbound(final int maxFrameLength)
    {
        this.maxFrameLength = maxFrameLength;
    }

    /** The buffer to read into next, in write mode: {@code shared} (maybe starting with the partial frame) or ours. */
    ByteBuffer readTarget(final ByteBuffer shared)
    {
        shared.clear();
        if (partial == null || partial.position() == 0)
        {
            return shared;
        }
        if (partial.position() <= shared.capacity() / 4)
        {
            shared.put(partial.flip());
            partial.clear();
            return shared;
        }
        return partial;
    }

    /**
     * Keeps the unconsumed bytes {@code [position, limit)} of {@code read}, the buffer last returned by
     * {@link #readTarget} after reading and decoding: they are the start of the next frame.
     */
    void keep(final ByteBuffer read)
    {
        if (read == partial)
        {
            partial.compact();
            if (!partial.hasRemaining())
            {
                // Full and still no complete frame: the frame is bigger than this buffer (never bigger than one
                // maximum frame: the decoder rejects those before).
                partial = ByteBuffer.allocateDirect(Math.min(maxFrameLength, partial.capacity() * 2))
                    .put(partial.flip());
            }
        }
        else if (read.hasRemaining())
        {
            if (partial == null || partial.capacity() < read.remaining())
            {
                partial = ByteBuffer.allocateDirect(
                    Math.min(maxFrameLength, Math.max(MIN_CAPACITY, Outbound.capacityFor(read.remaining()))));
            }
            partial.put(read);
        }
    }

    /** Bytes held of an incomplete frame. */
    int partialBytes()
    {
        return partial == null ? 0 : partial.position();
    }

    /** Forgets the incomplete frame (input ended or the connection is closing). */
    void discard()
    {
        if (partial != null)
        {
            partial.clear();
        }
    }
}
