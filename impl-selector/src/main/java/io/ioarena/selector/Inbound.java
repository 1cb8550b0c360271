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
     * {@link #readTarget} after reading and decoding: they are the start of the next frame. Afterwards there is
     * always room to read at least one more byte of it.
     */
    void keep(final ByteBuffer read)
    {
        if (read == partial)
        {
            partial.compact();
        }
        else if (read.hasRemaining())
        {
            if (partial == null || partial.capacity() <= read.remaining())
            {
                partial = DirectBuffers.allocate(read.remaining() + 1, maxFrameLength);
            }
            partial.put(read);
        }
        if (partial != null && !partial.hasRemaining())
        {
            // Full and still no complete frame: the frame is bigger than this buffer, though never bigger than one
            // maximum frame (the decoder rejects those first), so one maximum frame is always room enough.
            partial = DirectBuffers.allocate(partial.capacity() + 1, maxFrameLength).put(partial.flip());
        }
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
