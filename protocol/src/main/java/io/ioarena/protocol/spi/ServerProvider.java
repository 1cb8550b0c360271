package io.ioarena.protocol.spi;

import java.util.List;
import java.util.Map;

/**
 * One server implementation, found through {@link java.util.ServiceLoader}: each implementation module lists its
 * provider in {@code META-INF/services/io.ioarena.protocol.spi.ServerProvider}.
 */
public interface ServerProvider
{
    /** Short name used by {@code --impl} and in results: {@code selector}, {@code netty}, ... */
    String name();

    /**
     * The implementation-specific options this server accepts (PROTOCOL.md section 8: {@code transport},
     * {@code threads}), each with its allowed values, the first being the default. Any other option is rejected.
     */
    default Map<String, List<String>> options()
    {
        return Map.of();
    }

    /**
     * Starts listening and returns once the server accepts connections. Throws with the cause when it cannot start
     * (port in use, a native transport that cannot load): never falls back to something else silently.
     */
    RunningServer start(ServerConfig config) throws Exception;
}
