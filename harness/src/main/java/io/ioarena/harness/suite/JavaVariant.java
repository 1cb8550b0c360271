package io.ioarena.harness.suite;

import io.ioarena.protocol.spi.ServerProvider;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * A Java server variant this repository builds: its name in suites and results, the module that holds it, the
 * provider {@code ServerMain --impl} selects, and the options that make the variant.
 */
public record JavaVariant(String name, String module, String impl, List<String> options)
{
    /**
     * Every variant of every server provider on the class path, in its order (harness/pom.xml's): a provider without
     * options is one variant named after it; otherwise one per value of its options ({@code netty-epoll}).
     */
    public static final List<JavaVariant> ALL = ServiceLoader.load(ServerProvider.class).stream()
        .map(ServiceLoader.Provider::get).flatMap(p -> of(p, moduleOf(p.getClass())).stream()).toList();

    public static Optional<JavaVariant> named(final String name)
    {
        return ALL.stream().filter(v -> v.name.equals(name)).findFirst();
    }

    /** The variants of one provider: the cross product of its options' values, in their order. */
    static List<JavaVariant> of(final ServerProvider provider, final String module)
    {
        List<JavaVariant> variants = List.of(new JavaVariant(provider.name(), module, provider.name(), List.of()));
        for (final Map.Entry<String, List<String>> option : new TreeMap<>(provider.options()).entrySet())
        {
            final List<JavaVariant> more = new ArrayList<>();
            for (final JavaVariant v : variants)
            {
                for (final String value : option.getValue())
                {
                    final List<String> flags = new ArrayList<>(v.options());
                    flags.addAll(List.of("--" + option.getKey(), value));
                    more.add(new JavaVariant(v.name() + "-" + value, module, v.impl(), List.copyOf(flags)));
                }
            }
            variants = more;
        }
        return variants;
    }

    /**
     * The module a class was built in: the folder above {@code target/classes}, or a jar's artifact id (modules are
     * named after their artifacts).
     */
    static String moduleOf(final Class<?> type)
    {
        try
        {
            final Path p = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(p))
            {
                return p.getParent().getParent().getFileName().toString();
            }
            return p.getFileName().toString().replaceFirst("-\\d[^/]*\\.jar$", "");
        }
        catch (final URISyntaxException | RuntimeException e)
        {
            throw new IllegalStateException("cannot tell which module holds " + type.getName() + ": " + e, e);
        }
    }
}
