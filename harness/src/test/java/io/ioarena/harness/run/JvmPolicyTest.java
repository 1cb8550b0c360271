package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmPolicyTest
{
    private final JvmPolicy policy = new JvmPolicy("java", "1g", "ParallelGC", 25, false);

    @Test
    void measuredServersGetAFixedHeapThatIsNotTouchedUpFront()
    {
        final List<String> flags = policy.serverFlags(Path.of("gc.log"), 1);
        assertTrue(flags.containsAll(List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC")), flags.toString());
        assertFalse(flags.stream().anyMatch(f -> f.contains("AlwaysPreTouch")), flags.toString());
        assertTrue(JvmPolicy.NOTES.stream().anyMatch(n -> n.contains("AlwaysPreTouch")),
            "the manifest's policy notes say why");
    }

    @Test
    void gateServersGetASmallPreTouchedHeapC1AndTheMeasuredServersAccessFlags()
    {
        final List<String> flags = policy.gateFlags();
        assertTrue(flags.containsAll(List.of("-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", "-XX:TieredStopAtLevel=1")),
            flags.toString());
        assertTrue(flags.containsAll(policy.accessFlags()), "the gate runs the server with the flags it is measured with");
        assertTrue(flags.contains("-XX:MaxDirectMemorySize=" + policy.heap()),
            "direct memory keeps the measured servers' cap (their -Xmx), not the small gate heap's: " + flags);
    }
}
