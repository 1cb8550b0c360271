package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmPolicyTest
{
    private final JvmPolicy policy = new JvmPolicy("java", "1g", "ParallelGC", 25);

    @Test
    void measuredServersGetAFixedHeapThatIsNotTouchedUpFront()
    {
        final List<String> flags = policy.serverFlags(Path.of("gc.log"), 1);
        assertTrue(flags.containsAll(List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC")), flags.toString());
        assertFalse(flags.stream().anyMatch(f -> f.contains("AlwaysPreTouch")), flags.toString());
        assertTrue(JvmPolicy.NOTES.stream().anyMatch(n -> n.contains("AlwaysPreTouch")),
            "the manifest's policy notes say why");
    }
}
