package io.ioarena.harness;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ioarena.harness.fakes.FakeClient;
import io.ioarena.harness.report.CsvTable;
import io.ioarena.harness.run.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A churn sweep end to end over the fake server and a fake client that completes at most
 * {@link FakeClient#CHURN_CAPACITY} connections/s: each point runs the client's {@code churn}, its churn.json becomes
 * a row of results.csv, and the point over the server's capacity is flagged.
 */
class ChurnSuiteTest
{
    @TempDir
    Path dir;

    @Test
    void aChurnSweepRunsTheClientsChurnAndRecordsItsRows() throws Exception
    {
        final Path file = TestSuites.suite(dir, "churny", List.<String[]>of(new String[] {"fake",
            TestSuites.fakeServer("ok", dir)}), List.of(500, 1000), 1, "ok", false);
        final ObjectNode suite = (ObjectNode) TestSuites.JSON.readTree(file.toFile());
        final ObjectNode sweep = (ObjectNode) suite.get("sweeps").get(0);
        sweep.put("name", "churn").put("mode", "churn").remove("connections");
        TestSuites.JSON.writeValue(file.toFile(), suite);

        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", file.toString());
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("fake 500 conn/s p99 200 us"), run.out());
        assertTrue(run.out().contains("sweep churn: echo/line connection churn (connect, one echo, close) rates "
            + "[500.0, 1000.0] conn/s"), run.out());

        final List<String> measured = Files.readAllLines(dir.resolve("runs.log")).stream()
            .filter(l -> !l.contains("warmup-")).toList();
        assertEquals(2, measured.size(), measured.toString());
        for (final String line : measured)
        {
            assertTrue(line.startsWith("churn --host 127.0.0.1 --port "), line);
            assertTrue(line.contains(" --framing line --rate ") && line.contains(" --size 64 "), line);
            assertFalse(line.contains("--connections") || line.contains("--mode"), "not run's flags: " + line);
        }
        final ArrayNode points = (ArrayNode) run.manifest().path("points");
        assertEquals(2, points.size());

        final Map<String, Map<String, String>> byRate = new java.util.TreeMap<>();
        for (final Map<String, String> row : CsvTable.parse(Files.readString(run.resultsDir().resolve("results.csv")))
            .rows())
        {
            byRate.put(row.get("point_id").replaceAll(".*_churn(\\d+)_.*", "$1"), row);
        }
        final Map<String, String> under = byRate.get("500");
        assertEquals("OK", under.get("status"));
        assertEquals("churn", under.get("mode"));
        assertEquals(500, Double.parseDouble(under.get("rate_requested")), 1e-9);
        assertEquals("", under.get("connections"), "a churn point holds no connections of its own");
        assertEquals(500, Double.parseDouble(under.get("rate_achieved")), 1e-9);
        assertEquals(200, Double.parseDouble(under.get("p99_us")), 1e-9, "first-echo p99");
        assertEquals(50, Double.parseDouble(under.get("connect_p99_us")), 1e-9);
        assertEquals("500", under.get("churn_completed"));
        assertEquals("", under.get("churn_failures"));
        assertEquals("true", under.get("valid"), under.get("flags"));

        final Map<String, String> over = byRate.get("1000");
        assertEquals(FakeClient.CHURN_CAPACITY, Double.parseDouble(over.get("rate_achieved")), 1e-9);
        assertEquals("timeout 200", over.get("churn_failures"));
        assertEquals("UNDER_TARGET 20%; CHURN_FAILED 200 (timeout 200)", over.get("flags"));
        assertEquals("false", over.get("valid"));
        final String pointJson = Files.readString(run.resultsDir().resolve("points")
            .resolve(over.get("point_id")).resolve("point.json"));
        assertTrue(pointJson.contains("\"churn\""), "the point's client command is the client's churn");
        TestSuites.assertNoneAlive(dir, "after the suite");
    }
}
