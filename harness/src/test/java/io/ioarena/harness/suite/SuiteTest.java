package io.ioarena.harness.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ioarena.harness.BenchMain;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuiteTest
{
    @Test
    void builtInSuitesLoadAndCoverEveryJavaVariant() throws Exception
    {
        final Map<String, Suite> suites = new LinkedHashMap<>();
        for (final String name : List.of("default", "quick", "transports", "full"))
        {
            try (InputStream in = BenchMain.class.getResourceAsStream("/suites/" + name + ".json"))
            {
                final Suite s = new ObjectMapper().readValue(in, Suite.class);
                assertTrue(s.conformance(), name);
                suites.put(name, s);
            }
        }
        assertTrue(suites.get("full").servers().containsAll(Suite.JAVA_VARIANTS), "full");
        assertTrue(suites.get("full").servers().contains("asyncore"), "full");
        // the default suite: one variant per model and the asyncore row; the other transports in their own suite
        assertEquals(List.of("selector", "netty-epoll", "vertx-epoll", "vthreads-virtual", "vthreads-platform",
            "asyncore"), suites.get("default").servers());
        final Set<String> both = new HashSet<>(suites.get("default").servers());
        both.addAll(suites.get("transports").servers());
        assertTrue(both.containsAll(Suite.JAVA_VARIANTS), "default and transports together cover every variant");
        // enough repetitions for a 94% interval, windows long enough to hold a stall and its recovery
        assertTrue(suites.get("default").repetitions() >= 5, "default repetitions");
        assertTrue(suites.get("default").measureTime().toSeconds() >= 5, "default window");
    }

    @Test
    void fanoutSuiteSpansMembersAndRoomsWithTheCFloorFirst() throws Exception
    {
        try (InputStream in = BenchMain.class.getResourceAsStream("/suites/fanout.json"))
        {
            final Suite s = new ObjectMapper().readValue(in, Suite.class);
            assertEquals("c-chat", s.servers().get(0), "the yardstick row comes first");
            assertTrue(s.foreign().get("c-chat").check().contains("--build"), "c-chat is built by its check");
            assertTrue(s.servers().containsAll(List.of("asyncore", "selector", "netty-epoll", "vertx-epoll")));
            final List<Integer> members = new ArrayList<>();
            final List<Integer> rooms = new ArrayList<>();
            for (final Sweep w : s.sweeps())
            {
                assertEquals("chat", w.workload(), w.name() + ": c-chat serves chat only");
                assertEquals("line", w.framing(), w.name() + ": c-chat serves line framing only");
                w.connections().forEach(c -> members.add(c / w.rooms()));
                rooms.add(w.rooms());
            }
            assertTrue(members.containsAll(List.of(4, 16, 64, 256)), "members per room " + members);
            assertEquals(1, rooms.stream().mapToInt(Integer::intValue).min().orElseThrow());
            assertEquals(64, rooms.stream().mapToInt(Integer::intValue).max().orElseThrow());
        }
    }

    @Test
    void badSettingsAreNamed()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("x", "chat", "raw", "open", List.of(1.0), List.of(1), List.of(1), null, null));
        assertTrue(e.getMessage().contains("chat needs line or length"), e.getMessage());
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () ->
            new Suite("l", List.of("nope"), Map.of(), List.of(new Sweep("x", "echo", "raw", "closed", null, List.of(1),
                List.of(1), null, null)), 1, null, 1, "1s", "2s", null, null, null, true, null, null, null));
        assertTrue(unknown.getMessage().contains("server 'nope'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("warmup", "5 parsecs"));
        assertEquals(1500, Durations.parse("d", "1.5s").toMillis());
        assertEquals(120_000, Durations.parse("d", "2m").toMillis());
    }
}
