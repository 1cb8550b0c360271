package io.ioarena.harness.suite;

import io.ioarena.contract.Mode;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuiteTest
{
    @Test
    void builtInSuitesLoadAndCoverEveryJavaVariant() throws Exception
    {
        final Map<String, Suite> suites = new LinkedHashMap<>();
        for (final String name : SuiteFiles.BUILT_IN)
        {
            final Suite s = SuiteFiles.load(name, Path.of("."));
            assertTrue(s.conformance(), name);
            suites.put(name, s);
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
    void capacitySuiteSearchesEchoAt16And1000ConnectionsAndRefusesClosedLoop() throws Exception
    {
        final Suite s = SuiteFiles.load("capacity", Path.of("."));
        assertEquals(CapacitySettings.DEFAULT, s.capacity(), "the built-in suite states the defaults");
        assertEquals(List.of(List.of(16), List.of(1000)), s.sweeps().stream().map(Sweep::connections).toList());
        final String closed = "{\"label\": \"c\", \"servers\": [\"selector\"], \"capacity\": {}, \"repetitions\": 1, " +
            "\"warmup\": \"0s\", \"duration\": \"1s\", \"conformance\": false, \"sweeps\": [{\"name\": \"m\", " +
            "\"workload\": \"echo\", \"framing\": \"line\", \"mode\": \"closed\", \"connections\": [1], \"sizes\": [1]}]}";
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SuiteFiles.read(
            new ByteArrayInputStream(closed.getBytes(StandardCharsets.UTF_8)), "c.json"));
        assertTrue(e.getMessage().contains("every sweep of a capacity suite must be open loop, not [m]"),
            e.getMessage());
        final IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> SuiteFiles.read(
            new ByteArrayInputStream(closed.replace("\"capacity\": {}", "\"capacity\": {\"p99s\": \"1ms\"}")
                .getBytes(StandardCharsets.UTF_8)), "c.json"));
        assertTrue(typo.getMessage().contains("unknown key \"p99s\" in capacity"), typo.getMessage());
    }

    @Test
    void fanoutSuiteSpansMembersAndRoomsWithTheCFloorFirst() throws Exception
    {
        final Suite s = SuiteFiles.load("fanout", Path.of("."));
        assertEquals("c-chat", s.servers().get(0), "the yardstick row comes first");
        assertTrue(s.foreign().get("c-chat").check().contains("--build"), "c-chat is built by its check");
        assertTrue(s.servers().containsAll(List.of("asyncore", "selector", "netty-epoll", "vertx-epoll")));
        final List<Integer> members = new ArrayList<>();
        final List<Integer> rooms = new ArrayList<>();
        for (final Sweep w : s.sweeps())
        {
            assertEquals(Service.CHAT, w.workload(), w.name() + ": c-chat serves chat only");
            assertEquals(Framing.LINE, w.framing(), w.name() + ": c-chat serves line framing only");
            w.connections().forEach(c -> members.add(c / w.rooms()));
            rooms.add(w.rooms());
        }
        assertTrue(members.containsAll(List.of(4, 16, 64, 256)), "members per room " + members);
        assertTrue(s.syscallCensus(), "the fan-out suite counts every system call");
        assertFalse(SuiteFiles.load("default", Path.of(".")).syscallCensus(), "its census runs cost time");
        assertEquals(1, rooms.stream().mapToInt(Integer::intValue).min().orElseThrow());
        assertEquals(64, rooms.stream().mapToInt(Integer::intValue).max().orElseThrow());
    }

    @Test
    void theConnectionsSuiteChurnsAtRatesAndAChurnPointSaysSo() throws Exception
    {
        final Suite s = SuiteFiles.load("connections", Path.of("."));
        final Sweep churn = s.sweeps().stream().filter(w -> w.mode() == Mode.CHURN).findFirst().orElseThrow();
        assertEquals(List.of(250.0, 500.0, 1000.0, 2000.0), churn.rates());
        assertEquals(null, churn.connections(), "its connections come and go");
        assertEquals(18_000, s.maxConnections(), "churn holds none at once");
        final List<PointSpec> points = churn.points("selector");
        assertEquals(4, points.size());
        assertTrue(points.stream().allMatch(PointSpec::churn));
        assertEquals("selector_churn_s64_churn500", points.get(1).key());
        assertEquals("echo/line churn 500 conn/s 64B", points.get(1).describeLoad());
        // a churn sweep reads back as itself (the manifest keeps the suite)
        final Suite again = SuiteFiles.read(new ByteArrayInputStream(io.ioarena.contract.ContractJson.bytes(s)),
            "manifest");
        assertEquals(s.sweeps(), again.sweeps());
        assertEquals(churn, churn.withConnections(List.of(5)), "--connections leaves a churn sweep as it is");
    }

    @Test
    void aBadChurnSweepIsNamed()
    {
        final IllegalArgumentException chat = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("c", Service.CHAT, Framing.LINE, Mode.CHURN, List.of(100.0), null, List.of(64), null, null));
        assertEquals("c: a churn sweep's workload must be echo (each connection sends one message and reads its "
            + "echo)", chat.getMessage());
        final IllegalArgumentException held = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("c", Service.ECHO, Framing.LINE, Mode.CHURN, List.of(100.0), List.of(16), List.of(64), null,
                null));
        assertTrue(held.getMessage().startsWith("c: a churn sweep takes no connections"), held.getMessage());
        final IllegalArgumentException rates = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("c", Service.ECHO, Framing.LINE, Mode.CHURN, List.of(), null, List.of(64), null, null));
        assertEquals("c: a churn sweep needs a non-empty list of positive rates (connection arrivals/s)",
            rates.getMessage());
        final IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
            () -> read(SUITE.formatted("", "").replace("\"closed\"", "\"churning\"")));
        assertTrue(mode.getMessage().contains("expected open, closed or churn"), mode.getMessage());
    }

    @Test
    void badSettingsAreNamed()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("x", Service.CHAT, Framing.RAW, Mode.OPEN, List.of(1.0), List.of(1), List.of(1), null, null));
        assertTrue(e.getMessage().contains("chat needs line or length"), e.getMessage());
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () ->
            new Suite("l", List.of("nope"), Map.of(), List.of(new Sweep("x", Service.ECHO, Framing.RAW, Mode.CLOSED, null, List.of(1),
                List.of(1), null, null)), 1, null, 1, "1s", "2s", null, null, null, true, null, null, null, null, null, null, null, null, null, null));
        assertTrue(unknown.getMessage().contains("server 'nope'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("warmup", "5 parsecs"));
        assertEquals(1500, Durations.parse("d", "1.5s").toMillis());
        assertEquals(120_000, Durations.parse("d", "2m").toMillis());
    }

    private static final String SUITE = """
        {"label": "l", "servers": ["selector"], %s
         "sweeps": [{"name": "e", "workload": "echo", "framing": "line", "mode": "closed", %s
                     "connections": [4], "sizes": [64]}],
         "repetitions": 1, "warmup": "0s", "duration": "1s", "conformance": false}
        """;

    private static Suite read(final String json) throws Exception
    {
        return SuiteFiles.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "s.json");
    }

    @Test
    void aSoakSuiteHoldsOpenLoopLoadsAndItsSettingsAreChecked() throws Exception
    {
        final Suite soak = SuiteFiles.load("soak", Path.of("."));
        assertEquals(SoakSettings.DEFAULT, soak.soak(), "the built-in soak states every default");
        assertEquals(10_000, soak.maxConnections());
        assertEquals(30, soak.measureTime().toMinutes() * soak.servers().size() * soak.sweeps().size(),
            "30 minutes measured in all: 3 a point over 5 servers and 2 sweeps");
        final IllegalArgumentException closed = assertThrows(IllegalArgumentException.class,
            () -> read(SUITE.formatted("\"soak\": {},", "")));
        assertTrue(closed.getMessage().contains("every sweep of a soak suite must be open loop, not [e]"),
            closed.getMessage());
        final IllegalArgumentException settle = assertThrows(IllegalArgumentException.class,
            () -> read(SUITE.formatted("\"soak\": {\"settle\": 1.5},", "")));
        assertTrue(settle.getMessage().contains("soak.settle must be a share from 0 to below 1"), settle.getMessage());
        final IllegalArgumentException window = assertThrows(IllegalArgumentException.class,
            () -> read(SUITE.formatted("\"soak\": {\"p99Window\": \"soon\"},", "")));
        assertTrue(window.getMessage().contains("soak.p99Window"), window.getMessage());
    }

    @Test
    void anUnknownKeyIsNamedWithTheKnownOnes() throws Exception
    {
        read(SUITE.formatted("", ""));
        final IllegalArgumentException top = assertThrows(IllegalArgumentException.class,
            () -> read(SUITE.formatted("\"repetiton\": 3,", "")));
        assertTrue(top.getMessage().startsWith("suite s.json: unknown key \"repetiton\"; the known keys are "),
            top.getMessage());
        assertTrue(top.getMessage().contains("repetitions, sampleInterval, seed, servers, soak, sweeps, syscallCensus, validity, warmup"),
            top.getMessage());
        final IllegalArgumentException sweep = assertThrows(IllegalArgumentException.class,
            () -> read(SUITE.formatted("", "\"rate\": [5],")));
        assertTrue(sweep.getMessage().startsWith("suite s.json: unknown key \"rate\" in sweeps[0]; the known keys are "),
            sweep.getMessage());
        assertTrue(sweep.getMessage().contains("inFlight, mode, name, rates, rooms, sizes, workload"),
            sweep.getMessage());
    }

    @Test
    void aBadValueIsNamedWithTheFile()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> read(SUITE.formatted("\"gc\": \"Epsilon\",", "")));
        assertEquals("suite s.json: gc must be ParallelGC, G1GC, ZGC, SerialGC or ShenandoahGC, not Epsilon",
            e.getMessage());
    }
}
