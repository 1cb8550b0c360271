package io.ioarena.harness.results;

import io.ioarena.contract.ChurnSummary;
import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ClientSummary.Percentiles;
import io.ioarena.contract.GeneratorHealth;
import io.ioarena.contract.Mode;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.SuiteFiles;
import io.ioarena.harness.suite.ValidityLimits;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known answers for each validity rule, at the default limits unless a test says otherwise. */
class ValidityTest
{
    private static final long MS = 1_000_000;
    private static final ValidityLimits DEFAULTS = ValidityLimits.DEFAULT;

    private static final PointSpec OPEN = new PointSpec("selector", "echo-rate", Service.ECHO, Framing.LINE,
        Mode.OPEN, 20_000, 16, 64, 1, 1);
    private static final PointSpec CHAT = new PointSpec("selector", "chat-fanout", Service.CHAT, Framing.LINE,
        Mode.OPEN, 500, 16, 64, 1, 1);
    private static final PointSpec CLOSED = new PointSpec("selector", "echo-max", Service.ECHO, Framing.LINE,
        Mode.CLOSED, 0, 16, 64, 1, 1);

    private static PointResult point(final PointSpec spec, final int eventLoops, final Resources resources)
    {
        return new PointResult("id", 1, 1, spec, "selector", PointStatus.OK, null, null, "t0", "t1", List.of(1),
            List.of(0), eventLoops, null, null, null, 0, 0, resources);
    }

    /** The server used {@code cores} of CPU over a 5 s window, with {@code threads} threads. */
    private static Resources server(final double cores, final int threads)
    {
        return new Resources(20, 5, cores * 5 * 0.7, cores * 5 * 0.3, 100 << 20, threads, 0, 0, null, null, null,
            null, null, null, null);
    }

    private static Percentiles p99(final long nanos)
    {
        return new Percentiles(1000, 1, nanos / 2.0, 1, nanos / 2, nanos / 2, nanos / 2, nanos, nanos, nanos, nanos,
            nanos);
    }

    /** A clean 5 s run: no stalls, a send-lag p99 of 1% of a 1 ms p99, the rate met, no errors. */
    private static final class Summary
    {
        String workload = "echo";
        double achievedRate = 20_000;
        long stalledNanos;
        Long ioStalledNanos;
        Double threadBusy = 0.5;
        final Map<String, Percentiles> histograms = new HashMap<>(Map.of("latency", p99(1 * MS),
            "sendlag", p99(10_000)));
        ClientSummary.Errors errors = new ClientSummary.Errors(0, 0, 0, 0, 0, 0, 0, 0);
        int failedConnections;

        ClientSummary build()
        {
            return new ClientSummary("t", "1", Map.of(), "open", "open", workload, "line", 0, 7_000, 5.0, 20_000,
                achievedRate, 100_000, 100_000, 0, 0, 0, 0, 0, new ClientSummary.Connections(16, 16 -
                failedConnections, failedConnections), errors, null, histograms, new GeneratorHealth(0, threadBusy,
                null, null, null, null, null, stalledNanos, 100 * MS, ioStalledNanos, 0L), null,
                List.of("GENERATOR_HICCUP"), false);
        }
    }

    @Test
    void aCleanRunIsValidWhateverTheClientsOwnFlagsSay()
    {
        assertEquals(List.of(), Validity.flags(point(OPEN, 1, null), new Summary().build(), DEFAULTS));
    }

    @Test
    void aThirtyMillisecondStallInFiveSecondsFlagsATenMillisecondOneDoesNot()
    {
        final Summary s = new Summary();
        s.stalledNanos = 30 * MS;
        assertEquals(List.of("CLIENT_STALL 0.6%"), Validity.flags(point(OPEN, 1, null), s.build(), DEFAULTS));
        s.stalledNanos = 10 * MS;
        assertEquals(List.of(), Validity.flags(point(OPEN, 1, null), s.build(), DEFAULTS));
        s.stalledNanos = 25 * MS;
        assertEquals(List.of(), Validity.flags(point(OPEN, 1, null), s.build(), DEFAULTS), "0.5% is not over 0.5%");
        s.stalledNanos = 90 * MS;
        assertEquals(List.of("CLIENT_STALL 1.8%"), Validity.flags(point(CLOSED, 1, null), s.build(), DEFAULTS),
            "closed loop too");
        assertEquals(List.of(), Validity.flags(point(OPEN, 1, null), s.build(),
            new ValidityLimits(0.02, null, null, null, null, null)), "validity.clientStall 2%");
    }

