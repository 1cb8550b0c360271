package io.ioarena.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.ioarena.harness.run.Cancellation;
import io.ioarena.harness.run.ParentDeath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ctrl-C (SIGINT to the harness process), or SIGKILL, in the middle of a point: every process the suite started is
 * gone, the finished point stays readable, and {@code --resume} completes the suite without redoing it.
 */
class InterruptAndResumeTest
{
    @TempDir
    Path dir;

    @Test
    void interruptKillsEverythingKeepsFinishedPointsAndResumeCompletes() throws Exception
    {
        final Process bench = startAndWaitForPointTwo(TestSuites.suite(dir, "interrupt", List.<String[]>of(
            new String[] {"fake", TestSuites.fakeServer("ok", dir)}), List.of(1000, 2000, 3000), 1, "ok", false));
        try
        {
            new ProcessBuilder("kill", "-INT", Long.toString(bench.pid())).start().waitFor();
            assertTrue(bench.waitFor(30, TimeUnit.SECONDS), "the harness ended after Ctrl-C");
        }
        finally
        {
            bench.destroyForcibly();
        }
        final String out = Files.readString(dir.resolve("bench.out"));
        assertEquals(130, bench.exitValue(), out);
        assertTrue(out.contains("--resume"), "it says how to resume: " + out);
        TestSuites.assertNoneAlive(dir, "after Ctrl-C");

        final Path results = TestSuites.newestResults(dir.resolve("results"));
        final JsonNode manifest = TestSuites.JSON.readTree(results.resolve("manifest.json").toFile());
        assertEquals("INTERRUPTED", manifest.path("status").asText());
        assertEquals(1, manifest.path("finishedPoints").asInt());
        final List<String> csv = Files.readAllLines(results.resolve("results.csv"));
        assertEquals(2, csv.size(), "the finished point is in results.csv: " + csv);
        assertTrue(csv.get(1).contains(",OK,"), csv.get(1));
        assertResumeCompletes(results, 3);
    }

