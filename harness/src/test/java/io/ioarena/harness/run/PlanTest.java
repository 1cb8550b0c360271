package io.ioarena.harness.run;

import io.ioarena.contract.Mode;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.Sweep;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PlanTest
{
    private static Suite suite(final String order)
    {
        final Sweep rate = new Sweep("echo-rate", Service.ECHO, Framing.LINE, Mode.OPEN, List.of(1000.0, 2000.0, 4000.0), List.of(16),
            List.of(64), null, null, null, null, null);
        final Sweep max = new Sweep("echo-max", Service.ECHO, Framing.LINE, Mode.CLOSED, null, List.of(16, 64), List.of(64), 1, null, null, null, null);
        return new Suite("t", List.of("selector", "netty-epoll"), Map.of(), List.of(rate, max), 3, order, 5, "1s",
            "2s", null, null, null, true, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void eachScenarioRunsItsRoundsBackToBackEveryRoundVisitingItsPointsOnceInAShuffledOrder()
    {
        final Plan plan = Plan.of(suite("shuffled"), List.of("selector", "netty-epoll"));
        assertEquals(2 * 5 * 3, plan.points().size());
        // echo-rate: 2 servers x 3 rates a round, 3 rounds; then echo-max: 2 servers x 2 connection counts a round
        final List<List<PlannedPoint>> rounds = new ArrayList<>();
        for (int i = 0; i < 18; i += 6)
        {
            rounds.add(plan.points().subList(i, i + 6));
        }
        for (int i = 18; i < 30; i += 4)
        {
            rounds.add(plan.points().subList(i, i + 4));
        }
        for (int r = 0; r < rounds.size(); r++)
        {
            final List<PlannedPoint> round = rounds.get(r);
            final String sweep = r < 3 ? "echo-rate" : "echo-max";
            assertEquals(round.size(), round.stream().map(PlannedPoint::spec).distinct().count(), "round " + r);
            assertEquals(Set.of(sweep), round.stream().map(p -> p.spec().sweep()).collect(Collectors.toSet()));
            assertEquals(Set.of(r % 3 + 1), round.stream().map(PlannedPoint::repetition).collect(Collectors.toSet()));
        }
        assertEquals(30, plan.points().stream().map(PlannedPoint::id).distinct().count(), "ids are unique");
        assertNotEquals(rounds.get(0).stream().map(PlannedPoint::spec).toList(),
            rounds.get(1).stream().map(PlannedPoint::spec).toList(), "each round is reshuffled");
        assertEquals(plan, Plan.of(suite("shuffled"), List.of("selector", "netty-epoll")), "same seed, same plan");
    }

    @Test
    void interleavedRoundsKeepPlanOrder()
    {
        final List<PointSpec> specs = Plan.of(suite("interleaved"), List.of("selector", "netty-epoll")).points()
            .stream().map(PlannedPoint::spec).toList();
        assertEquals(specs.subList(0, 6), specs.subList(6, 12));
        assertEquals(specs.subList(18, 22), specs.subList(22, 26));
        assertEquals("selector_echo-rate_c16_s64_r1000", specs.get(0).key());
        assertEquals("netty-epoll_echo-rate_c16_s64_r1000", specs.get(3).key());
        assertEquals("selector_echo-max_c16_s64_closed1", specs.get(18).key());
    }

    @Test
    void theEstimateIsTheGatePerServerAWarmUpPerTrialAndEveryPointWithItsOverhead()
    {
        final Suite suite = suite("shuffled");
        final Plan plan = Plan.of(suite, List.of("selector", "netty-epoll"));
        // 2 servers x 5 points x 3 repetitions of 1 s warm-up + 2 s measured; one echo/line trial per server
        final Duration points = Duration.ofSeconds(3).plus(Plan.POINT_OVERHEAD).multipliedBy(30);
        assertEquals(points.plus(Plan.TRIAL_WARMUP.multipliedBy(2)).plus(Plan.GATE_COST.multipliedBy(2)),
            plan.estimate(suite, Set.of()));
    }

    @Test
    void aServerWhoseGateIsCachedCostsNoGate()
    {
        final Suite suite = suite("shuffled");
        final Plan plan = Plan.of(suite, List.of("selector", "netty-epoll"));
        assertEquals(plan.estimate(suite, Set.of()).minus(Plan.GATE_COST),
            plan.estimate(suite, Set.of("netty-epoll", "a-server-not-in-the-plan")));
    }

    @Test
    void aChurnPointIsEstimatedWithoutTheMemoryRunItDoesNotMake()
    {
        final Sweep churn = new Sweep("churn", Service.ECHO, Framing.LINE, Mode.CHURN, List.of(500.0), null,
            List.of(64), null, null, null, null, null);
        final Suite probed = suite("shuffled").withMemoryProbe(true);
        final Suite both = probed.withSweeps(List.of(probed.sweeps().get(1), churn));
        final Plan plan = Plan.of(both, List.of("selector"));
        // 1 server x (2 closed-loop points with their memory runs + 1 churn point) x 3 repetitions; one trial
        final Duration expected = plan.perPoint(both).multipliedBy(6)
            .plus(Duration.ofSeconds(3).plus(Plan.POINT_OVERHEAD).multipliedBy(3))
            .plus(Plan.TRIAL_WARMUP).plus(Plan.GATE_COST);
        assertEquals(expected, plan.estimate(both, Set.of()));
    }
}
