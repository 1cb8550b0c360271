package io.ioarena.protocol.server;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerCommandLineTest
{
    private static ServerProvider provider(final Map<String, List<String>> options)
    {
        return new ServerProvider()
        {
            @Override
            public String name()
            {
                return "fake";
            }

            @Override
            public Map<String, List<String>> options()
            {
                return options;
            }

            @Override
            public RunningServer start(final ServerConfig config)
            {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static final ServerProvider PLAIN = provider(Map.of());
    private static final ServerProvider TRANSPORTS = provider(Map.of("transport", List.of("nio", "epoll")));

    @Test
    void defaultsAreTheSpecsAndLoopbackOnly() throws Exception
    {
        final ServerConfig c = ServerCommandLine.parse(PLAIN, List.of());
        assertEquals("127.0.0.1", c.host());
        assertEquals(0, c.port());
        assertEquals(Service.ECHO, c.service());
        assertEquals(Framing.LINE, c.framing());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.eventLoops());
        assertEquals(65536, c.maxFrame());
        assertEquals(10000, c.maxConnections());
        assertEquals(16, c.maxRooms());
        assertEquals(65536, c.highWater());
        assertEquals(32768, c.lowWater());
        assertEquals(1048576, c.maxOutbound());
        assertEquals(Map.of(), c.implOptions());
    }

    @Test
    void implOptionsTakeTheFirstValueAsDefault() throws Exception
    {
        assertEquals("nio", ServerCommandLine.parse(TRANSPORTS, List.of()).implOption("transport", null));
        assertEquals("epoll", ServerCommandLine.parse(TRANSPORTS, List.of("--transport", "epoll")).implOptions()
            .get("transport"));
    }

    private static String error(final ServerProvider p, final String... args)
    {
        return assertThrows(UsageException.class, () -> ServerCommandLine.parse(p, List.of(args))).getMessage();
    }

    @Test
    void badValuesNameTheFlag()
    {
        assertTrue(error(PLAIN, "--transport", "epoll").contains("--transport is not supported by the fake server"));
        assertTrue(error(PLAIN, "--threads", "platform").contains("--thread-kind is not supported by the fake server"),
            "--threads is the old name of --thread-kind");
        assertTrue(error(TRANSPORTS, "--transport", "kqueue").contains("--transport must be one of [nio, epoll]"));
        assertTrue(error(PLAIN, "--service", "chat", "--framing", "raw").contains("--framing raw"));
        assertTrue(error(PLAIN, "--service", "ftp").startsWith("--service"));
        assertTrue(error(PLAIN, "--port", "70000").startsWith("--port"));
        assertTrue(error(PLAIN, "--event-loops", "0").startsWith("--event-loops"));
        assertTrue(error(PLAIN, "--high-water", "100", "--max-outbound", "99").startsWith("--max-outbound"));
        assertTrue(error(PLAIN, "--max-frame", "ten").contains("--max-frame"));
        assertTrue(error(PLAIN, "--bogus").contains("--bogus"));
    }

    @Test
    void readyLineRoundTrips()
    {
        final ReadyLine line = new ReadyLine(1, "x", "x-nio", "127.0.0.1", 4242, 7, "echo", "line", 2,
            Map.of("maxFrame", 65536), "x-loop-.*");
        assertTrue(line.format().startsWith("IOARENA-READY {"));
        assertEquals(line, ReadyLine.parse(line.format()).orElseThrow());
        final ReadyLine foreign = new ReadyLine(1, "x", "x", "127.0.0.1", 4242, 7, "echo", "line", 1, Map.of(), null);
        assertFalse(foreign.format().contains("eventLoopThreads"), "optional: left out when the server names none");
        assertEquals(foreign, ReadyLine.parse(foreign.format()).orElseThrow());
        assertTrue(ReadyLine.parse("# something else").isEmpty());
    }
}
