package io.ioarena.netty;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.chat.ChatSession;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerCounters;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds the pipeline of every accepted connection, after counting it against {@code --max-connections}:
 * <pre>
 * echo raw:    ReadThrottle, EchoHandler, ClosePolicy
 * echo line:   ReadThrottle, LineFrameDecoder (whole frames), EchoHandler, ClosePolicy
 * echo length: ReadThrottle, LengthFrameDecoder (whole frames), EchoHandler, ClosePolicy
 * chat:        ReadThrottle, Line/LengthFrameDecoder (payloads), ChatHandler, ClosePolicy
 * over limit:  Refusal
 * </pre>
 * Sharable handlers are created once per server; decoders and chat state once per connection.
 */
final class ConnectionInitializer extends ChannelInitializer<Channel>
{
    private final ServerConfig config;
    private final ServerCounters counters;
    private final ChannelGroup connections;
    private final ChatRooms rooms;
    private final Frames frames;
    private final ReadThrottle readThrottle;
    private final ClosePolicy closePolicy;
    private final Refusal refusal;
    private final ChannelFutureListener countClose;

    ConnectionInitializer(
        final ServerConfig config, final ServerCounters counters, final ChannelGroup connections,
        final AtomicBoolean stopping)
    {
        this.config = config;
        this.counters = counters;
        this.connections = connections;
        this.rooms = new ChatRooms(config.maxOutbound(), counters);
        this.frames = new Frames(config.framing());
        this.readThrottle = new ReadThrottle(stopping);
        this.closePolicy = new ClosePolicy(frames);
        this.refusal = new Refusal(frames);
        this.countClose = future -> counters.connectionClosed();
    }

    @Override
    protected void initChannel(final Channel channel)
    {
        connections.add(channel); // for graceful shutdown; leaves the group by itself when closed
        final ChannelPipeline pipeline = channel.pipeline();
        if (!counters.tryOpenConnection())
        {
            pipeline.addLast(refusal);
            return;
        }
        channel.closeFuture().addListener(countClose);
        if (config.service() == Service.CHAT)
        {
            pipeline.addLast(readThrottle, decoder(true), new ChatHandler(
                new ChatSession(config.maxRooms(), counters), new ChatMember(channel), rooms, frames));
        }
        else if (config.framing() == Framing.RAW)
        {
            pipeline.addLast(readThrottle, EchoHandler.INSTANCE);
        }
        else
        {
            pipeline.addLast(readThrottle, decoder(false), EchoHandler.INSTANCE);
        }
        pipeline.addLast(closePolicy);
    }

    /** @param payloadOnly strip the framing bytes (chat), or keep whole frames (echo writes them back as they are). */
    private ChannelHandler decoder(final boolean payloadOnly)
    {
        return config.framing() == Framing.LINE
            ? new LineFrameDecoder(config.maxFrame(), payloadOnly)
            : new LengthFrameDecoder(config.maxFrame(), payloadOnly);
    }
}
