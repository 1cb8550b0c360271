package io.ioarena.vertx;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.spi.ServerConfig;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/** The echo service (PROTOCOL.md section 3): every frame back unchanged, in order; in {@code raw}, every byte. */
final class EchoConnection extends Connection implements FrameReader.Listener
{
    private final Frames frames;
    /** Null in {@code raw}, which has no frames. */
    private final FrameReader reader;

    EchoConnection(final NetSocket socket, final Context context, final ConnectionOwner owner, final Frames frames,
        final ServerConfig config)
    {
        super(socket, context, owner, config);
        this.frames = frames;
        this.reader = frames.framing() == Framing.RAW ? null
            : FrameReader.create(frames.framing(), config.maxFrame(), this);
    }

    @Override
    protected void onChunk(final Buffer chunk)
    {
        if (reader == null)
        {
            send(chunk); // Vert.x hands every read over as a heap copy of its own, ours to write back
        }
        else
        {
            reader.handle(chunk);
        }
    }

    @Override
    public void onFrame(final Buffer payload)
    {
        send(frames.echo(payload));
    }

    @Override
    public void onFrameTooLarge()
    {
        send(frames.frameTooLarge());
        closeGracefully();
    }
}
