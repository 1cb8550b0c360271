package io.ioarena.protocol.launch;

import io.ioarena.protocol.server.ReadyLine;
import io.ioarena.protocol.server.ServerCommandLine;
import io.ioarena.protocol.server.ServerMain;
import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerProvider;

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
                final Runtime runtime = Runtime.getRuntime();
                System.gc();
                return OptionalLong.of(runtime.totalMemory() - runtime.freeMemory());
            }

            @Override
            public void stop()
            {
                server.stop();
            }
        };
    }
}
