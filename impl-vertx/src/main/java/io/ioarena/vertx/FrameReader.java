package io.ioarena.vertx;

import io.ioarena.protocol.Framing;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

/**
 * Splits one connection's inbound bytes into frame payloads with Vert.x's {@link RecordParser} (PROTOCOL.md section
 * 2): delimited by {@code \n} for {@code line}, a fixed 4-byte header then a fixed-size body for {@code length}.
 *
 * <p>The parser is fed by the connection ({@code handle}), not attached to the socket as a stream: attached, it
 * would resume the socket whenever it wants more bytes and so override the connection's back-pressure pause.
 */
final class FrameReader implements Handler<Buffer>
{
    /** Receives what the reader finds, in stream order. */
    interface Listener
    {
        /** One complete payload; the buffer is the listener's to keep or modify. */
        void onFrame(Buffer payload);

        /** A frame over {@code --max-frame}: nothing of it was passed on, and nothing after it will be. */
        void onFrameTooLarge();
    }

    private static final int HEADER_BYTES = 4;

    private final RecordParser parser;
    private final int maxFrame;
    private final Listener listener;
    private boolean expectingHeader = true;
    private boolean failed;

    private FrameReader(final Framing framing, final int maxFrame, final Listener listener)
    {
        this.maxFrame = maxFrame;
        this.listener = listener;
        if (framing == Framing.LINE)
        {
            // maxRecordSize is checked after every parsed chunk against the bytes left unparsed, which hold no
            // newline: so it fires exactly when more than max-frame bytes have arrived without one. A payload of
            // exactly max-frame bytes is accepted. A complete over-long line inside one chunk is emitted as a
            // record instead; onLine catches that. RecordParser strips the delimiter only, so '\r' stays payload.
            this.parser = RecordParser.newDelimited("\n", this::onLine).maxRecordSize(maxFrame);
            this.parser.exceptionHandler(tooLong -> fail());
        }
        else
        {
            this.parser = RecordParser.newFixed(HEADER_BYTES, this::onLengthRecord);
        }
    }

    /** A reader for {@code line} or {@code length}; {@code raw} has no frames. */
    static FrameReader create(final Framing framing, final int maxFrame, final Listener listener)
    {
        if (framing == Framing.RAW)
        {
            throw new IllegalArgumentException("raw has no frames to read");
        }
        return new FrameReader(framing, maxFrame, listener);
    }

    @Override
    public void handle(final Buffer chunk)
    {
        if (!failed)
        {
            parser.handle(chunk);
        }
    }

    private void onLine(final Buffer line)
    {
        if (failed)
        {
            return;
        }
        if (line.length() > maxFrame)
        {
            fail();
            return;
        }
        listener.onFrame(line);
    }

    private void onLengthRecord(final Buffer record)
    {
        if (failed)
        {
            return;
        }
        if (!expectingHeader)
        {
            expectingHeader = true;
            parser.fixedSizeMode(HEADER_BYTES);
            listener.onFrame(record);
            return;
        }
        final long length = record.getUnsignedInt(0);
        if (length > maxFrame)
        {
            fail(); // refused on the header alone, before any payload is read
        }
        else if (length == 0)
        {
            // RecordParser has no zero-size records (fixedSizeMode(0) throws): the header completes the frame.
            listener.onFrame(Buffer.buffer(0));
        }
        else
        {
            expectingHeader = false;
            parser.fixedSizeMode((int)length);
        }
    }

    private void fail()
    {
        if (!failed)
        {
            failed = true;
            listener.onFrameTooLarge();
        }
    }
}
