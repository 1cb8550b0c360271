package io.ioarena.load;

import java.nio.ByteBuffer;

/**
 * The direct buffers every connection of one {@link ClientThread} reads into and encodes into, one each way: a
 * thread handles one connection at a time, and a connection that leaves bytes behind (a write the socket did not
 * take whole, a frame that a read split) keeps just those in a buffer of its own ({@link #keep}).
 */
final class ThreadBuffers
{
    /** Room in a read, past the largest frame, and the least any buffer here holds. */
    private static final int SLACK = 64 * 1024;
    /** What a frame may add to the message it carries: a chat prefix, a sender name, the framing's own bytes. */
    private static final int FRAME_OVERHEAD = 96 + 4 + 1;

    private final ByteBuffer read;
    private final ByteBuffer write;

    ThreadBuffers(final LoadConfig config)
    {
        this.read = ByteBuffer.allocateDirect(maxInbound(config) + SLACK);
        this.write = ByteBuffer.allocateDirect(Math.max(SLACK, 4 * (config.size() + FRAME_OVERHEAD)));
    }

    /** The largest frame a server may send this client (PROTOCOL.md section 2), its framing's bytes included. */
    static int maxInbound(final LoadConfig config)
    {
        return Math.max(config.maxFrame(), config.size()) + FRAME_OVERHEAD;
    }

    /** The buffer every read goes into first; the caller clears it. */
    ByteBuffer read()
    {
        return read;
    }

    /** The buffer due messages are encoded into; the caller clears it. */
    ByteBuffer write()
    {
        return write;
    }

    /**
     * Keeps the start of a frame that a read split ({@code rest}, read mode) behind what the connection already holds
     * ({@code held}, write mode, or null). A new buffer is as large as the thread's read buffer, so that the next read
     * into it still has room for the rest of the largest frame.
     */
    ByteBuffer keepUnread(final ByteBuffer held, final ByteBuffer rest)
    {
        return append(held, rest, read.capacity());
    }

    /**
     * Keeps what the socket did not take of a write ({@code rest}, read mode) behind what the connection already
     * holds ({@code held}, write mode, or null). A new buffer is as large as the thread's write buffer.
     */
    ByteBuffer keepUnsent(final ByteBuffer held, final ByteBuffer rest)
    {
        return append(held, rest, write.capacity());
    }

    /** {@code held} with {@code rest} put behind it, in a new buffer of at least {@code capacity} when it is full. */
    private static ByteBuffer append(final ByteBuffer held, final ByteBuffer rest, final int capacity)
    {
        if (held != null && held.remaining() >= rest.remaining())
        {
            return held.put(rest);
        }
        final int kept = held == null ? 0 : held.position();
        final ByteBuffer grown = ByteBuffer.allocateDirect(Math.max(capacity, kept + rest.remaining()));
        if (held != null)
        {
            grown.put(held.flip());
        }
        return grown.put(rest);
    }
}
