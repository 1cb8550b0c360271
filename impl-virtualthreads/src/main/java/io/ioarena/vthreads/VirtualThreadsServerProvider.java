package io.ioarena.vthreads;

import io.ioarena.protocol.server.ServerCommandLine;
import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerProvider;

import java.util.List;
import java.util.Map;

/**
 * {@code --impl vthreads}: blocking sockets, one thread per connection, on virtual threads ({@code --thread-kind
 * virtual}, the default) or platform threads ({@code --thread-kind platform}). Buffer sizes come from the
 * {@code ioarena.vthreads.*} system properties (see {@link Tuning}).
 */
public final class VirtualThreadsServerProvider implements ServerProvider
{
    static final String NAME = "vthreads";

    private final Tuning tuning;

    /** The ServiceLoader's constructor: buffer sizes from the system properties. */
    public VirtualThreadsServerProvider()
    {
        this(null);
    }

    /** With fixed buffer sizes, for tests; null reads the system properties at each start. */
    VirtualThreadsServerProvider(final Tuning tuning)
    {
        this.tuning = tuning;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Map<String, List<String>> options()
    {
        return Map.of(ServerCommandLine.THREAD_KIND, List.of(ThreadKind.VIRTUAL.cliName(), ThreadKind.PLATFORM.cliName()));
    }

    @Override
    public RunningServer start(final ServerConfig config) throws Exception
    {
        final ThreadKind kind = ThreadKind.fromCliName(config.implOption(ServerCommandLine.THREAD_KIND,
            ThreadKind.VIRTUAL.cliName()));
        return new BlockingServer(config, kind, tuning != null ? tuning : Tuning.fromSystemProperties());
    }
}
