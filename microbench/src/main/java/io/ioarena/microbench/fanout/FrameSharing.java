package io.ioarena.microbench.fanout;

import io.ioarena.protocol.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import java.nio.ByteBuffer;

/**
 * How a server turns one room message (the unframed delivery payload that {@code ChatSession} makes) into the frame
 * every member's socket gets: encoded once and shared, or encoded again for each member; in JDK heap buffers (the
 * selector server) or in Netty's pooled direct buffers (the Netty server, and the Vert.x server's per-loop frame).
 */
public enum FrameSharing
{
    /** A framed array per member, wrapped: what a server that encodes per recipient allocates. */
    HEAP_PER_MEMBER
    {
        @Override
        void deliver(final byte[] payload, final MemberSocket[] members)
        {
            for (final MemberSocket member : members)
            {
                member.write(ByteBuffer.wrap(Framing.LINE.encode(payload)));
            }
        }
    },
    /** One framed array and one read-only buffer per message, a {@code duplicate()} view per member (selector). */
    HEAP_SHARED
    {
        @Override
        void deliver(final byte[] payload, final MemberSocket[] members)
        {
            final ByteBuffer frame = ByteBuffer.wrap(Framing.LINE.encode(payload)).asReadOnlyBuffer();
            for (final MemberSocket member : members)
            {
                member.write(frame.duplicate());
            }
        }
    },
    /** A pooled direct buffer per member, filled and released: Netty writing a heap frame copies it like this. */
    POOLED_PER_MEMBER
    {
        @Override
        void deliver(final byte[] payload, final MemberSocket[] members)
        {
            for (final MemberSocket member : members)
            {
                final ByteBuf frame = encode(payload);
                member.write(frame);
                frame.release();
            }
        }
    },
    /** One pooled direct buffer per message, a {@code retainedDuplicate()} per member, released after its write. */
    POOLED_SHARED
    {
        @Override
        void deliver(final byte[] payload, final MemberSocket[] members)
        {
            final ByteBuf frame = encode(payload);
            for (final MemberSocket member : members)
            {
                final ByteBuf view = frame.retainedDuplicate();
                member.write(view);
                view.release();
            }
            frame.release();
        }
    };

    /** Delivers one message to every member. */
    abstract void deliver(byte[] payload, MemberSocket[] members);

    private static ByteBuf encode(final byte[] payload)
    {
        return PooledByteBufAllocator.DEFAULT.directBuffer(Framing.LINE.frameLength(payload.length))
            .writeBytes(payload).writeByte(Framing.NEWLINE);
    }
}
