package io.ioarena.harness.run;

import io.ioarena.contract.Mode;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.Sweep;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    void everyRoundVisitsEveryPointOnceInAShuffledOrder()
    {
        final Plan plan = Plan.of(suite("shuffled"), List.of("selector", "netty-epoll"));
        assertEquals(2 * 5 * 3, plan.points().size());
        final Set<String> ids = new HashSet<>();
        for (int round = 0; round < 3; round++)
        {
            final List<PlannedPoint> r = plan.points().subList(round * 10, round * 10 + 10);
            assertEquals(10, r.stream().map(PlannedPoint::spec).distinct().count(), "round " + round);
            r.forEach(p -> ids.add(p.id()));
        }
        assertEquals(30, ids.size(), "ids are unique");
        assertNotEquals(plan.points().subList(0, 10).stream().map(PlannedPoint::spec).toList(),
            plan.points().subList(10, 20).stream().map(PlannedPoint::spec).toList(), "each round is reshuffled");
        assertEquals(plan, Plan.of(suite("shuffled"), List.of("selector", "netty-epoll")), "same seed, same plan");
    }

    @Test
    void interleavedRoundsKeepPlanOrder()
    {
        final List<PointSpec> specs = Plan.of(suite("interleaved"), List.of("selector", "netty-epoll")).points()
            .stream().map(PlannedPoint::spec).toList();
        assertEquals(specs.subList(0, 10), specs.subList(10, 20));
        assertEquals("selector_echo-rate_c16_s64_r1000", specs.get(0).key());
        assertEquals("selector_echo-max_c64_s64_closed1", specs.get(4).key());
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
