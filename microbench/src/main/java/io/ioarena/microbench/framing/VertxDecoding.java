package io.ioarena.microbench.framing;

import io.ioarena.protocol.Framing;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

/**
 * Vert.x's {@link RecordParser}, set up as the ioarena Vert.x server sets it up: delimited by {@code \n} for
 * {@code line}; for {@code length}, a fixed 4-byte header record that switches the parser to one fixed-size body
 * record and back. A read is the heap {@link Buffer} a Vert.x {@code NetSocket} hands its handler (Vert.x copies
 * each Netty read buffer to an unpooled heap buffer before it reaches user code).
 */
final class VertxDecoding implements ReadDecoder
{
    private static final int HEADER_LENGTH = 4;

    private final int maxFrame;
    private final RecordParser parser;
    private final FrameSink<? super Buffer> sink;
    private boolean expectingHeader = true;

    VertxDecoding(final Framing framing, final int maxFrame, final FrameSink<? super Buffer> sink)
    {
        this.maxFrame = maxFrame;
        this.sink = sink;
        this.parser = switch (framing)
        {
            case LINE -> RecordParser.newDelimited("\n", sink::payload).maxRecordSize(maxFrame);
            case LENGTH -> RecordParser.newFixed(HEADER_LENGTH, this::onLengthRecord);
            case RAW -> throw new IllegalArgumentException("raw has no frames to decode");
        };
    }

    @Override
    public void read(final byte[] bytes)
    {
        parser.handle(Buffer.buffer(bytes.length).appendBytes(bytes));
    }

    private void onLengthRecord(final Buffer record)
    {
        if (!expectingHeader)
        {
            expectingHeader = true;
            parser.fixedSizeMode(HEADER_LENGTH);
            sink.payload(record);
            return;
        }
        final long length = record.getUnsignedInt(0);
        if (length > maxFrame)
        {
            throw new IllegalStateException("frame of " + length + " bytes is over max-frame " + maxFrame);
        }
        if (length == 0)
        {
            sink.payload(Buffer.buffer(0)); // RecordParser has no zero-size records: the header is the frame
        }
        else
        {
            expectingHeader = false;
            parser.fixedSizeMode((int)length);
        }
    }
}
