package io.ioarena.load;

import io.ioarena.contract.Mode;
import io.ioarena.contract.Tag;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole runs against {@link FaultyServer}: counts that must match exactly, and every injected fault detected,
 * counted in its class and flagged, while the data is kept.
 */
class ClientRunTest
{
    private static final long MS = 1_000_000;
    /** Flags a healthy run may still raise on a busy shared test machine: the generator's own timeliness. */
    static final Set<String> GENERATOR_FLAGS = Set.of("SEND_LAG", "GENERATOR_HICCUP", "GENERATOR_CPU");

    static RunResult run(final LoadConfig config) throws Exception
    {
        return new LoadRun(config, NanoClock.SYSTEM).run(null);
    }

    static LoadConfig.Builder shortRun(final int port)
    {
        final LoadConfig.Builder b = LoadConfig.builder(port);
        b.rate = 2000;
        b.connections = 4;
        b.threads = 2;
        b.warmupNanos = 200 * MS;
        b.durationNanos = 1000 * MS;
        b.drainTimeoutNanos = 1000 * MS;
        return b;
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void echoRunSendsAndReceivesExactlyThePlan(final Framing framing) throws Exception
    {
        try (FaultyServer server = new FaultyServer(framing, false, FaultyServer.Faults.none()))
        {
            final LoadConfig.Builder b = shortRun(server.port());
            b.framing = framing;
            final RunResult r = run(b.build());
            // 2000 msg/s for exactly 1 s of intended times: the global plan has 2000 measured messages.
            assertEquals(2000, r.stats().sent);
            assertEquals(2000, r.stats().received);
            assertEquals(400, r.stats().warmupSent);
            assertEquals(400, r.stats().warmupReceived);
            assertEquals(2000, r.histogram(Tag.LATENCY).getTotalCount());
            assertEquals(2000, r.histogram(Tag.SERVICE).getTotalCount());
            assertEquals(2000, r.histogram(Tag.SENDLAG).getTotalCount());
            assertEquals(400, r.histogram(Tag.WARMUP).getTotalCount());
            assertEquals(4, r.histogram(Tag.CONNECT).getTotalCount());
            // The hiccup meter ran through the measured phase, and its longest stall is the histogram's maximum.
            final org.HdrHistogram.Histogram hiccups = r.histogram(Tag.HICCUP);
            assertTrue(hiccups.getTotalCount() >= 1, "hiccup samples");
            assertTrue(hiccups.valuesAreEquivalent(r.generator().hiccupMaxNanos(), hiccups.getMaxValue()));
            assertEquals(4, r.established());
            assertEquals(2000.0, r.achievedRate(), 1e-9);
            assertNoFlagsBut(GENERATOR_FLAGS, r);
        }
    }

    @Test
    void closedLoopRunIsLabelledAndCounted() throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LENGTH, false, FaultyServer.Faults.none()))
        {
            final LoadConfig.Builder b = shortRun(server.port());
            b.framing = Framing.LENGTH;
            b.mode = Mode.CLOSED;
            b.inFlight = 4;
            b.durationNanos = 300 * MS;
            // A cycle rate no loopback server misses: every slot expected to send every 4 x 4 / 100 s = 160 ms.
            b.cycleRate = 100;
            final RunResult r = run(b.build());
            final java.io.ByteArrayOutputStream report = new java.io.ByteArrayOutputStream();
            HumanReport.printHeader(r.config(), new java.io.PrintStream(report, true));
            HumanReport.print(r, new java.io.PrintStream(report, true));
            final String text = report.toString();
            assertTrue(text.contains("  closed-loop (CO-prone), 4 in flight per connection"), text);
            assertTrue(text.contains("Recorded Latency, closed-loop (CO-prone): service time, not response time"),
                text);
            assertTrue(text.contains("(closed-loop (CO-prone): no requested rate)"), text);
            assertTrue(text.contains("(latency corrected as if each in-flight slot sent every 160.00ms: --cycle-rate "
                + "100.00)"), text);
            // With --cycle-rate the compensated tag is emitted too: at least one value per answer (more where an
            // answer took longer than the cycle).
            assertTrue(r.histogram(Tag.COMPENSATED).getTotalCount() >= r.histogram(Tag.LATENCY).getTotalCount());
            assertTrue(Summary.of(r).histogram(Tag.COMPENSATED) != null);
            assertTrue(r.stats().received > 0, Summary.of(r).toString());
            assertEquals(r.stats().sent, r.stats().received);
            assertEquals(0.0, r.requestedRate());
            assertEquals("closed", Summary.of(r).mode());
            assertEquals("closed-loop (CO-prone)", Summary.of(r).modeLabel());
            // Closed loop has no plan to lag behind; only a stall of the client itself may flag it.
            assertNoFlagsBut(Set.of("GENERATOR_HICCUP"), r);
        }
    }

    @Test
    void corruptedAnswerIsCountedAndFlagged() throws Exception
    {
        final RunResult r = faulty(FaultyServer.Faults.none().corrupt(50));
        assertEquals(1, r.stats().corrupted);
        assertEquals(0, r.stats().lost, "the corrupted answer is not counted again as lost");
        assertEquals(0, r.stats().reordered);
        assertTrue(r.flags().contains("CORRUPTION"), r.flags().toString());
        assertNoFlagsBut(with(GENERATOR_FLAGS, "CORRUPTION"), r);
    }

    @Test
    void lostAnswerIsCountedAndFlagged() throws Exception
    {
        final RunResult r = faulty(FaultyServer.Faults.none().drop(50));
        assertEquals(1, r.stats().lost);
        assertEquals(0, r.stats().corrupted);
        assertEquals(0, r.stats().unanswered);
        assertTrue(r.flags().contains("LOSS"), r.flags().toString());
        assertNoFlagsBut(with(GENERATOR_FLAGS, "LOSS"), r);
    }

    @Test
    void reorderedAnswerIsCountedAndFlagged() throws Exception
    {
        final RunResult r = faulty(FaultyServer.Faults.none().swap(50));
        assertEquals(1, r.stats().reordered);
        assertEquals(0, r.stats().lost);
        assertTrue(r.flags().contains("REORDER"), r.flags().toString());
        assertNoFlagsBut(with(GENERATOR_FLAGS, "REORDER"), r);
    }

    @Test
    void duplicatedAnswerIsCountedAndFlagged() throws Exception
    {
        final RunResult r = faulty(FaultyServer.Faults.none().duplicate(50));
        assertEquals(1, r.stats().duplicated);
        assertEquals(0, r.stats().lost);
        assertTrue(r.flags().contains("DUPLICATE"), r.flags().toString());
        assertNoFlagsBut(with(GENERATOR_FLAGS, "DUPLICATE"), r);
    }

    /** A short run of {@code connections}, of which only {@code active} carry the rate. */
    private static LoadConfig idleBeside(final int port, final int connections, final int active)
    {
        final LoadConfig.Builder b = shortRun(port);
        b.connections = connections;
        b.activeConnections = active;
        return b.build();
    }

    @Test
    void onlyTheActiveConnectionsCarryTheRateWhileTheIdleOnesStayOpenAndSilent() throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LINE, false, FaultyServer.Faults.none()))
        {
            final RunResult r = run(idleBeside(server.port(), 40, 4));
            // the whole plan, 2,000 msg/s, went over the 4 active connections, which the 2 threads share
            assertEquals(2000, r.stats().sent);
            assertEquals(2000, r.stats().received);
            assertEquals(400, r.stats().warmupSent);
            assertEquals(40, r.established());
            assertEquals(0, r.stats().disconnects);
            assertEquals(0, r.stats().unexpected);
            // each connection echoed its liveness probe; the active ones then 600 messages each (1.2 s at 500 msg/s)
            final List<Integer> frames = server.framesPerConnection();
            assertEquals(36, frames.stream().filter(f -> f == 1).count(), frames.toString());
            assertEquals(List.of(601, 601, 601, 601), frames.stream().filter(f -> f > 1).toList(), frames.toString());
            assertNoFlagsBut(GENERATOR_FLAGS, r);
        }
    }

    @Test
    void anIdleConnectionTheServerClosesCountsAsADisconnect() throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LINE, false, FaultyServer.Faults.none()))
        {
            final Thread closer = Thread.ofVirtual().start(() ->
            {
                try
                {
                    Thread.sleep(600);
                    server.closeOneWith(1);
                }
                catch (final Exception e)
                {
                    throw new IllegalStateException(e);
                }
            });
            final RunResult r = run(idleBeside(server.port(), 8, 2));
            closer.join();
            assertEquals(8, r.established());
            assertEquals(1, r.stats().disconnects);
            assertEquals(2000, r.stats().received, "the active connections are not disturbed");
            assertTrue(r.flags().contains("DISCONNECTED"), r.flags().toString());
        }
    }

    @Test
    void refusedConnectionsAreCountedAndAServerThatIsGoneFailsTheRun() throws Exception
    {
        final int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0))
        {
            port = s.getLocalPort();
        }
        final LoadConfig.Builder b = shortRun(port);
        b.connectTimeoutNanos = 1000 * MS;
        final Exception e = org.junit.jupiter.api.Assertions.assertThrows(LoadRun.NoConnectionException.class,
            () -> run(b.build()));
        assertTrue(e.getMessage().contains(":" + port));
    }

    @Test
    void chatDeliversEveryMessageToEveryMemberAndTimesEachCopy() throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LINE, true, FaultyServer.Faults.none()))
        {
            final LoadConfig.Builder b = shortRun(server.port());
            b.workload = Service.CHAT;
            b.connections = 6;
            b.rooms = 2;
            b.rate = 600;
            final RunResult r = run(b.build());
            // 600 measured messages, each delivered to the 3 members of its room (the sender included).
            assertEquals(600, r.stats().sent);
            assertEquals(600, r.stats().received);
            assertEquals(1800, r.stats().expectedDeliveries);
            assertEquals(1800, r.stats().receivedDeliveries);
            assertEquals(1800, r.histogram(Tag.DELIVERY).getTotalCount());
            assertEquals(600, r.histogram(Tag.LATENCY).getTotalCount());
            assertNoFlagsBut(GENERATOR_FLAGS, r);
        }
    }

    @Test
    void chatCopyLostOnTheWayToOneMemberIsDetected() throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LENGTH, true, FaultyServer.Faults.none().drop(20)))
        {
            final LoadConfig.Builder b = shortRun(server.port());
            b.workload = Service.CHAT;
            b.framing = Framing.LENGTH;
            b.connections = 3;
            b.threads = 1;
            b.rate = 600;
            b.warmupNanos = 0;
            b.drainTimeoutNanos = 300 * MS;
            final RunResult r = run(b.build());
            // Message 20 of the first connection reached its sender but not the two other members.
            assertEquals(2, r.stats().lost);
            assertEquals(r.stats().expectedDeliveries - 2, r.stats().receivedDeliveries);
            assertTrue(r.flags().contains("LOSS"), r.flags().toString());
        }
    }

    private static RunResult faulty(final FaultyServer.Faults faults) throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LINE, false, faults))
        {
            final LoadConfig.Builder b = shortRun(server.port());
            b.connections = 2;
            b.threads = 1;
            b.rate = 1000;
            b.warmupNanos = 0;
            b.durationNanos = 500 * MS;
            b.drainTimeoutNanos = 300 * MS;
            return run(b.build());
        }
    }

    private static Set<String> with(final Set<String> flags, final String flag)
    {
        final Set<String> all = new java.util.HashSet<>(flags);
        all.add(flag);
        return all;
    }

    static void assertNoFlagsBut(final Set<String> allowed, final RunResult r)
    {
        for (final String flag : r.flags())
        {
            assertTrue(allowed.contains(flag), "unexpected flag " + flag + " in " + r.flags() + ": "
                + Summary.of(r));
        }
        assertFalse(r.flags().contains("UNDER_TARGET"));
    }
}