    @Test
    void whereTheClientMeasuredItsIoThreadsOwnStallsTheyAreItsStallsNotTheHiccupMetersGapsNorItsRunQueueWait()
    {
        final Summary s = new Summary();
        s.stalledNanos = 400 * MS;
        s.ioStalledNanos = 10 * MS;
        assertEquals(List.of(), Validity.flags(point(CLOSED, 1, null), s.build(), DEFAULTS),
            "the meter waited behind a busy I/O thread, which itself lost 0.2% (and waited 2% in short slices)");
        s.stalledNanos = 0;
        s.ioStalledNanos = 30 * MS;
        assertEquals(List.of("CLIENT_STALL 0.6%"), Validity.flags(point(OPEN, 1, null), s.build(), DEFAULTS));
    }

    @Test
    void sendLagFlagsOverTenPercentOfTheRankedPercentile()
    {
        final Summary s = new Summary();
        s.histograms.put("sendlag", p99(100_000));
        assertEquals(List.of(), Validity.flags(point(OPEN, 1, null), s.build(), DEFAULTS), "10% of p99: not over");
        s.histograms.put("sendlag", p99(140_000));
        assertEquals(List.of("SEND_LAG 14% of p99"), Validity.flags(point(OPEN, 1, null), s.build(), DEFAULTS));
        s.histograms.put("latency", p99(10 * MS));
        assertEquals(List.of(), Validity.flags(point(OPEN, 1, null), s.build(), DEFAULTS),
            "the same lag under a 10 ms p99 is 1.4% of it");
        assertEquals(List.of(), Validity.flags(point(CLOSED, 1, null), s.build(), DEFAULTS),
            "closed loop has no schedule to lag");
    }

    @Test
    void chatIsJudgedAgainstItsDeliveryPercentile()
    {
        final Summary s = new Summary();
        s.workload = "chat";
        s.achievedRate = 500;
        s.histograms.put("latency", p99(1 * MS));
        s.histograms.put("delivery", p99(5 * MS));
        s.histograms.put("sendlag", p99(400_000));
        assertEquals(List.of(), Validity.flags(point(CHAT, 1, null), s.build(), DEFAULTS),
            "0.4 ms is 40% of the echo p99 but 8% of the delivery p99 the scenario is ranked on");
        s.histograms.put("sendlag", p99(600_000));
        assertEquals(List.of("SEND_LAG 12% of delivery p99"), Validity.flags(point(CHAT, 1, null), s.build(),
            DEFAULTS));
    }

    @Test
    void anAchievedRateMoreThanOnePercentUnderTargetFlagsInOpenLoop()
    {
        final Summary s = new Summary();
        s.achievedRate = 19_800;
        assertEquals(List.of(), Validity.flags(point(OPEN, 1, null), s.build(), DEFAULTS), "1% short: not over");
        s.achievedRate = 19_360;
        assertEquals(List.of("UNDER_TARGET 3.2%"), Validity.flags(point(OPEN, 1, null), s.build(), DEFAULTS));
    }

    @Test
    void aBusyClientBesideAServerWithCpuToSpareFlagsInClosedLoop()
    {
        final Summary s = new Summary();
        s.threadBusy = 0.97;
        assertEquals(List.of("CLIENT_SATURATED 97% busy, server 1.20 of 2 cores"),
            Validity.flags(point(CLOSED, 2, server(1.2, 30)), s.build(), DEFAULTS));
        assertEquals(List.of(), Validity.flags(point(CLOSED, 2, server(1.7, 30)), s.build(), DEFAULTS),
            "the server used 85% of its cores: it, not the client, is the limit");
        assertEquals(List.of(), Validity.flags(point(CLOSED, 2, server(0.95, 1)), s.build(), DEFAULTS),
            "a single-threaded server at 0.95 of the one core it can use has nothing to spare");
        s.threadBusy = 0.85;
        assertEquals(List.of(), Validity.flags(point(CLOSED, 2, server(1.2, 30)), s.build(), DEFAULTS),
            "a client with 15% to spare did not set the pace");
        s.threadBusy = null;
        assertEquals(List.of(), Validity.flags(point(CLOSED, 2, server(0.1, 30)), s.build(), DEFAULTS),
            "unknown busy share: no judgement");
        s.threadBusy = 1.0;
        assertEquals(List.of(), Validity.flags(point(OPEN, 2, server(0.1, 30)), s.build(), DEFAULTS),
            "open loop polls before each send, so its busy share is no saturation measure");
    }

