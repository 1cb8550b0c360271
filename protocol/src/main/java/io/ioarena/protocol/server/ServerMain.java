package io.ioarena.protocol.server;

import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerProvider;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;

/**
 * The one {@code main} every Java server starts with: same flags, same readiness line, same shutdown. Exit status 0
 * after a graceful shutdown, 1 when the server cannot start, 2 for a bad command line.
 */
public final class ServerMain
{
    public static final int EXIT_FAILED_TO_START = 1;
    public static final int EXIT_USAGE = 2;

    private ServerMain()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final List<ServerProvider> providers = new ArrayList<>();
        ServiceLoader.load(ServerProvider.class).forEach(providers::add);

        final ServerCommandLine line;
        final ServerProvider provider;
        final ServerConfig config;
        try
        {
            line = ServerCommandLine.parseArgs(args);
            if (helpOrVersion(line, out, providers))
            {
                return 0;
            }
            provider = choose(providers, line.impl);
            config = line.toConfig(provider);
        }
        catch (final UsageException e)
        {
            err.println("ioarena-server: " + e.getMessage());
            err.println("Try --help.");
            return EXIT_USAGE;
        }

        final RunningServer server;
        try
        {
            server = provider.start(config);
        }
        catch (final Exception e)
        {
            err.println("ioarena-server: the " + provider.name() + " server failed to start: " + e);
            e.printStackTrace(err);
            return EXIT_FAILED_TO_START;
        }

        final CountDownLatch stopRequested = new CountDownLatch(1);
        ShutdownSignals.onTermination(stopRequested::countDown);

        final ReadyLine ready = readyLine(provider, config, server);
        ready.settings().forEach((k, v) -> out.println("# " + k + " = " + v));
        out.println(ready.format());
        out.flush();

        try
        {
            stopRequested.await();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        server.stop();
        out.println("# stopped gracefully; slow consumers closed: " + server.counters().slowConsumers());
        out.flush();
        return 0;
    }

    /** The readiness line for a started server: the config, the implementation's settings, and the JVM. */
    public static ReadyLine readyLine(final ServerProvider provider, final ServerConfig config, final RunningServer server)
    {
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("maxFrame", config.maxFrame());
        settings.put("maxConnections", config.maxConnections());
        settings.put("maxRooms", config.maxRooms());
        settings.put("highWater", config.highWater());
        settings.put("maxOutbound", config.maxOutbound());
        settings.put("shutdownGraceMillis", config.shutdownGraceMillis());
        settings.putAll(config.implOptions());
        settings.putAll(server.settings());
        settings.put("java.version", System.getProperty("java.version"));
        settings.put("java.vm.name", System.getProperty("java.vm.name"));
        return new ReadyLine(ReadyLine.PROTOCOL_VERSION, provider.name(), server.variant(), config.host(),
            server.port(), ProcessHandle.current().pid(), config.service().cliName(), config.framing().cliName(),
            config.eventLoops(), settings, server.eventLoopThreads());
    }

    private static boolean helpOrVersion(final ServerCommandLine line, final PrintStream out,
        final List<ServerProvider> all)
    {
        if (line.usageHelpRequested())
        {
            line.usage(out);
            out.println();
            out.println("Implementations on this class path:");
            for (final ServerProvider p : all)
            {
                out.println("  " + p.name() + (p.options().isEmpty() ? "" : "  options " + p.options() +
                    " (first value is the default)"));
            }
            return true;
        }
        if (line.versionHelpRequested())
        {
            out.println("ioarena-server, protocol version " + ReadyLine.PROTOCOL_VERSION);
            return true;
        }
        return false;
    }

    static ServerProvider choose(final List<ServerProvider> providers, final String impl) throws UsageException
    {
        final List<String> names = providers.stream().map(ServerProvider::name).toList();
        if (impl == null)
        {
            if (providers.size() == 1)
            {
                return providers.get(0);
            }
            throw new UsageException(providers.isEmpty() ? "no server implementation on the class path" :
                "--impl is needed to choose one of " + names);
        }
        return providers.stream().filter(p -> p.name().equals(impl)).findFirst()
            .orElseThrow(() -> new UsageException("--impl " + impl + " is not on the class path; found " + names));
    }
}
