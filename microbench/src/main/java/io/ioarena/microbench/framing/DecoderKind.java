package io.ioarena.microbench.framing;

import io.ioarena.protocol.Framing;

import java.util.Locale;

/** The framing implementations compared, by their {@code @Param} name. */
public enum DecoderKind
{
    /** Our {@link io.ioarena.protocol.FrameDecoder} (selector and virtual-thread servers, load client). */
    HANDWRITTEN
    {
        @Override
        public ReadDecoder create(final Framing framing, final int maxFrame, final FrameSink<Object> sink)
        {
            return new HandWrittenDecoding(framing, maxFrame, sink);
        }
    },
    NETTY
    {
        @Override
        public ReadDecoder create(final Framing framing, final int maxFrame, final FrameSink<Object> sink)
        {
            return new NettyDecoding(framing, maxFrame, sink);
        }
    },
    VERTX
    {
        @Override
        public ReadDecoder create(final Framing framing, final int maxFrame, final FrameSink<Object> sink)
        {
            return new VertxDecoding(framing, maxFrame, sink);
        }
    };

    /**
     * A decoder for one connection in {@code framing} ({@code line} or {@code length}). The payloads {@code sink}
     * receives are a {@link java.nio.ByteBuffer} (between position and limit), a Netty {@code ByteBuf} or a Vert.x
     * {@code Buffer}, by kind.
     */
    public abstract ReadDecoder create(Framing framing, int maxFrame, FrameSink<Object> sink);

    public String paramName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DecoderKind fromParamName(final String name)
    {
        for (final DecoderKind kind : values())
        {
            if (kind.paramName().equals(name))
            {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown decoder '" + name + "' (expected handwritten, netty or vertx)");
    }
}