    /**
     * SIGKILL gives the harness no chance to end anything: its servers and client die with it all the same (they run
     * under setpriv --pdeathsig), the trial stopped (SIGSTOP) between its points too, and what it leaves, a manifest
     * still RUNNING and a half-run point, is what {@code --resume} completes.
     */
    @Test
    void aKilledHarnessTakesItsProcessesWithItAndResumeCompletes() throws Exception
    {
        assumeTrue(ParentDeath.available(), "skipped: without setpriv --pdeathsig only Ctrl-C ends what it started");
        // plan order (seed 7): b, a, a, b; in point 2 a runs and b waits, stopped, for point 4
        final Process bench = startAndWaitForPointTwo(TestSuites.suite(dir, "killed", List.of(
            new String[] {"a", TestSuites.fakeServer("ok", dir)}, new String[] {"b", TestSuites.fakeServer("ok", dir)}),
            List.of(1000, 2000), 1, "ok", false));
        assertEquals(1, TestSuites.pids(dir, "server-").stream().filter(InterruptAndResumeTest::stopped).count(),
            "a trial waits, stopped, for its next point");
        bench.destroyForcibly();
        assertTrue(bench.waitFor(30, TimeUnit.SECONDS), "the harness was killed");
        assertEquals(137, bench.exitValue());
        assertTrue(Files.readString(dir.resolve("bench.out")).contains("  if the harness is killed: its servers and " +
            "client die with it"), "the settings at the start say so");
        TestSuites.assertNoneAlive(dir, "after the harness was SIGKILLed");

        final Path results = TestSuites.newestResults(dir.resolve("results"));
        final JsonNode manifest = TestSuites.JSON.readTree(results.resolve("manifest.json").toFile());
        assertEquals("RUNNING", manifest.path("status").asText(), "it was never told the run ended");
        assertEquals(1, manifest.path("finishedPoints").asInt());
        assertResumeCompletes(results, 4);
        try (Stream<Path> files = Files.walk(results))
        {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
                "no temporary file is left");
        }
    }

    /**
     * Starts the harness on {@code suite} in a JVM of its own, and returns it once the first point is finished and the
     * second point's client runs.
     */
    private Process startAndWaitForPointTwo(final Path suite) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of(TestSuites.javaCommand("io.ioarena.harness.BenchMain")
            .split(" ")));
        command.addAll(List.of("--suite", suite.toString(), "--repo-root", dir.toString(), "--results-dir",
            dir.resolve("results").toString(), "--no-gate-cache"));
        final Process bench = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("bench.out").toFile()).start();
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(finishedPoints() == 1 && pointRuns() == 2))
            {
                assertTrue(System.nanoTime() < deadline && bench.isAlive(), "the suite never got to point 2: " +
                    Files.readString(dir.resolve("bench.out")));
                Thread.sleep(20);
            }
            return bench;
        }
        catch (final Exception | AssertionError e)
        {
            bench.destroyForcibly();
            throw e;
        }
    }

    /**
     * {@code --resume} runs the {@code points - 1} points left, the interrupted one among them, and not the finished
     * one, and the suite is COMPLETED.
     */
    private void assertResumeCompletes(final Path results, final int points) throws IOException
    {
        assertEquals(2, pointRuns());
        final TestSuites.Run resumed = TestSuites.bench(dir, new Cancellation(), "--resume", results.toString());
        assertEquals(0, resumed.status(), resumed.out());
        assertEquals("COMPLETED", resumed.manifest().path("status").asText());
        assertEquals(1, resumed.manifest().path("resumedAt").size());
        assertEquals(points + 1, Files.readAllLines(results.resolve("results.csv")).size(), "every point");
        assertEquals(points + 1, pointRuns(), "the finished point was not run again; the interrupted one was");
        TestSuites.assertNoneAlive(dir, "after the resumed suite");
    }

    /** Whether the process is stopped (state T in /proc/<pid>/stat, after the parenthesised command name). */
    private static boolean stopped(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
        }
        catch (final IOException gone)
        {
            return false;
        }
    }

    /** The client runs of points (a trial's warm-up chunks run the client too, under a warmup-<n> label). */
    private long pointRuns() throws IOException
    {
        final Path runs = dir.resolve("runs.log");
        return !Files.exists(runs) ? 0 : Files.readAllLines(runs).stream().filter(l -> l.contains("_rep")).count();
    }

    private int finishedPoints() throws IOException
    {
        final Path results = TestSuites.newestResults(dir.resolve("results"));
        if (results == null || !Files.isDirectory(results.resolve("points")))
        {
            return 0;
        }
        try (Stream<Path> points = Files.list(results.resolve("points")))
        {
            return (int) points.filter(p -> Files.exists(p.resolve("point.json"))).count();
        }
    }

    @Test
    void cancellingInProcessStopsTheRunningPoint() throws Exception
    {
        final Path suite = TestSuites.suite(dir, "cancel", List.<String[]>of(new String[] {"fake",
            TestSuites.fakeServer("ok", dir)}), List.of(1000), 1, "hang", false);
        final Cancellation cancellation = new Cancellation();
        final Thread canceller = Thread.ofPlatform().start(() ->
        {
            try
            {
                // the hanging client hangs in the trial's first warm-up chunk, before the point's own run
                while (TestSuites.pids(dir, "warmup-").isEmpty())
                {
                    Thread.sleep(20);
                }
                cancellation.cancel();
            }
            catch (final IOException | InterruptedException e)
            {
                throw new IllegalStateException(e);
            }
        });
        final TestSuites.Run run = TestSuites.bench(dir, cancellation, "--suite", suite.toString());
        canceller.join();
        assertEquals(130, run.status(), run.out());
        assertEquals("INTERRUPTED", run.manifest().path("status").asText());
        assertEquals(1, run.lines("results.csv").size(), "no half-measured point in the results");
        assertFalse(TestSuites.pids(dir, "warmup-").isEmpty());
        for (final long pid : TestSuites.pids(dir, "warmup-"))
        {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the hung client was killed");
        }
    }
}
