package io.ioarena.protocol.spi;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;

import java.util.Map;
import java.util.Optional;

/**
 * Everything a server is started with: the flags of PROTOCOL.md section 8, parsed and validated by
 * {@link io.ioarena.protocol.server.ServerCommandLine}. The defaults live here, once.
 *
 * @param implOptions the implementation-specific flags given ({@code transport}, {@code threads}), already checked
 *                    against {@link ServerProvider#options()}; absent ones take the provider's default.
 */
public record ServerConfig(
    String host,
    int port,
    Service service,
    Framing framing,
    int eventLoops,
    int maxFrame,
    int maxConnections,
    int maxRooms,
    int highWater,
    int maxOutbound,
    long shutdownGraceMillis,
    Map<String, String> implOptions)
{
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 0;
    public static final int DEFAULT_MAX_FRAME = 65536;
    public static final int DEFAULT_MAX_CONNECTIONS = 10000;
    public static final int DEFAULT_MAX_ROOMS = 16;
    public static final int DEFAULT_HIGH_WATER = 65536;
    public static final int DEFAULT_MAX_OUTBOUND = 1048576;
    public static final long DEFAULT_SHUTDOWN_GRACE_MILLIS = 5000;

    public ServerConfig
    {
        implOptions = Map.copyOf(implOptions);
    }

    /** Reading resumes when pending outbound bytes drop to this (PROTOCOL.md section 3). */
    public int lowWater()
    {
        return highWater / 2;
    }

    /** The value of an implementation-specific option, or {@code defaultValue} when it was not given. */
    public String implOption(final String name, final String defaultValue)
    {
        return Optional.ofNullable(implOptions.get(name)).orElse(defaultValue);
    }
}
