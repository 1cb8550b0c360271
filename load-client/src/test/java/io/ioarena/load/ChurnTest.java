package io.ioarena.load;

import io.ioarena.contract.ChurnSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.Tag;
import io.ioarena.protocol.Framing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Churn: the arrival plan against a fake clock, the kinds of failure, and whole runs against real sockets. */
class ChurnTest
{
    private static final long T0 = 5_000_000_000L;
    private static final long MS = 1_000_000;

    private static ChurnConfig config(final int port, final double rate, final long durationNanos, final int sources)
    {
        return config(port, rate, 0, durationNanos, sources);
    }

    private static ChurnConfig config(final int port, final double rate, final long warmupNanos,
        final long durationNanos, final int sources)
    {
        return new ChurnConfig("127.0.0.1", port, Framing.LINE, rate, Arrival.CONSTANT, 1, warmupNanos, durationNanos,
            64, 2_000 * MS, false, new SourceAddresses(sources), null);
    }

    @Test
    void arrivalsStartAtTheirIntendedTimesAndLateOnesAllStartWithTheirLatenessRecorded() throws IOException
    {
        // A listener that never accepts: its backlog holds the connections, time is entirely the test's.
        try (ServerSocketChannel server = ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200))
        {
            final int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            // 1000 connections/s for 100 ms: arrival k is due at T0 + k ms, the last at T0 + 99 ms.
            final ChurnRun run = new ChurnRun(config(port, 1000, 100 * MS, 1), () -> T0);
            run.start(T0);
            assertEquals(1, run.startDue(T0), "arrival 0 is due at T0");
            assertEquals(0, run.startDue(T0 + MS / 2), "arrival 1 is due at T0 + 1 ms");
            assertEquals(1, run.startDue(T0 + MS));
            // The client stalled: every arrival due by now starts, none is skipped, each late by its own amount.
            assertEquals(9, run.startDue(T0 + 10 * MS));
            assertEquals(8 * MS, run.histogram(Tag.SENDLAG).getMaxValue(), MS / 100, "arrival 2 was 8 ms late");
            assertEquals(89, run.startDue(T0 + 10_000 * MS), "the rest of the plan, nothing at or after its end");
            assertEquals(0, run.startDue(T0 + 20_000 * MS));
            assertEquals(100, run.summary().arrivals());
            assertEquals(100, run.histogram(Tag.SENDLAG).getTotalCount());
            // No echo came back within the timeout (2 s from each intended arrival): all time out, in order.
            run.expire(T0 + 2_000 * MS);
            assertEquals(Map.of("timeout", 1L), run.summary().failures(), "only arrival 0 is 2 s old");
            run.expire(T0 + 3_000 * MS);
            assertEquals(Map.of("timeout", 100L), run.summary().failures());
            assertEquals(0, run.summary().completed());
        }
    }

    @Test
    void warmUpArrivalsComeOnTheSamePlanAndAreRecordedNowhere() throws IOException
    {
        try (ServerSocketChannel server = ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200))
        {
            final int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            final ChurnRun run = new ChurnRun(config(port, 1000, 10 * MS, 20 * MS, 1), () -> T0);
            run.start(T0);
            assertEquals(10, run.startDue(T0 + 9 * MS), "the warm-up: arrivals 0..9");
            assertEquals(0, run.summary().arrivals());
            assertEquals(0, run.histogram(Tag.SENDLAG).getTotalCount());
            assertEquals(20, run.startDue(T0 + 10_000 * MS), "the measured 20 ms: arrivals 10..29");
            assertEquals(20, run.summary().arrivals());
            run.expire(T0 + 10_000 * MS);
            assertEquals(Map.of("timeout", 20L), run.summary().failures(), "the warm-up's are not counted");
        }
    }

    @Test
    void arrivalsTheClientNeverStartedByTheirTimeoutAreCountedAsTimedOut() throws IOException
    {
        // A client stalled for 10 s at every look at the clock: past the plan's end plus the timeout at once.
        final long[] now = {T0};
        final ChurnRun run = new ChurnRun(config(1, 1000, 100 * MS, 1), () -> now[0] += 10_000 * MS);
        final ChurnSummary s = run.run();
        assertEquals(100, s.arrivals());
        assertEquals(Map.of("timeout", 100L), s.failures());
        assertEquals(0.0, s.achievedRate());
    }

    @Test
    void failuresAreSortedByKindFromTheErrorTheSocketGave()
    {
        assertEquals(ChurnFailure.REFUSED, ChurnFailure.of(new ConnectException("Connection refused")));
        assertEquals(ChurnFailure.RESET, ChurnFailure.of(new SocketException("Connection reset")));
        assertEquals(ChurnFailure.RESET, ChurnFailure.of(new IOException("Connection reset by peer")));
        assertEquals(ChurnFailure.ADDRESS_IN_USE, ChurnFailure.of(new BindException("Address already in use")));
        assertEquals(ChurnFailure.ADDRESS_IN_USE, ChurnFailure.of(new ConnectException("Cannot assign requested " +
            "address")));
        assertEquals(ChurnFailure.OTHER, ChurnFailure.of(new IOException("Broken pipe")));
        assertEquals("address-in-use", ChurnFailure.ADDRESS_IN_USE.key());
    }

    @Test
    void aRunConnectsEchoesAndClosesEveryArrivalFromEverySourceAddress() throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LINE, false, FaultyServer.Faults.none()))
        {
            final long before = System.currentTimeMillis();
            final ChurnSummary s = new ChurnRun(config(server.port(), 200, 1_000 * MS, 3), NanoClock.SYSTEM).run();
            final long after = System.currentTimeMillis();
            assertTrue(before <= s.startEpochMs() && s.endEpochMs() <= after, "the run's clock times, within it");
            assertTrue(s.endEpochMs() - s.startEpochMs() >= 900, "about the plan's second");
            assertEquals(200, s.arrivals());
            assertEquals(200, s.completed(), () -> "failures " + s.failures());
            assertEquals(Map.of(), s.failures());
            assertEquals(200.0, s.achievedRate(), 1e-9);
            assertEquals(200, s.histograms().get("connect").count());
            assertEquals(200, s.histograms().get("latency").count());
            assertTrue(s.histograms().get("latency").p50() >= s.histograms().get("connect").p50(),
                "the echo comes after the connect, both from the intended arrival");
            assertEquals(Set.of("127.0.0.1", "127.0.0.2", "127.0.0.3"), server.peerAddresses());
            assertEquals("fin", s.closeMode());
        }
    }

    @Test
    void aPortWithNoServerRefusesEveryArrival() throws Exception
    {
        final int port;
        try (ServerSocketChannel probe = ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        final ChurnSummary s = new ChurnRun(config(port, 100, 200 * MS, 1), NanoClock.SYSTEM).run();
        assertEquals(20, s.arrivals());
        assertEquals(0, s.completed());
        assertEquals(Map.of("refused", 20L), s.failures());
    }

    @Test
    void theCommandWritesChurnJsonAndRefusesABadFlagNamingIt(@TempDir final Path dir) throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LINE, false, FaultyServer.Faults.none()))
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final PrintStream print = new PrintStream(out, true);
            assertEquals(LoadClientMain.EXIT_OK, LoadClientMain.execute(new String[] {"churn", "--port",
                Integer.toString(server.port()), "-R", "100", "--warmup", "100ms", "-d", "300ms",
                "--linger-zero", "-o", dir.toString()},
                print, print));
            final ChurnSummary s = ContractJson.read(dir.resolve(ChurnSummary.FILE),
                ChurnSummary.class);
            assertEquals(30, s.completed(), out::toString);
            assertEquals("linger0", s.closeMode());
            assertTrue(out.toString().contains("30 arrivals, 30 completed: 100.00 connections/s achieved"), out::toString);
            assertTrue(Files.exists(dir.resolve("connect.hgrm")));
        }
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream print = new PrintStream(err, true);
        assertEquals(LoadClientMain.EXIT_USAGE, LoadClientMain.execute(new String[] {"churn", "--port", "7000", "-R",
            "100", "--source-addresses", "0"}, print, print));
        assertTrue(err.toString().contains("--source-addresses must be in 1..254"), err::toString);
    }
}
