package io.ioarena.netty;

import io.ioarena.protocol.server.ServerCommandLine;
import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerProvider;

import java.util.List;
import java.util.Map;

/**
 * The Netty 4.2 server. {@code --transport} picks the I/O transport: {@code nio} (the default: it runs on every
 * JVM, so a server started without the flag never fails for want of a native library), {@code epoll} or
 * {@code io_uring}. A native transport that cannot load makes {@link #start} fail with the cause; there is no
 * fallback.
 */
public final class NettyServerProvider implements ServerProvider
{
    public static final String NAME = "netty";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Map<String, List<String>> options()
    {
        return Map.of(ServerCommandLine.TRANSPORT, NettyTransport.cliNames());
    }

    @Override
    public RunningServer start(final ServerConfig config) throws Exception
    {
        final NettyTransport transport =
            NettyTransport.fromCliName(config.implOption(ServerCommandLine.TRANSPORT, NettyTransport.NIO.cliName()));
        return NettyServer.start(config, transport);
    }
}
