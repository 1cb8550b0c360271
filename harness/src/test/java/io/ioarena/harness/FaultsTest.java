package io.ioarena.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.ioarena.harness.report.CsvTable;
import io.ioarena.harness.results.Tables;
import io.ioarena.harness.run.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server that crashes or never gets ready, and a client that fails, make their points FAILED; the suite goes on. */
class FaultsTest
{
    @TempDir
    Path dir;

    @Test
    void crashingAndNeverReadyServersFailTheirPointsAndTheSuiteGoesOn() throws IOException
    {
        final Path suite = TestSuites.suite(dir, "faults", List.of(
            new String[] {"crashes", TestSuites.fakeServer("exit-after-300", dir)},
            new String[] {"silent", TestSuites.fakeServer("never-ready", dir)},
            new String[] {"fine", TestSuites.fakeServer("ok", dir)}), List.of(1000), 1, "ok", false);
        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", suite.toString());
        assertEquals(1, run.status(), "some points FAILED: " + run.out());

        final Map<String, JsonNode> byServer = pointsByServer(run);
        final JsonNode crashed = byServer.get("crashes");
        assertEquals("FAILED", crashed.path("status").asText());
        assertEquals("the server exited with status 3 during the run (while its trial was warmed)",
            crashed.path("reason").asText());
        final Path trialDir = run.resultsDir().resolve("trials").resolve("crashes_echo_line");
        assertTrue(Files.readString(trialDir.resolve("server.log")).contains("fake crash"), "its log is kept");
        assertEquals(3, TestSuites.JSON.readTree(run.resultsDir().resolve("trials").resolve("crashes_echo_line.json")
            .toFile()).path("exitStatus").asInt(), "its trial records how it ended");

        final JsonNode silent = byServer.get("silent");
        assertEquals("FAILED", silent.path("status").asText());
        assertTrue(silent.path("reason").asText().startsWith("the server did not get ready: no readiness line " +
            "within 3000 ms"), silent.path("reason").asText());
        assertTrue(silent.path("reason").asText().contains("starting up, slowly..."), "the reason shows its output");

        assertEquals("OK", byServer.get("fine").path("status").asText(), "the suite went on after the failures");
        assertEquals("COMPLETED", run.manifest().path("status").asText());
        assertEquals(4, run.lines("results.csv").size(), "every point has a row, FAILED ones too");
        TestSuites.assertNoneAlive(dir, "after the suite");
    }

    @Test
    void aPointTheHarnessWillNotRankSaysWhyOnItsProgressLine() throws IOException
    {
        // the late client: its send lag at p99 equals the p99 it measured, so the point is not ranked (SEND_LAG)
        final Path suite = TestSuites.suite(dir, "late", List.<String[]>of(new String[] {"fine",
            TestSuites.fakeServer("ok", dir)}), List.of(1000), 1, "late", false);
        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", suite.toString());
        assertEquals(0, run.status(), run.out());
        final String flags = CsvTable.read(run.resultsDir().resolve("results.csv")).rows().getFirst().get("flags");
        assertTrue(flags.startsWith("SEND_LAG"), flags);
        assertTrue(run.out().contains("[flagged, dropped from the statistics: " + flags + "]"), "the progress line: " + run.out());
    }

    @Test
    void failingClientFailsThePointWithItsOutput() throws IOException
    {
        final Path suite = TestSuites.suite(dir, "client", List.<String[]>of(new String[] {"fine",
            TestSuites.fakeServer("ok", dir)}), List.of(1000), 1, "fail", false);
        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", suite.toString());
        assertEquals(1, run.status(), run.out());
        final String row = run.lines("results.csv").get(1);
        assertTrue(row.contains("FAILED"), row);
        assertTrue(row.contains("the client failed with status 1: fake client: could not connect"), row);
        assertEquals("FAILED", run.manifest().path("points").get(0).path("status").asText());
        final int reason = Tables.SUMMARY_COLUMNS.indexOf("failure_reasons");
        assertTrue(run.lines("summary.csv").get(1).split(",", -1).length > reason);
        TestSuites.assertNoneAlive(dir, "after the suite");
    }

    @Test
    void aClientKilledMidPointFailsThatPointAndTheSuiteGoesOn() throws Exception
    {
        final Path suite = TestSuites.suite(dir, "killed", List.<String[]>of(new String[] {"fine",
            TestSuites.fakeServer("ok", dir)}), List.of(1000, 2000, 3000), 1, "ok", false);
        final Thread killer = Thread.ofPlatform().start(this::killTheFirstPointsClient);
        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", suite.toString());
        killer.join(TimeUnit.SECONDS.toMillis(60));
        assertEquals(1, run.status(), run.out());

        final List<Map<String, String>> rows = CsvTable.read(run.resultsDir().resolve("results.csv")).rows();
        assertEquals(3, rows.size(), "every point has a row: " + rows);
        assertEquals("FAILED", rows.getFirst().get("status"), "the point whose client was killed: " + rows);
        assertEquals("the client was killed by signal 9 (SIGKILL) during the run", rows.getFirst().get("reason"));
        assertEquals(List.of("OK", "OK"), rows.subList(1, 3).stream().map(r -> r.get("status")).toList(),
            "the next points ran on a fresh client");
        assertEquals(2, TestSuites.pids(dir, "client-").size(), "the killed client and its successor");
        assertEquals("COMPLETED", run.manifest().path("status").asText());
        TestSuites.assertNoneAlive(dir, "after the suite");
    }

    /** SIGKILLs the client agent as soon as it starts the first point's run (its warm-up runs come before). */
    private void killTheFirstPointsClient()
    {
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline)
            {
                final List<Long> clients = TestSuites.pids(dir, "client-");
                if (!clients.isEmpty())
                {
                    ProcessHandle.of(clients.getFirst()).ifPresent(ProcessHandle::destroyForcibly);
                    return;
                }
                Thread.sleep(5);
            }
        }
        catch (final IOException | InterruptedException e)
        {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, JsonNode> pointsByServer(final TestSuites.Run run) throws IOException
    {
        final Map<String, JsonNode> out = new HashMap<>();
        for (final JsonNode p : run.manifest().path("points"))
        {
            final JsonNode point = TestSuites.JSON.readTree(run.resultsDir().resolve("points")
                .resolve(p.path("id").asText()).resolve("point.json").toFile());
            out.put(point.path("spec").path("variant").asText(), point);
        }
        return out;
    }
}
