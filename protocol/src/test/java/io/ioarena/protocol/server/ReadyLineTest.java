package io.ioarena.protocol.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadyLineTest
{
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static ReadyLine line(final Map<String, Object> settings, final String eventLoopThreads)
    {
        return new ReadyLine(ReadyLine.PROTOCOL_VERSION, "netty", "netty-epoll", "127.0.0.1", 40123, 4_000_000_123L,
            "chat", "line", 2, settings, eventLoopThreads);
    }

    private static Map<String, Object> everyKind()
    {
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("maxFrame", 65536);
        s.put("maxOutbound", 1L << 40);
        s.put("tcpNoDelay", true);
        s.put("ratio", 0.25);
        s.put("tiny", 1e-7);
        s.put("notANumber", Double.NaN);
        s.put("acceptor", "on reactor 0, \"round-robin\" \\ hand-off\n\tnext line");
        s.put("java.vm.name", "OpenJDK 64-Bit Server VM \u00e9\u2028\u0001");
        s.put("empty", List.of());
        s.put("groups", List.of(1, "two", List.of(3)));
        s.put("nested", Map.of("a", false));
        s.put("emptyMap", Map.of());
        s.put("missing", null);
        return s;
    }

    @Test
    void theHandWrittenLineIsTheJsonJacksonWrites() throws Exception
    {
        final ReadyLine ready = line(everyKind(), "epollEventLoopGroup-\\d+-\\d+");
        final String formatted = ready.format();
        assertTrue(formatted.startsWith(ReadyLine.PREFIX));
        final String json = formatted.substring(ReadyLine.PREFIX.length());
        assertEquals(JACKSON.readTree(JACKSON.writeValueAsString(ready)), JACKSON.readTree(json));
        assertFalse(json.contains("\n"), "one line");
        assertTrue(json.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), "printable ASCII only: " + json);
    }

    @Test
    void aLineReadsBackAsTheSameRecord()
    {
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("maxFrame", 65536);
        settings.put("transport", "epoll");
        settings.put("tcpNoDelay", true);
        final ReadyLine ready = line(settings, "epollEventLoopGroup-\\d+-\\d+");
        assertEquals(ready, ReadyLine.parse(ready.format()).orElseThrow());
    }

    @Test
    void withoutEventLoopThreadsTheMemberIsLeftOut()
    {
        final String formatted = line(Map.of("maxFrame", 65536), null).format();
        assertFalse(formatted.contains("eventLoopThreads"), formatted);
        assertEquals(null, ReadyLine.parse(formatted).orElseThrow().eventLoopThreads());
    }

    @Test
    void aSettingOfAnotherKindIsRefusedByName()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> line(Map.of("when", new Object()), null).format());
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }

    @Test
    void otherOutputIsNoReadinessLine()
    {
        assertTrue(ReadyLine.parse("# maxFrame = 65536").isEmpty());
    }
}
