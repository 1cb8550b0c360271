package io.ioarena.microbench.fanout;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;

/**
 * Stands in for one member's socket: a write copies the frame's bytes into a direct "send buffer", as the kernel
 * copies them out of user memory, and the buffer empties itself when full, as the peer reading would. Every frame
 * sharing strategy pays the same copy here, so the benchmark compares what happens before it. The socket keeps the
 * last buffer written, as a server's outbound queue holds each frame until the socket takes it: without that, the JIT
 * would see a per-member view that never escapes and allocate nothing for it, which no server can do.
 */
final class MemberSocket
{
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private int lastFrameStart;
    /** The buffer last written: the outbound queue entry a real write leaves until the socket took the bytes. */
    private Object queued;

    /** Writes a JDK buffer's remaining bytes (its position moves to its limit, as a channel write does). */
    void write(final ByteBuffer frame)
    {
        queued = frame;
        makeRoom(frame.remaining());
        sendBuffer.put(frame);
    }

    /** Writes a Netty buffer's readable bytes (its reader index moves past them, as a channel write does). */
    void write(final ByteBuf frame)
    {
        queued = frame;
        final int length = frame.readableBytes();
        makeRoom(length);
        // readBytes(ByteBuffer) fills the destination's remaining space: bound it to the frame.
        sendBuffer.limit(sendBuffer.position() + length);
        frame.readBytes(sendBuffer);
        sendBuffer.limit(sendBuffer.capacity());
    }

    /** The bytes of the last frame written, for the tests. */
    byte[] lastFrame()
    {
        final byte[] bytes = new byte[sendBuffer.position() - lastFrameStart];
        sendBuffer.get(lastFrameStart, bytes);
        return bytes;
    }

    private void makeRoom(final int length)
    {
        if (sendBuffer.remaining() < length)
        {
            sendBuffer.clear();
        }
        lastFrameStart = sendBuffer.position();
    }
}
