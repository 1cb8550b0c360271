package io.ioarena.harness.suite;

import java.util.List;
import java.util.Optional;

/**
 * A Java server variant this repository builds: its name in suites and results, the module that holds it, the
 * provider {@code ServerMain --impl} selects, and the option that makes the variant.
 */
public record JavaVariant(String name, String module, String impl, List<String> options)
{
    /** Every variant, in the order the matrix shows them. */
    public static final List<JavaVariant> ALL = List.of(
        new JavaVariant("selector", "impl-selector", "selector", List.of()),
        new JavaVariant("netty-nio", "impl-netty", "netty", List.of("--transport", "nio")),
        new JavaVariant("netty-epoll", "impl-netty", "netty", List.of("--transport", "epoll")),
        new JavaVariant("netty-io_uring", "impl-netty", "netty", List.of("--transport", "io_uring")),
        new JavaVariant("vertx-nio", "impl-vertx", "vertx", List.of("--transport", "nio")),
        new JavaVariant("vertx-epoll", "impl-vertx", "vertx", List.of("--transport", "epoll")),
        new JavaVariant("vertx-io_uring", "impl-vertx", "vertx", List.of("--transport", "io_uring")),
        new JavaVariant("vthreads-virtual", "impl-virtualthreads", "vthreads", List.of("--threads", "virtual")),
        new JavaVariant("vthreads-platform", "impl-virtualthreads", "vthreads", List.of("--threads", "platform")));

    public static Optional<JavaVariant> named(final String name)
    {
        return ALL.stream().filter(v -> v.name.equals(name)).findFirst();
    }
}
