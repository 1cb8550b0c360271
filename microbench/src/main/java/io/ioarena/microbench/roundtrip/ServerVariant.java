package io.ioarena.microbench.roundtrip;

import io.ioarena.protocol.launch.InProcessLauncher;
import io.ioarena.protocol.launch.LaunchedServer;
import io.ioarena.protocol.spi.ServerProvider;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A server of the round-trip group by its {@code @Param} name: the provider name, then optionally {@code -} and the
 * value of the provider's one implementation option ({@code netty-io_uring} is {@code netty --transport io_uring},
 * {@code vthreads-platform} is {@code vthreads --thread-kind platform}). Providers are looked up at run time, so a
 * server that is not built fails its own parameter with a message, not the build.
 */
public record ServerVariant(String provider, String optionValue)
{
    public static ServerVariant parse(final String name)
    {
        final int dash = name.indexOf('-');
        return dash < 0
            ? new ServerVariant(name, null)
            : new ServerVariant(name.substring(0, dash), name.substring(dash + 1));
    }

    /** Starts this server in this JVM with {@code args} (after the variant's own option). */
    public LaunchedServer launch(final List<String> args) throws Exception
    {
        final ServerProvider found = findProvider();
        return new InProcessLauncher(found, optionArgs(found)).launch(args);
    }

    private ServerProvider findProvider()
    {
        final List<ServerProvider> all = ServiceLoader.load(ServerProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
        return all.stream()
            .filter(p -> p.name().equals(provider))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no server provider named '" + provider
                + "' on the class path (found " + all.stream().map(ServerProvider::name).toList()
                + "): is its module built?"));
    }

    private List<String> optionArgs(final ServerProvider found)
    {
        if (optionValue == null)
        {
            return List.of();
        }
        final Map<String, List<String>> options = found.options();
        if (options.size() != 1)
        {
            throw new IllegalStateException("'" + provider + "-" + optionValue + "': the " + provider
                + " server has " + options.size() + " implementation options " + options.keySet()
                + ", so the value after '-' names none");
        }
        return List.of("--" + options.keySet().iterator().next(), optionValue);
    }
}
