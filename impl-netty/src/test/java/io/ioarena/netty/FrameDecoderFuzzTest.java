package io.ioarena.netty;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.conformance.DecoderFuzz;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * The Netty server's decoders against the reference model, both as echo uses them (whole frames) and as chat does
 * (payloads only), each chunk one {@code channelRead}.
 */
class FrameDecoderFuzzTest
{
    @Test
    void lineWholeFrames() throws Exception
    {
        DecoderFuzz.check("LineFrameDecoder(echo)", Framing.LINE,
            (framing, max, chunks) -> decode(new LineFrameDecoder(max, false), true, chunks));
    }

    @Test
    void linePayloads() throws Exception
    {
        DecoderFuzz.check("LineFrameDecoder(chat)", Framing.LINE,
            (framing, max, chunks) -> decode(new LineFrameDecoder(max, true), false, chunks));
    }

    @Test
    void lengthWholeFrames() throws Exception
    {
        DecoderFuzz.check("LengthFrameDecoder(echo)", Framing.LENGTH,
            (framing, max, chunks) -> decode(new LengthFrameDecoder(max, false), true, chunks));
    }

    @Test
    void lengthPayloads() throws Exception
    {
        DecoderFuzz.check("LengthFrameDecoder(chat)", Framing.LENGTH,
            (framing, max, chunks) -> decode(new LengthFrameDecoder(max, true), false, chunks));
    }

    private static DecoderFuzz.Observed decode(final ChannelHandler decoder, final boolean wholeFrames,
        final List<byte[]> chunks)
    {
        final EmbeddedChannel channel = new EmbeddedChannel(decoder);
        final List<byte[]> frames = new ArrayList<>();
        boolean tooLarge = false;
        try
        {
            for (final byte[] chunk : chunks)
            {
                try
                {
                    channel.writeInbound(Unpooled.wrappedBuffer(chunk));
                }
                catch (final TooLongFrameException e)
                {
                    // ClosePolicy closes the connection here; the decoder must pass nothing on from now on either
                    tooLarge = true;
                }
                for (ByteBuf frame = channel.readInbound(); frame != null; frame = channel.readInbound())
                {
                    frames.add(ByteBufUtil.getBytes(frame));
                    frame.release();
                }
            }
            return new DecoderFuzz.Observed(frames, wholeFrames, tooLarge);
        }
        finally
        {
            channel.finishAndReleaseAll();
        }
    }
}
