package io.ioarena.harness.capacity;

import io.ioarena.harness.suite.CapacitySettings;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.function.DoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacitySearchTest
{
    private static final CapacitySettings SETTINGS = SearchSettings.ONE_MS;
    private static final long US = 1_000;

    /**
     * A simulated server whose p99 rises like a queue's: {@code base / (1 - rate / saturation)}, so it crosses the
     * 1 ms SLO at exactly {@code saturation x (1 - base / 1 ms)}.
     */
    record QueueingServer(double saturation, long baseNanos) implements DoubleFunction<ProbeOutcome>
    {
        double capacity(final long sloNanos)
        {
            return saturation * (1 - (double) baseNanos / sloNanos);
        }

        @Override
        public ProbeOutcome apply(final double rate)
        {
            final long p99 = rate >= saturation ? 10_000_000 * US : (long) (baseNanos / (1 - rate / saturation));
            final List<String> flags = rate >= saturation ? List.of("UNDER_TARGET 12%") : List.of();
            return new ProbeOutcome(p99, 2 * US * 1000, (long) (rate * 3), flags, null);
        }
    }

    private static CapacityResult run(final CapacitySettings settings, final DoubleFunction<ProbeOutcome> server)
    {
        final CapacitySearch search = new CapacitySearch(settings);
        for (int i = 0; i < 1_000 && search.next().isPresent(); i++)
        {
            search.record(server.apply(search.next().getAsDouble()));
        }
        assertTrue(search.next().isEmpty(), "the search ended");
        return search.result();
    }

    @Test
    void findsAKnownCapacityWithinThePrecisionAndConfirmsIt()
    {
        for (final double saturation : new double[] {900, 7_000, 23_456, 50_000, 310_000})
        {
            final QueueingServer server = new QueueingServer(saturation, 200 * US);
            final double capacity = server.capacity(SETTINGS.p99Nanos());
            final CapacityResult r = run(SETTINGS, server);
            assertEquals(CapacityResult.Outcome.FOUND, r.outcome(), r.describe());
            assertTrue(r.rate() <= capacity && r.rate() >= (1 - SETTINGS.precision()) * capacity,
                "capacity " + capacity + ", found " + r.rate());
            assertTrue(r.above() > capacity && r.above() <= r.rate() * (1 + SETTINGS.precision()), r.describe());
            final Probe last = r.probes().getLast();
            assertEquals(r.rate(), last.rate(), "the last probe confirms the rate found");
            assertEquals(Verdict.WITHIN, last.verdict());
            assertTrue(r.probes().size() <= SETTINGS.maxProbes(), r.probes().size() + " probes");
        }
    }

    @Test
    void aConfirmationThatFailsSendsTheSearchBelowTheRate()
    {
        final QueueingServer steady = new QueueingServer(50_000, 200 * US);
        final Set<Double> seen = new HashSet<>();
        final boolean[] slowed = {false};
        final CapacityResult r = run(SETTINGS, rate ->
        {
            // the first re-measurement of a rate shows the server slower than its first measurement did
            if (!seen.add(rate) && !slowed[0])
            {
                slowed[0] = true;
                return new ProbeOutcome(5_000 * US, 6_000 * US, 100_000, List.of(), null);
            }
            return steady.apply(rate);
        });
        assertEquals(CapacityResult.Outcome.FOUND, r.outcome(), r.describe());
        final long overAtRepeat = r.probes().stream().filter(p -> p.verdict() == Verdict.OVER && r.probes().stream()
            .anyMatch(q -> q != p && q.rate() == p.rate() && q.verdict() == Verdict.WITHIN)).count();
        assertEquals(1, overAtRepeat, "one rate was within, then over when confirmed: " + r.probes());
        assertTrue(r.rate() < r.probes().stream().filter(p -> p.verdict() == Verdict.OVER).mapToDouble(Probe::rate)
            .min().orElseThrow(), r.describe());
    }

    @Test
    void aClientThatCannotKeepUpEndsTheSearchAtAtLeastTheLastGoodRate()
    {
        final QueueingServer fast = new QueueingServer(400_000, 100 * US);
        final CapacityResult r = run(SETTINGS, rate -> rate > 30_000
            ? new ProbeOutcome(3_000 * US, 9_000 * US, 200_000, List.of("SEND_LAG 80% of p99", "UNDER_TARGET 4%"),
            null) : fast.apply(rate));
        assertEquals(CapacityResult.Outcome.AT_LEAST, r.outcome());
        assertEquals(20_000, r.rate());
        assertNull(r.above(), "nothing was over the SLO by the server's doing");
        assertEquals(List.of(Verdict.WITHIN, Verdict.WITHIN, Verdict.WITHIN, Verdict.DISTURBED, Verdict.DISTURBED),
            r.probes().stream().map(Probe::verdict).toList(), "one retry, then the stop");
        assertTrue(r.describe().startsWith(">= 20000 msg/s: the client's own limit at 40000 msg/s"), r.describe());
        assertTrue(r.describe().contains("SEND_LAG 80% of p99"), r.describe());
    }

    @Test
    void aServerWithNoCpuToSpareIsOverWhateverTheClientsFlags()
    {
        // past 12,000 msg/s the server's queue grows and the client, waiting on full sockets, is flagged too
        final QueueingServer fast = new QueueingServer(400_000, 100 * US);
        final CapacityResult r = run(SETTINGS, rate -> rate > 12_000
            ? new ProbeOutcome(50_000 * US, 80_000 * US, (long) rate * 2, List.of("CLIENT_STALL 60%",
            "SEND_LAG 34% of p99"), null, "0.91 of 1 cores") : fast.apply(rate));
        assertEquals(CapacityResult.Outcome.FOUND, r.outcome(), r.describe());
        assertTrue(r.rate() <= 12_000 && r.rate() >= 12_000 * (1 - SETTINGS.precision()), r.describe());
        final Probe over = r.probes().stream().filter(p -> p.verdict() == Verdict.OVER).findFirst().orElseThrow();
        assertTrue(over.why().contains("the server at its limit (0.91 of 1 cores), so not the client's: " +
            "CLIENT_STALL 60%; SEND_LAG 34% of p99"), over.why());
        assertTrue(r.probes().stream().noneMatch(p -> p.verdict() == Verdict.DISTURBED), r.probes().toString());
    }

    @Test
    void anOverWithCpuToSpareIsMeasuredAgainAndATransientDoesNotEndTheClimb()
    {
        final CapacitySettings rechecking = SearchSettings.ONE_MS_RECHECKED;
        final QueueingServer server = new QueueingServer(50_000, 200 * US);
        final boolean[] transientSeen = {false};
        final CapacityResult r = run(rechecking, rate ->
        {
            // one measurement at 20,000 msg/s is hit by a transient (the server at 0.3 of its core)
            if (rate == 20_000 && !transientSeen[0])
            {
                transientSeen[0] = true;
                return new ProbeOutcome(13_000 * US, 30_000 * US, 40_000, List.of(), null, null);
            }
            // past its capacity the server has no CPU to spare
            final ProbeOutcome o = server.apply(rate);
            return o.p99Nanos() > rechecking.p99Nanos() ? new ProbeOutcome(o.p99Nanos(), o.p999Nanos(), o.samples(),
                o.flags(), null, "0.95 of 1 cores") : o;
        });
        assertEquals(CapacityResult.Outcome.FOUND, r.outcome(), r.describe());
        final double capacity = server.capacity(rechecking.p99Nanos());
        assertTrue(r.rate() <= capacity && r.rate() >= 0.95 * capacity, capacity + ", found " + r.describe());
        assertEquals(List.of(Verdict.OVER, Verdict.WITHIN), r.probes().stream().filter(p -> p.rate() == 20_000)
            .map(Probe::verdict).toList(), "the transient, then the recheck");
        assertTrue(r.probes().stream().filter(p -> p.verdict() == Verdict.OVER && p.rate() != 20_000)
            .allMatch(p -> r.probes().stream().filter(q -> q.rate() == p.rate()).count() == 1),
            "an over with no CPU to spare is not measured again: " + r.probes());

        final CapacityResult slow = run(rechecking, rate -> rate > 8_000
            ? new ProbeOutcome(7_000 * US, 9_000 * US, 30_000, List.of(), null, null) : server.apply(rate));
        assertEquals(CapacityResult.Outcome.FOUND, slow.outcome(), slow.describe());
        assertTrue(slow.rate() <= 8_000 && slow.rate() >= 7_600, slow.describe());
        assertTrue(slow.probes().stream().filter(p -> p.verdict() == Verdict.OVER).count() % 2 == 0,
            "an over with CPU to spare counts after its recheck: " + slow.probes());
    }

    @Test
    void aRateTheSearchStepsDownToAfterAClientLimitGetsItsOwnRecheck()
    {
        final Map<Double, Integer> calls = new HashMap<>();
        final CapacityResult r = run(SearchSettings.ONE_MS_RECHECKED, rate ->
        {
            final int call = calls.merge(rate, 1, Integer::sum);
            if (rate == 5_000 && call == 1 || rate == 2_500 && call == 1)
            {
                // over, with CPU to spare: a transient, as far as the search knows
                return new ProbeOutcome(13_000 * US, 30_000 * US, 40_000, List.of(), null, null);
            }
            return rate == 5_000 ? new ProbeOutcome(48_000 * US, 65_000 * US, 10_000, List.of("SEND_LAG 95% of p99"),
                null, null) : new ProbeOutcome(200 * US, 2_000 * US, 10_000, List.of(), null, null);
        });
        assertEquals(List.of(5_000.0, 5_000.0, 5_000.0, 2_500.0, 2_500.0), r.probes().stream().map(Probe::rate)
            .toList(), "5,000: an over, its recheck hit the client's limit, a retry; 2,500: an over and its recheck");
        assertEquals(CapacityResult.Outcome.AT_LEAST, r.outcome(), r.describe());
        assertEquals(2_500, r.rate());
    }

    @Test
    void aClientLimitBeforeAnyRateWithinTheSloSearchesDownForAFloor()
    {
        final QueueingServer fast = new QueueingServer(400_000, 100 * US);
        final CapacityResult r = run(SETTINGS, rate -> rate > 2_000
            ? new ProbeOutcome(48_000 * US, 65_000 * US, 10_000, List.of("SEND_LAG 95% of p99"), null)
            : fast.apply(rate));
        assertEquals(CapacityResult.Outcome.AT_LEAST, r.outcome(), r.describe());
        assertEquals(1_250, r.rate());
        assertEquals(List.of(5_000.0, 5_000.0, 2_500.0, 2_500.0, 1_250.0), r.probes().stream().map(Probe::rate)
            .toList());
        assertTrue(r.describe().startsWith(">= 1250 msg/s: within the SLO at 1250 msg/s; the client's own limit at " +
            "2500 msg/s"), r.describe());

        final CapacityResult none = run(SETTINGS, rate -> new ProbeOutcome(48_000 * US, 65_000 * US, 10_000,
            List.of("CLIENT_STALL 3%"), null));
        assertEquals(CapacityResult.Outcome.AT_LEAST, none.outcome());
        assertNull(none.rate());
        assertTrue(none.describe().startsWith("nothing within the SLO: the client's own limit at"), none.describe());
        assertTrue(none.probes().size() <= SETTINGS.maxProbes());
    }

    @Test
    void aClientFlagOnAProbeWithinTheSloLeavesItWithin()
    {
        final Probe p = CapacitySearch.judge(10_000, new ProbeOutcome(300 * US, 2_000 * US, 30_000,
            List.of("CLIENT_STALL 0.6%"), null), SETTINGS);
        assertEquals(Verdict.WITHIN, p.verdict());
    }

    @Test
    void aServerThatFailsOrLosesMessagesEndsTheSearchWithTheReason()
    {
        final CapacityResult crashed = run(SETTINGS, rate -> rate >= 20_000
            ? ProbeOutcome.failed("the server exited with status 137 during the run")
            : new QueueingServer(100_000, 100 * US).apply(rate));
        assertEquals(CapacityResult.Outcome.FAILED, crashed.outcome());
        assertEquals(20_000, crashed.probes().getLast().rate());
        assertEquals(10_000, crashed.rate(), "the last rate within the SLO is kept");
        assertTrue(crashed.describe().contains("the server failed at 20000 msg/s: the server exited with status 137"),
            crashed.describe());

        final CapacityResult lossy = run(SETTINGS, rate -> new ProbeOutcome(100 * US, 900 * US, 30_000,
            List.of("LOSS 3", "CLIENT_STALL 1.0%"), null));
        assertEquals(CapacityResult.Outcome.FAILED, lossy.outcome());
        assertEquals(1, lossy.probes().size());
        assertTrue(lossy.reason().endsWith("LOSS 3"), lossy.reason());
    }

    @Test
    void aSpentBudgetSaysSoAndStopsThere()
    {
        final CapacitySettings three = SearchSettings.with(null, 3, null);
        final CapacityResult r = run(three, new QueueingServer(1_000_000, 100 * US));
        assertEquals(CapacityResult.Outcome.BUDGET, r.outcome());
        assertEquals(3, r.probes().size());
        assertEquals(20_000, r.rate());
        assertTrue(r.describe().contains("the budget of 3 probes was spent before a rate was bracketed"),
            r.describe());
    }

    @Test
    void theSearchsMaximumAndMinimumRatesEndItHonestly()
    {
        final CapacitySettings upTo = SearchSettings.with(30_000.0, null, null);
        final CapacityResult top = run(upTo, new QueueingServer(1_000_000, 100 * US));
        assertEquals(CapacityResult.Outcome.AT_LEAST, top.outcome());
        assertEquals(List.of(5_000.0, 10_000.0, 20_000.0, 30_000.0),
            top.probes().stream().map(Probe::rate).toList());
        assertTrue(top.describe().startsWith(">= 30000 msg/s"), top.describe());

        final CapacityResult none = run(SETTINGS, rate -> new ProbeOutcome(4_000 * US, 9_000 * US, 30_000, List.of(),
            null));
        assertEquals(CapacityResult.Outcome.BELOW, none.outcome());
        assertNull(none.rate());
        assertTrue(none.probes().getLast().rate() >= SETTINGS.minRate(), none.probes().toString());
        assertTrue(none.describe().startsWith("< 156 msg/s"), none.describe());
    }

    @Test
    void p999IsJudgedOnlyWithEnoughLatencies()
    {
        final ProbeOutcome fewSamples = new ProbeOutcome(500 * US, 30_000 * US, 9_999, List.of(), null);
        assertEquals(Verdict.WITHIN, CapacitySearch.judge(3_000, fewSamples, SETTINGS).verdict());
        final ProbeOutcome enough = new ProbeOutcome(500 * US, 30_000 * US, 10_000, List.of(), null);
        final Probe p = CapacitySearch.judge(3_000, enough, SETTINGS);
        assertEquals(Verdict.OVER, p.verdict());
        assertEquals("p99.9 30000 us > 10ms", p.why());
    }

    @Test
    void everySearchEndsWithinItsProbeBudgetWhateverTheServerDoes()
    {
        final Verdict[] kinds = Verdict.values();
        for (int seed = 0; seed < 300; seed++)
        {
            final Random random = new Random(seed);
            final CapacityResult r = run(SETTINGS, rate -> switch (kinds[random.nextInt(kinds.length)])
            {
                case WITHIN -> new ProbeOutcome(100 * US, 1_000 * US, 50_000, List.of(), null);
                case OVER -> new ProbeOutcome(9_000 * US, 1_000 * US, 50_000, List.of(), null);
                case DISTURBED -> new ProbeOutcome(9_000 * US, 1_000 * US, 50_000, List.of("SEND_LAG 50% of p99"),
                    null);
                case FAILED -> random.nextBoolean() ? ProbeOutcome.failed("crash") : new ProbeOutcome(0, 0, 0, null,
                    null);
            });
            assertTrue(r.probes().size() <= SETTINGS.maxProbes(), "seed " + seed + ": " + r.probes().size());
        }
    }

    @Test
    void aRoomSizeSearchFindsTheLargestRoomAtItsPerMemberRate()
    {
        // each member sends 20 msg/s and receives every member's: the server's load grows as members squared
        final CapacitySettings rooms = SearchSettings.with(null, null, 20.0);
        final QueueingServer server = new QueueingServer(100 * 100 * 20, 200 * US);
        final CapacityResult r = run(rooms, members -> server.apply(members * members * 20));
        assertEquals(Axis.MEMBERS, r.axis());
        assertEquals(CapacityResult.Outcome.FOUND, r.outcome(), r.describe());
        final double largest = Math.sqrt(server.capacity(SETTINGS.p99Nanos()) / 20);
        assertTrue(r.rate() <= largest && r.rate() >= 0.95 * largest, largest + " members, found " + r.describe());
        assertEquals(8, r.probes().getFirst().rate(), "from startMembers");
        assertTrue(r.describe().startsWith(Math.round(r.rate()) + " members: "), r.describe());
        assertEquals(new io.ioarena.harness.suite.PointSpec("v", "w", io.ioarena.protocol.Service.CHAT,
            io.ioarena.protocol.Framing.LINE, io.ioarena.contract.Mode.OPEN, 1_800, 90, 64, 1, 1),
            Axis.MEMBERS.probe(new io.ioarena.harness.suite.PointSpec("v", "w", io.ioarena.protocol.Service.CHAT,
            io.ioarena.protocol.Framing.LINE, io.ioarena.contract.Mode.OPEN, 5, 16, 64, 1, 1), 90, rooms),
            "90 members at 20 msg/s each");
    }

    @Test
    void anEndedSearchTakesNoMoreOutcomes()
    {
        final CapacitySearch search = new CapacitySearch(SETTINGS);
        search.record(ProbeOutcome.failed("crash"));
        assertThrows(IllegalStateException.class, () -> search.record(ProbeOutcome.failed("again")));
    }

    @Test
    void badSettingsAreRefusedByName()
    {
        final IllegalArgumentException precision = assertThrows(IllegalArgumentException.class,
            () -> new CapacitySettings(null, null, null, null, null, null, 1.5, null, null, null, null, null, null,
                null));
        assertTrue(precision.getMessage().startsWith("capacity.precision must be"), precision.getMessage());
        final IllegalArgumentException slo = assertThrows(IllegalArgumentException.class,
            () -> new CapacitySettings("fast", null, null, null, null, null, null, null, null, null, null, null, null,
                null));
        assertTrue(slo.getMessage().startsWith("capacity.p99 must be a duration"), slo.getMessage());
        final IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
            () -> new CapacitySettings(null, null, null, 50.0, null, null, null, null, null, null, null, null, null,
                null));
        assertTrue(order.getMessage().contains("minRate <= startRate <= maxRate"), order.getMessage());
    }
}
