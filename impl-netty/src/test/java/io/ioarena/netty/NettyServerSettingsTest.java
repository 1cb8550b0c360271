package io.ioarena.netty;

import io.ioarena.protocol.launch.LaunchedServer;
import io.ioarena.protocol.server.ReadyLine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness line names the transport in use, and reports every knob in effect (PROTOCOL.md section 8). */
class NettyServerSettingsTest
{
    @Test
    void variantAndSettingsNameWhatRuns() throws Exception
    {
        try (LaunchedServer server = NettyLaunchers.inProcess(NettyTransport.NIO)
            .launch(List.of("--high-water", "4096", "--event-loops", "2")))
        {
            final ReadyLine ready = server.ready();
            assertEquals("netty-nio", ready.variant());
            assertEquals(2, ready.eventLoops());
            final Map<String, Object> s = ready.settings();
            assertEquals("nio", s.get("transport"));
            assertEquals("NioServerSocketChannel", s.get("serverChannel"));
            assertEquals("4.2.18.Final", s.get("nettyVersion"));
            assertEquals("pooled", s.get("allocator"));
            assertEquals("2048/4096", s.get("writeBufferWaterMark"));
            assertEquals("disabled", s.get("leakDetection")); // from the project's test JVM flags
            // The project's JVM flags turn Netty's Unsafe fast paths back on under JDK 25.
            assertEquals(true, s.get("unsafe"));
            assertTrue(s.containsKey("io.netty.noUnsafe"));
        }
    }
}
