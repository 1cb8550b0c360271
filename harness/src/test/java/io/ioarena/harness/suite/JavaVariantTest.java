package io.ioarena.harness.suite;

import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JavaVariantTest
{
    @Test
    void everyServersVariantsComeFromItsProvidersOptions()
    {
        assertEquals(List.of("selector", "netty-nio", "netty-epoll", "netty-io_uring", "vertx-nio", "vertx-epoll",
            "vertx-io_uring", "vthreads-virtual", "vthreads-platform"), Suite.JAVA_VARIANTS);
        final JavaVariant epoll = JavaVariant.named("netty-epoll").orElseThrow();
        assertEquals(new JavaVariant("netty-epoll", "impl-netty", "netty", List.of("--transport", "epoll")), epoll);
        assertEquals("impl-virtualthreads", JavaVariant.named("vthreads-platform").orElseThrow().module());
        assertEquals(List.of(), JavaVariant.named("selector").orElseThrow().options());
    }

    @Test
    void severalOptionsMakeEveryCombination()
    {
        final ServerProvider two = new ServerProvider()
        {
            @Override
            public String name()
            {
                return "x";
            }

            @Override
            public Map<String, List<String>> options()
            {
                return Map.of("transport", List.of("nio", "epoll"), "thread-kind", List.of("virtual", "platform"));
            }

            @Override
            public RunningServer start(final ServerConfig config)
            {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals(List.of("x-virtual-nio", "x-virtual-epoll", "x-platform-nio", "x-platform-epoll"),
            JavaVariant.of(two, "impl-x").stream().map(JavaVariant::name).toList());
        assertEquals(List.of("--thread-kind", "platform", "--transport", "epoll"),
            JavaVariant.of(two, "impl-x").get(3).options());
    }
}