    @Test
    void everyErrorFlagsWithItsCount()
    {
        final Summary s = new Summary();
        s.errors = new ClientSummary.Errors(2, 3, 4, 5, 0, 0, 0, 0);
        s.failedConnections = 1;
        assertEquals(List.of("LOSS 4", "CORRUPTION 2", "REORDER 3", "DUPLICATE 5", "CONNECT_FAILED 1"),
            Validity.flags(point(OPEN, 1, null), s.build(), DEFAULTS));
    }

    @Test
    void limitsDefaultWhenLeftOutAndAreNamedWhenWrong() throws Exception
    {
        assertEquals(new ValidityLimits(0.005, 0.10, 0.01, 0.90, 0.80, 0.6), DEFAULTS);
        final String suite = """
            {"label": "l", "servers": ["selector"], "validity": {"clientStall": %s},
             "sweeps": [{"name": "e", "workload": "echo", "framing": "line", "mode": "closed",
                         "connections": [4], "sizes": [64]}],
             "repetitions": 1, "warmup": "0s", "duration": "1s", "conformance": false}
            """;
        assertEquals(new ValidityLimits(0.02, null, null, null, null, null), SuiteFiles.read(new ByteArrayInputStream(
            suite.formatted("0.02").getBytes(StandardCharsets.UTF_8)), "s.json").validity());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SuiteFiles.read(
            new ByteArrayInputStream(suite.formatted("2").getBytes(StandardCharsets.UTF_8)), "s.json"));
        assertTrue(e.getMessage().contains("validity.clientStall must be a share"), e.getMessage());
    }

    @Test
    void aPointNeedsSixtyPercentOfItsRepetitionsValidToBeRanked()
    {
        assertEquals(3, DEFAULTS.validNeeded(5), "0.6 x 5 is 3 though the product is a hair above it");
        assertEquals(2, DEFAULTS.validNeeded(2));
        assertEquals(2, DEFAULTS.validNeeded(3));
        assertEquals(1, DEFAULTS.validNeeded(1));
        assertEquals(6, DEFAULTS.validNeeded(10));
        assertEquals(5, new ValidityLimits(null, null, null, null, null, 1.0).validNeeded(5), "1: every one");
        assertEquals(1, new ValidityLimits(null, null, null, null, null, 0.01).validNeeded(5), "at least one");
    }

    @Test
    void aChurnPointIsFlaggedForItsLateClientItsShortfallAndItsFailedConnections()
    {
        final PointSpec spec = new PointSpec("selector", "churn", Service.ECHO, Framing.LINE, Mode.CHURN, 1000, 0, 64,
            1, 1);
        final ChurnSummary clean = new ChurnSummary("t", "0", Map.of(), "fin", List.of("127.0.0.1"), 0, 5000, 1000,
            1000, 5, 5000, 5000, Map.of("refused", 0L), Map.of("latency", p99(MS), "sendlag", p99(MS / 100)));
        assertEquals(List.of(), Validity.flags(point(spec, 1, null), clean, DEFAULTS));
        final ChurnSummary bad = new ChurnSummary("t", "0", Map.of(), "fin", List.of("127.0.0.1"), 0, 5000, 1000,
            850, 5, 5000, 4250, Map.of("timeout", 300L, "refused", 200L), Map.of("latency", p99(MS), "sendlag", p99(MS / 2)));
        assertEquals(List.of("SEND_LAG 50% of p99", "UNDER_TARGET 15%", "CHURN_FAILED 500 (refused 200, timeout 300)"),
            Validity.flags(point(spec, 1, null), bad, DEFAULTS));
    }
}
