package io.ioarena.protocol.launch;

import io.ioarena.protocol.server.ReadyLine;
import io.ioarena.protocol.server.ServerCommandLine;
import io.ioarena.protocol.server.ServerMain;
import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerProvider;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Starts servers in this JVM through their provider: fast, and what each implementation module's tests use. */
public final class InProcessLauncher implements ServerLauncher
{
    private final ServerProvider provider;
    private final List<String> fixedArgs;

    /** @param fixedArgs flags every launch gets, such as {@code --transport epoll}. */
    public InProcessLauncher(final ServerProvider provider, final List<String> fixedArgs)
    {
        this.provider = provider;
        this.fixedArgs = List.copyOf(fixedArgs);
    }

    @Override
    public String describe()
    {
        return provider.name() + (fixedArgs.isEmpty() ? "" : " " + String.join(" ", fixedArgs)) + " (in-process)";
    }

    /**
     * Heap in use after a GC, plus NIO direct buffers: a server buffering for a slow client shows up in one of them.
     * (Netty's pooled direct arenas hold memory the JDK does not count; the kit's behavioural checks cover those.)
     */
    static long heapAndDirectBytesInUse()
    {
        System.gc();
        final Runtime runtime = Runtime.getRuntime();
        long direct = 0;
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            direct += Math.max(0, pool.getMemoryUsed());
        }
        return runtime.totalMemory() - runtime.freeMemory() + direct;
    }

    @Override
    public LaunchedServer launch(final List<String> args) throws Exception
    {
        final List<String> all = new ArrayList<>(fixedArgs);
        all.addAll(args);
        final ServerConfig config = ServerCommandLine.parse(provider, all);
        final RunningServer server = provider.start(config);
        final ReadyLine ready = ServerMain.readyLine(provider, config, server);
        return new LaunchedServer()
        {
            @Override
            public ReadyLine ready()
            {
                return ready;
            }

            @Override
            public OptionalLong memoryBytes()
            {
                return OptionalLong.of(heapAndDirectBytesInUse());
            }

            @Override
            public void stop()
            {
                server.stop();
            }
        };
    }
}
