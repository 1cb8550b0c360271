package io.ioarena.microbench.framing;

import io.ioarena.protocol.FrameDecoder;
import io.ioarena.protocol.Framing;

import java.nio.ByteBuffer;

/**
 * Our {@link FrameDecoder} over one connection's read buffer, the pattern both of its servers follow (the selector
 * server reads into a direct buffer, the virtual-thread server into a heap array): reads land in a direct buffer,
 * every complete frame is handed on in place (the buffer's position and limit delimit its payload), and the start
 * of an incomplete frame is compacted to the front before the next read. The servers' own buffer bookkeeping
 * (the selector's shared read buffer and per-connection partial buffer) is theirs, not measured here.
 */
final class HandWrittenDecoding implements ReadDecoder
{
    /** The largest read the benchmark streams make, with room to spare. */
    private static final int READ_CAPACITY = 64 * 1024;

    private final FrameDecoder decoder;
    private final int headerLength;
    private final int trailerLength;
    /** Write mode between reads: {@code [0, position)} is the start of an incomplete frame. */
    private final ByteBuffer inbound;
    private final FrameSink<? super ByteBuffer> sink;

    HandWrittenDecoding(final Framing framing, final int maxFrame, final FrameSink<? super ByteBuffer> sink)
    {
        this.decoder = framing.newDecoder(maxFrame);
        this.headerLength = framing.headerLength();
        this.trailerLength = framing.trailerLength();
        this.inbound = ByteBuffer.allocateDirect(framing.frameLength(maxFrame) + READ_CAPACITY);
        this.sink = sink;
    }

    @Override
    public void read(final byte[] bytes) throws Exception
    {
        inbound.put(bytes);
        inbound.flip();
        final int filled = inbound.limit();
        int frameLength;
        while ((frameLength = decoder.nextFrame(inbound)) > 0)
        {
            final int frameEnd = inbound.position() + frameLength;
            inbound.position(inbound.position() + headerLength).limit(frameEnd - trailerLength);
            sink.payload(inbound);
            inbound.limit(filled).position(frameEnd);
        }
        inbound.compact();
    }
}
