package io.ioarena.harness.run;

import io.ioarena.contract.Mode;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SteadyStateTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aChunkInWhichTheCompilerUsedAtMostOnePercentIsSteady()
    {
        assertEquals(SteadyState.Verdict.WARMING, SteadyState.after(300_000_000L, 3 * SECOND, 3 * SECOND),
            "the first seconds of a JVM: C2 busy");
        assertEquals(SteadyState.Verdict.WARMING, SteadyState.after(31_000_000L, 3 * SECOND, 9 * SECOND));
        assertEquals(SteadyState.Verdict.STEADY, SteadyState.after(30_000_000L, 3 * SECOND, 9 * SECOND));
        assertEquals(SteadyState.Verdict.STEADY, SteadyState.after(0, 3 * SECOND, 12 * SECOND));
    }

    @Test
    void aServerWithoutCompilerThreadsIsSteadyAtOnce()
    {
        assertEquals(SteadyState.Verdict.STEADY, SteadyState.after(-1, 3 * SECOND, 3 * SECOND));
    }

    @Test
    void aJitThatNeverQuietensIsMeasuredAfterTheLimitAndSaysSo()
    {
        final long max = SteadyState.MAX.toNanos();
        assertEquals(SteadyState.Verdict.WARMING, SteadyState.after(SECOND, 3 * SECOND, max - 1));
        assertEquals(SteadyState.Verdict.GAVE_UP, SteadyState.after(SECOND, 3 * SECOND, max));
    }

    @Test
    void theCompilerThreadsAreFoundByTheirKernelNames(@TempDir final Path proc) throws IOException
    {
        thread(proc, 10, "java", 5_000_000_000L);
        thread(proc, 11, "C2 CompilerThre", 700);
        thread(proc, 12, "C1 CompilerThre", 300);
        thread(proc, 13, "selector-reacto", 9_000_000_000L);
        assertEquals(1000, JitActivity.compilerNanos(proc));
    }

    @Test
    void noCompilerThreadsOrNoProcessIsMinusOne(@TempDir final Path proc) throws IOException
    {
        thread(proc, 10, "python3", 5_000_000_000L);
        assertEquals(-1, JitActivity.compilerNanos(proc));
        assertEquals(-1, JitActivity.compilerNanos(proc.resolve("gone")));
    }

    @Test
    void eachTrialWarmsUnderItsHeaviestLoad()
    {
        final PointSpec open5k = spec("selector", "echo", "open", 5000, 16, 0);
        final PointSpec open20k = spec("selector", "echo", "open", 20000, 16, 0);
        final PointSpec closed = spec("selector", "echo", "closed", 0, 16, 1);
        final PointSpec chat = spec("selector", "chat", "open", 500, 16, 0);
        final Map<String, PointSpec> loads = Trials.warmupLoads(List.of(open5k, open20k, closed, chat));
        assertEquals(closed, loads.get("selector_echo_line"), "closed loop runs the hot path most often");
        final PointSpec chatLoad = loads.get("selector_chat_line");
        assertEquals(List.of(Mode.CLOSED, 1, 16, Service.CHAT), List.of(chatLoad.mode(), chatLoad.inFlight(),
            chatLoad.connections(), chatLoad.workload()), "an open-loop point warms in closed loop, one in flight");
        final PointSpec echoLoad = Trials.warmupLoads(List.of(open20k, spec("selector", "echo", "open", 20000, 32, 0)))
            .get("selector_echo_line");
        assertEquals(List.of(Mode.CLOSED, 1, 32), List.of(echoLoad.mode(), echoLoad.inFlight(),
            echoLoad.connections()), "the open-loop point with the most load, in closed loop");
    }

    private static PointSpec spec(final String variant, final String workload, final String mode, final double rate,
        final int connections, final int inFlight)
    {
        return new PointSpec(variant, workload + "-" + mode, Service.fromCliName(workload), Framing.LINE,
            Mode.fromCliName(mode), rate, connections, 64, inFlight, 1);
    }

    private static void thread(final Path proc, final int tid, final String name, final long cpuNanos)
        throws IOException
    {
        final Path task = Files.createDirectories(proc.resolve(Integer.toString(tid)));
        Files.writeString(task.resolve("comm"), name + "\n");
        Files.writeString(task.resolve("schedstat"), cpuNanos + " 12345 67\n");
    }
}
