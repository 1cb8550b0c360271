package io.ioarena.load;

import io.ioarena.protocol.Service;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan of {@code --chat-churn}'s visits on a fake clock: exactly which joins, when each leaves, which room. */
class VisitPlanTest
{
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_000 * S;

    private static LoadConfig config(final double churn)
    {
        final LoadConfig.Builder b = LoadConfig.builder(7000);
        b.workload = Service.CHAT;
        b.connections = 100;
        b.rooms = 5;
        b.chatChurn = churn;
        b.warmupNanos = S;
        b.durationNanos = 3 * S;
        return b.build();
    }

    @Test
    void theJoinsOfAllVisitorsAreExactlyTheRatesPlanAndEveryVisitLeavesWithinTheRun()
    {
        final LoadConfig config = config(10);
        final RunTiming timing = RunTiming.of(T0, config);
        final int visitors = VisitPlan.visitors(config.chatChurn());
        assertEquals(20, visitors, "a visitor per 2 s of joins");
        final long[] byPhase = new long[2];
        long lastJoin = Long.MIN_VALUE;
        for (int v = 0; v < visitors; v++)
        {
            final VisitPlan plan = new VisitPlan(config, timing, v);
            int previousRoom = -1;
            for (long k = 0; plan.joinAt() != Long.MAX_VALUE; k++)
            {
                final long join = plan.joinAt();
                // constant arrivals: global join j at t0 + j / rate, visitor v making joins j = k * visitors + v
                assertEquals(T0 + (k * visitors + v) * S / 10, join, "visitor " + v + ", visit " + k);
                final long leave = plan.leaveAt(join);
                assertEquals(Math.min(join + S, timing.end()), leave, "half of the 2 s period, within the run");
                assertEquals((v + k) % 5, plan.room());
                assertNotEquals(previousRoom, plan.room(), "consecutive visits go to different rooms");
                previousRoom = plan.room();
                byPhase[timing.phase(join)]++;
                lastJoin = Math.max(lastJoin, join);
                plan.advance();
            }
        }
        assertEquals(30, byPhase[RunTiming.MEASURED], "10 joins/s over the 3 measured seconds");
        assertEquals(10, byPhase[RunTiming.WARMUP], "and over the 1 s warm-up");
        assertTrue(lastJoin < timing.end(), "none at or after the end");
    }

    @Test
    void visitorsAreSlicedExactlyOverInstancesAndTheChurnIsValidated()
    {
        assertEquals(0, VisitPlan.visitors(0));
        assertEquals(1, VisitPlan.visitors(0.1), "at least one visitor for any churn");
        final LoadConfig.Builder b = LoadConfig.builder(7000);
        b.workload = Service.CHAT;
        b.connections = 9;
        b.chatChurn = 2.5;
        b.instanceCount = 3;
        int total = 0;
        for (int i = 0; i < 3; i++)
        {
            b.instanceIndex = i;
            total += b.build().visitorSlice().count();
        }
        assertEquals(5, total);

        final LoadConfig.Builder echo = LoadConfig.builder(7000);
        echo.chatChurn = 1;
        assertTrue(assertThrows(IllegalArgumentException.class, echo::build).getMessage()
            .startsWith("--chat-churn is for open-loop chat"));
        final LoadConfig.Builder negative = LoadConfig.builder(7000);
        negative.workload = Service.CHAT;
        negative.chatChurn = -1;
        assertTrue(assertThrows(IllegalArgumentException.class, negative::build).getMessage()
            .startsWith("--chat-churn must be >= 0"));
        negative.chatChurn = 6000;
        assertTrue(assertThrows(IllegalArgumentException.class, negative::build).getMessage()
            .startsWith("--chat-churn must be at most 5000 joins/s"));
    }
}
