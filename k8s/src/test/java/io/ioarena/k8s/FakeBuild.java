package io.ioarena.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A checkout that looks built, for rendering without a build: every module the harness launches has its
 * {@code target/classes} and a {@code runtime-classpath.txt} pointing into a Maven repository beside it.
 */
final class FakeBuild
{
    static final List<String> MODULES = List.of("impl-selector", "impl-netty", "impl-vertx", "impl-virtualthreads",
        "load-client");

    private FakeBuild()
    {
    }

    /** Lays out {@code root}/repo (the checkout) and {@code root}/m2 (its Maven repository). */
    static ImagePaths under(final Path root) throws IOException
    {
        final Path repo = root.resolve("repo");
        final Path m2 = root.resolve("m2");
        for (final String module : MODULES)
        {
            final Path target = repo.resolve(module).resolve("target");
            Files.createDirectories(target.resolve("classes"));
            Files.writeString(target.resolve("runtime-classpath.txt"), m2.resolve("io/netty/netty-common.jar") + ":" +
                m2.resolve("org/hdrhistogram/HdrHistogram.jar"));
        }
        return new ImagePaths(repo, m2);
    }

    /** A module's class path as the image has it. */
    static String imageClassPath(final String module)
    {
        return "/ioarena/" + module + "/target/classes:/ioarena/.m2/repository/io/netty/netty-common.jar:" +
            "/ioarena/.m2/repository/org/hdrhistogram/HdrHistogram.jar";
    }
}
