package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmPolicyTest
{
    private final JvmPolicy policy = new JvmPolicy("java", "1g", "ParallelGC", 25);

    @Test
    void theOpenLoopClientRunsC1OnlySoCompilationDoesNotDelayItsSends()
    {
        assertTrue(policy.clientFlags("open").contains("-XX:TieredStopAtLevel=1"));
    }

    @Test
    void theClosedLoopClientGetsTheFullJitBecauseItsSpeedIsPartOfEveryRoundTrip()
    {
        final List<String> closed = policy.clientFlags("closed");
        assertFalse(closed.stream().anyMatch(f -> f.startsWith("-XX:TieredStopAtLevel")), closed.toString());
        final List<String> open = policy.clientFlags("open");
        assertEquals(open.stream().filter(f -> !f.equals("-XX:TieredStopAtLevel=1")).toList(), closed,
            "otherwise the same flags");
    }
}
