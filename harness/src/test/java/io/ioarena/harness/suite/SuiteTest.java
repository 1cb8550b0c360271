package io.ioarena.harness.suite;

import io.ioarena.contract.Mode;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import org.junit.jupiter.api.Test;

import io.ioarena.harness.run.PointCommands;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
    void theConnectionsSuiteHoldsIdleConnectionsBesideTheSameActiveOnesAndAPointPassesItToTheClient() throws Exception
    {
        final Suite s = SuiteFiles.load("connections", Path.of("."));
        final Sweep idle = s.sweeps().stream().filter(w -> w.active() != null).findFirst().orElseThrow();
        assertEquals(List.of(100), idle.active());
        assertEquals(100, idle.connections().getFirst(), "the baseline: as many connections as active ones");
        assertTrue(idle.connections().contains(10_000) && idle.connections().contains(18_000), idle.connections().toString());
        final List<PointSpec> points = idle.points("selector");
        assertTrue(points.stream().allMatch(p -> p.active() == 100));
        final PointSpec tenK = points.stream().filter(p -> p.connections() == 10_000).findFirst().orElseThrow();
        assertEquals("selector_idle-connections_c10000_s64_r1000_a100", tenK.key());
        assertEquals("echo/line 1000 msg/s c10000 (100 active) 64B", tenK.describeLoad());
        final List<String> args = PointCommands.clientArgs(s, tenK, "127.0.0.1", 7000, Path.of("out"), "id", 1,
            Duration.ofSeconds(1), Duration.ofSeconds(5));
        final int at = args.indexOf("--active-connections");
        assertEquals("100", args.get(at + 1), args.toString());
        assertEquals("10000", args.get(args.indexOf("--connections") + 1));
        assertEquals("15000ms", args.get(args.indexOf("--connect-timeout") + 1), "1.5 ms a connection to prove it live");
        final List<String> baseline = PointCommands.clientArgs(s, points.getFirst(), "127.0.0.1", 7000, Path.of("out"),
            "id", 1, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertEquals("5000ms", baseline.get(baseline.indexOf("--connect-timeout") + 1), "never below the default");
        final PointSpec all = points.getFirst().withConnections(500).withRate(500);
        assertEquals(100, all.active(), "a probe at another rate or count keeps the active connections");
        assertFalse(PointCommands.clientArgs(s, new PointSpec("selector", "r", Service.ECHO, Framing.LINE, Mode.OPEN,
            500, 16, 64, 1, 1), "127.0.0.1", 7000, Path.of("out"), "id", 1, Duration.ofSeconds(1),
            Duration.ofSeconds(5)).contains("--active-connections"), "every connection carries the rate: no flag");
        final Suite again = SuiteFiles.read(new ByteArrayInputStream(io.ioarena.contract.ContractJson.bytes(s)),
            "manifest");
        assertEquals(s.sweeps(), again.sweeps(), "the manifest keeps it");
    }

    @Test
    void aBadActiveCountIsNamed()
    {
        final IllegalArgumentException over = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("i", Service.ECHO, Framing.LINE, Mode.OPEN, List.of(100.0), List.of(50, 1000), List.of(64), null,
                null, List.of(100), null, null));
        assertEquals("i: active must be a non-empty list of counts in 1..50 (the sweep's fewest connections)",
            over.getMessage());
        final IllegalArgumentException closed = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("i", Service.ECHO, Framing.LINE, Mode.CLOSED, null, List.of(1000), List.of(64), null, null,
                List.of(10), null, null));
        assertTrue(closed.getMessage().startsWith("i: active (connections that carry the rate"), closed.getMessage());
    }

    @Test
    void aLingerZeroChurnSweepClosesWithAResetAndOnlyThere() throws Exception
    {
        final Sweep fin = new Sweep("churn", Service.ECHO, Framing.LINE, Mode.CHURN, List.of(500.0), null, List.of(64),
            null, null, null, false, null);
        final Sweep reset = new Sweep("churn-linger0", Service.ECHO, Framing.LINE, Mode.CHURN, List.of(500.0), null,
            List.of(64), null, null, null, true, null);
        final Suite s = SuiteFiles.load("connections", Path.of(".")).withSweeps(List.of(fin, reset));
        assertEquals(null, fin.lingerZero(), "false is the default, and not written");
        assertTrue(reset.closesWithReset() && !fin.closesWithReset());
        assertTrue(PointCommands.churnArgs(s, reset.points("selector").getFirst(), "127.0.0.1", 7000, Path.of("o"),
            Duration.ofSeconds(1), Duration.ofSeconds(5)).contains("--linger-zero"));
        assertFalse(PointCommands.churnArgs(s, fin.points("selector").getFirst(), "127.0.0.1", 7000, Path.of("o"),
            Duration.ofSeconds(1), Duration.ofSeconds(5)).contains("--linger-zero"));
        assertEquals("selector_churn-linger0_s64_churn500", reset.points("selector").getFirst().key(),
            "labelled by its sweep");
        final IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("o", Service.ECHO, Framing.LINE, Mode.OPEN, List.of(500.0), List.of(16), List.of(64), null, null,
                null, true, null));
        assertEquals("o: lingerZero (SO_LINGER 0 on the client's close) is for a churn sweep", open.getMessage());
    }

    @Test
    void aChatChurnSweepGivesTheClientItsJoinsPerSecondAndOnlyThere() throws Exception
    {
        final Suite soak = SuiteFiles.load("soak", Path.of("."));
        final Sweep chat = soak.sweeps().stream().filter(w -> w.name().equals("chat-soak")).findFirst().orElseThrow();
        final Sweep echo = soak.sweeps().stream().filter(w -> w.name().equals("echo-soak")).findFirst().orElseThrow();
        assertEquals(10.0, chat.chatChurn(), "the built-in soak's chat members come and go");
        final List<String> args = PointCommands.clientArgs(soak, chat.points("selector").getFirst(), "127.0.0.1", 7000,
            Path.of("o"), "id", 1, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertEquals("10", args.get(args.indexOf("--chat-churn") + 1));
        assertFalse(PointCommands.clientArgs(soak, echo.points("selector").getFirst(), "127.0.0.1", 7000,
            Path.of("o"), "id", 1, Duration.ofSeconds(1), Duration.ofSeconds(5)).contains("--chat-churn"));
        final IllegalArgumentException onEcho = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("e", Service.ECHO, Framing.LINE, Mode.OPEN, List.of(500.0), List.of(16), List.of(64), null, null,
                null, null, 10.0));
        assertEquals("e: chatChurn (visitors joining and leaving the rooms) is for an open-loop chat sweep",
            onEcho.getMessage());
        final IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("z", Service.CHAT, Framing.LINE, Mode.OPEN, List.of(500.0), List.of(16), List.of(64), null, null,
                null, null, 0.0));
        assertEquals("z: chatChurn must be a positive number of joins per second, not 0.0", zero.getMessage());
    }

    @Test
    void aBadChurnSweepIsNamed()
    {
        final IllegalArgumentException chat = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("c", Service.CHAT, Framing.LINE, Mode.CHURN, List.of(100.0), null, List.of(64), null, null, null, null, null));
        assertEquals("c: a churn sweep's workload must be echo (each connection sends one message and reads its "
            + "echo)", chat.getMessage());
        final IllegalArgumentException held = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("c", Service.ECHO, Framing.LINE, Mode.CHURN, List.of(100.0), List.of(16), List.of(64), null,
                null, null, null, null));
        assertTrue(held.getMessage().startsWith("c: a churn sweep takes no connections"), held.getMessage());
        final IllegalArgumentException rates = assertThrows(IllegalArgumentException.class, () ->
            new Sweep("c", Service.ECHO, Framing.LINE, Mode.CHURN, List.of(), null, List.of(64), null, null, null, null, null));
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
            new Sweep("x", Service.CHAT, Framing.RAW, Mode.OPEN, List.of(1.0), List.of(1), List.of(1), null, null, null, null, null));
        assertTrue(e.getMessage().contains("chat needs line or length"), e.getMessage());
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () ->
            new Suite("l", List.of("nope"), Map.of(), List.of(new Sweep("x", Service.ECHO, Framing.RAW, Mode.CLOSED, null, List.of(1),
                List.of(1), null, null, null, null, null)), 1, null, 1, "1s", "2s", null, null, null, true, null, null, null, null, null, null, null, null, null, null));
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
        assertTrue(sweep.getMessage().contains("inFlight, lingerZero, mode, name, rates, rooms, sizes, workload"),
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
