package io.ioarena.protocol.server;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server command line of PROTOCOL.md section 8: every flag's name, default and meaning in one place, parsed
 * into a validated {@link ServerConfig}. Used by {@link ServerMain} and by in-process launchers, so a server started
 * either way is configured by the very same words.
 */
@Command(name = "ioarena-server", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Starts one ioarena server (PROTOCOL.md). Prints a line 'IOARENA-READY {json}' once listening; "
        + "SIGTERM or SIGINT shuts it down gracefully.")
public final class ServerCommandLine
{
    public static final String TRANSPORT = "transport";
    public static final String THREAD_KIND = "thread-kind";

    /** The parser that filled this object: it knows whether --help or --version was asked for. */
    private CommandLine parsed;

    @Option(names = "--impl", paramLabel = "<name>",
        description = "Implementation to run, when several are on the class path.")
    String impl;

    @Option(names = "--host", paramLabel = "<addr>", defaultValue = ServerConfig.DEFAULT_HOST,
        description = "Bind address (default: ${DEFAULT-VALUE}; loopback only unless you say otherwise).")
    String host;

    @Option(names = "--port", paramLabel = "<n>", defaultValue = "" + ServerConfig.DEFAULT_PORT,
        description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--service", paramLabel = "echo|chat", defaultValue = "echo",
        description = "Service (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--framing", paramLabel = "raw|line|length", defaultValue = "line",
        description = "Framing (default: ${DEFAULT-VALUE}); chat needs line or length.")
    String framing;

    @Option(names = "--event-loops", paramLabel = "<n>",
        description = "Event loops, reactors or carrier threads (default: available processors).")
    Integer eventLoops;

    @Option(names = "--max-frame", paramLabel = "<bytes>", defaultValue = "" + ServerConfig.DEFAULT_MAX_FRAME,
        description = "Largest payload a server accepts (default: ${DEFAULT-VALUE}).")
    int maxFrame;

    @Option(names = "--max-connections", paramLabel = "<n>",
        defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS,
        description = "Connections open at once; one more gets ERR SERVER_FULL (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-rooms", paramLabel = "<n>", defaultValue = "" + ServerConfig.DEFAULT_MAX_ROOMS,
        description = "Chat rooms one connection may be in (default: ${DEFAULT-VALUE}).")
    int maxRooms;

    @Option(names = "--high-water", paramLabel = "<bytes>", defaultValue = "" + ServerConfig.DEFAULT_HIGH_WATER,
        description = "Pending outbound bytes above which a connection is not read; resumes at half "
            + "(default: ${DEFAULT-VALUE}).")
    int highWater;

    @Option(names = "--max-outbound", paramLabel = "<bytes>",
        defaultValue = "" + ServerConfig.DEFAULT_MAX_OUTBOUND,
        description = "Pending outbound bytes above which a chat recipient is closed as a slow consumer "
            + "(default: ${DEFAULT-VALUE}).")
    int maxOutbound;

    @Option(names = "--shutdown-grace", paramLabel = "<ms>",
        defaultValue = "" + ServerConfig.DEFAULT_SHUTDOWN_GRACE_MILLIS,
        description = "How long a graceful shutdown may spend sending what is pending (default: ${DEFAULT-VALUE}).")
    long shutdownGraceMillis;

    @Option(names = "--transport", paramLabel = "<name>",
        description = "Implementation-specific transport (Netty, Vert.x: nio, epoll, io_uring).")
    String transport;

    @Option(names = {"--thread-kind", "--threads"}, paramLabel = "<kind>",
        description = "Implementation-specific thread kind (virtual threads server: virtual, platform). --threads: "
            + "its old name, kept for one release (the load client's --threads is a count).")
    String threadKind;

    /** Parses only: which {@code --impl} was asked for, if any, and whether help or version was asked. */
    static ServerCommandLine parseArgs(final String... args) throws UsageException
    {
        final ServerCommandLine line = new ServerCommandLine();
        try
        {
            line.parsed = new CommandLine(line);
            line.parsed.parseArgs(args);
        }
        catch (final CommandLine.ParameterException e)
        {
            throw new UsageException(e.getMessage());
        }
        return line;
    }

    boolean usageHelpRequested()
    {
        return parsed.isUsageHelpRequested();
    }

    boolean versionHelpRequested()
    {
        return parsed.isVersionHelpRequested();
    }

    void usage(final java.io.PrintStream out)
    {
        parsed.usage(out);
    }

    /** Parses and validates {@code args} for {@code provider}. */
    public static ServerConfig parse(final ServerProvider provider, final List<String> args) throws UsageException
    {
        return parseArgs(args.toArray(String[]::new)).toConfig(provider);
    }

    ServerConfig toConfig(final ServerProvider provider) throws UsageException
    {
        final Service svc = parseEnum("--service", () -> Service.fromCliName(service));
        final Framing frm = parseEnum("--framing", () -> Framing.fromCliName(framing));
        if (!svc.supports(frm))
        {
            throw new UsageException("--framing " + framing + " does not go with --service " + service +
                " (chat needs line or length)");
        }
        final int loops = eventLoops != null ? eventLoops : Runtime.getRuntime().availableProcessors();
        require(port >= 0 && port <= 65535, "--port must be 0 to 65535, not " + port);
        require(loops >= 1, "--event-loops must be at least 1, not " + loops);
        require(maxFrame >= 1, "--max-frame must be at least 1, not " + maxFrame);
        require(maxConnections >= 1, "--max-connections must be at least 1, not " + maxConnections);
        require(maxRooms >= 1, "--max-rooms must be at least 1, not " + maxRooms);
        require(highWater >= 2, "--high-water must be at least 2, not " + highWater);
        require(maxOutbound >= highWater,
            "--max-outbound (" + maxOutbound + ") must be at least --high-water (" + highWater + ")");
        require(shutdownGraceMillis >= 0, "--shutdown-grace must not be negative");

        final Map<String, String> implOptions = new LinkedHashMap<>();
        implOption(provider, TRANSPORT, transport, implOptions);
        implOption(provider, THREAD_KIND, threadKind, implOptions);
        return new ServerConfig(host, port, svc, frm, loops, maxFrame, maxConnections, maxRooms, highWater,
            maxOutbound, shutdownGraceMillis, implOptions);
    }

    private static void implOption(
        final ServerProvider provider, final String name, final String value, final Map<String, String> out)
        throws UsageException
    {
        final List<String> allowed = provider.options().get(name);
        if (allowed == null)
        {
            if (value != null)
            {
                throw new UsageException("--" + name + " is not supported by the " + provider.name() + " server");
            }
            return;
        }
        if (value != null && !allowed.contains(value))
        {
            throw new UsageException("--" + name + " must be one of " + allowed + " for the " + provider.name() +
                " server, not '" + value + "'");
        }
        out.put(name, value != null ? value : allowed.get(0));
    }

    private interface Parser<T>
    {
        T parse();
    }

    private static <T> T parseEnum(final String flag, final Parser<T> parser) throws UsageException
    {
        try
        {
            return parser.parse();
        }
        catch (final IllegalArgumentException e)
        {
            throw new UsageException(flag + ": " + e.getMessage());
        }
    }

    private static void require(final boolean condition, final String message) throws UsageException
    {
        if (!condition)
        {
            throw new UsageException(message);
        }
    }
}
