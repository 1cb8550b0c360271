package io.ioarena.harness.run;

import io.ioarena.harness.env.Machine;
import io.ioarena.harness.results.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The run-queue column against a process that is made to wait: two spinning threads pinned to one CPU each wait
 * about half the time (together about 1000 ms per second), a sleeping thread not at all.
 */
class RunQueueWaitTest
{
    private static final Duration WINDOW = Duration.ofMillis(1500);
    private static final Duration INTERVAL = Duration.ofMillis(100);

    @Test
    void twoBusyThreadsOnOneCpuWaitAndASleepingOneDoesNot(@TempDir final Path dir) throws Exception
    {
        assumeTrue(Files.exists(Path.of("/proc/self/schedstat")), "no /proc/<pid>/schedstat on this system");
        assumeTrue(Machine.hasCommand("taskset"), "taskset (util-linux) is not installed: cannot pin two threads " +
            "to one CPU");
        final String cpu = Integer.toString(Machine.allowedCpus().get(0));
        final Process busy = new ProcessBuilder("taskset", "-c", cpu,
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
            "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), BusyThreads.class.getName())
            .redirectError(dir.resolve("busy.err").toFile()).start();
        try
        {
            final String first = new BufferedReader(new InputStreamReader(busy.getInputStream(),
                StandardCharsets.UTF_8)).readLine();
            assumeTrue("started".equals(first), "taskset -c " + cpu + " java could not start the busy process: " +
                first + " " + Files.readString(dir.resolve("busy.err")));
            try (ProcSampler busyThreads = new ProcSampler(busy.pid(), dir.resolve("busy.csv"), INTERVAL,
                Pattern.compile(Pattern.quote(BusyThreads.BUSY) + ".*")).start();
                ProcSampler idleThread = new ProcSampler(busy.pid(), dir.resolve("idle.csv"), INTERVAL,
                    Pattern.compile(BusyThreads.IDLE)).start())
            {
                final long from = System.currentTimeMillis() + INTERVAL.toMillis();
                Thread.sleep(WINDOW.plus(INTERVAL.multipliedBy(3)).toMillis());
                final long to = from + WINDOW.toMillis();
                busyThreads.close();
                idleThread.close();
                final Resources spinning = Resources.of(busyThreads.samples(), from, to, null);
                final Resources sleeping = Resources.of(idleThread.samples(), from, to, null);
                System.out.printf("run-queue wait on CPU %s: two busy threads %.0f ms/s, the sleeping one %.1f ms/s," +
                    " the whole process %.0f ms/s%n", cpu, spinning.eventLoopRunQueueMsPerSecond(),
                    sleeping.eventLoopRunQueueMsPerSecond(), spinning.runQueueMsPerSecond());
                assertEquals(2, spinning.eventLoopThreads());
                assertEquals(1, sleeping.eventLoopThreads());
                assertTrue(spinning.eventLoopRunQueueMsPerSecond() > 300, "two threads sharing one CPU wait for it: " +
                    spinning.eventLoopRunQueueMsPerSecond() + " ms/s");
                assertTrue(sleeping.eventLoopRunQueueMsPerSecond() < 20, "a sleeping thread never waits for a CPU: " +
                    sleeping.eventLoopRunQueueMsPerSecond() + " ms/s");
                assertTrue(spinning.runQueueMsPerSecond() >= spinning.eventLoopRunQueueMsPerSecond(),
                    "the whole process waits at least as long as two of its threads");
                final List<String> csv = Files.readAllLines(dir.resolve("busy.csv"));
                assertEquals(ProcSample.CSV_HEADER, csv.get(0));
                assertTrue(csv.size() > 10, "sampled every 100 ms: " + csv.size());
            }
        }
        finally
        {
            busy.getOutputStream().close();
            busy.destroyForcibly();
            busy.waitFor();
        }
    }
}
