package io.ioarena.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.ioarena.contract.ContractJson;
import io.ioarena.harness.report.CsvTable;
import io.ioarena.harness.results.SyscallCensus;
import io.ioarena.harness.results.Tables;
import io.ioarena.harness.results.Verdicts;
import io.ioarena.harness.run.Cancellation;
import io.ioarena.harness.run.SyscallCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A whole suite over the fake server and client: every result file, its columns and the aggregation. */
class ResultFilesTest
{
    @TempDir
    Path dir;

    @Test
    void suiteWritesManifestPointFilesAndTidyTables() throws IOException
    {
        final Path suite = TestSuites.suite(dir, "files", List.<String[]>of(new String[] {"fake",
            TestSuites.fakeServer("ok", dir)}), List.of(1000, 2000), 3, "ok", false);
        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", suite.toString());
        assertEquals(0, run.status(), run.out());

        final JsonNode m = run.manifest();
        assertEquals("COMPLETED", m.path("status").asText());
        assertEquals(ContractJson.SCHEMA_VERSION, m.path("schemaVersion").asInt());
        assertEquals(6, m.path("plannedPoints").asInt());
        assertEquals(6, m.path("finishedPoints").asInt());
        for (final JsonNode p : m.path("points"))
        {
            assertEquals("OK", p.path("status").asText(), p.toString());
        }
        for (final String field : List.of("javaVersion", "kernel", "cpuModel", "cpuCount", "gitCommit", "os"))
        {
            assertTrue(m.path("environment").has(field), "environment." + field);
        }
        assertTrue(m.path("jvmPolicy").path("server").toString().contains("-XX:+UseParallelGC"));
        assertTrue(m.path("jvmPolicy").path("server").toString().contains("-Xms64m"));
        assertTrue(m.path("pinning").has("serverCpus") && m.path("pinning").has("clientCpus"));
        assertEquals("files", m.path("suite").path("label").asText());
        assertTrue(m.has("startedAt") && m.has("endedAt"));
        assertTrue(Files.isRegularFile(run.resultsDir().resolve("report.html")), "the suite ends with its report");

        // per point: the client's files, the server's log and samples, and point.json
        try (Stream<Path> points = Files.list(run.resultsDir().resolve("points")))
        {
            final List<Path> all = points.toList();
            assertEquals(6, all.size());
            for (final Path p : all)
            {
                for (final String f : List.of("point.json", "summary.json", "latency.hlog", "latency.hgrm",
                    "client.log", "server-samples.csv"))
                {
                    assertTrue(Files.isRegularFile(p.resolve(f)), p.getFileName() + "/" + f);
                }
                final List<String> samples = Files.readAllLines(p.resolve("server-samples.csv"));
                assertTrue(samples.size() >= 2, "the server was sampled: " + samples);
                final JsonNode point = TestSuites.JSON.readTree(p.resolve("point.json").toFile());
                assertTrue(point.path("notes").toString().contains("trial fake_echo_line"), point.toString());
            }
        }
        // one server process (trial) served all six points: its log, warm-up and record are in trials/
        final Path trial = run.resultsDir().resolve("trials");
        assertTrue(Files.readString(trial.resolve("fake_echo_line").resolve("server.log")).contains("IOARENA-READY"));
        assertTrue(Files.isRegularFile(trial.resolve("fake_echo_line").resolve("warmup-1").resolve("summary.json")));
        final JsonNode record = TestSuites.JSON.readTree(trial.resolve("fake_echo_line.json").toFile());
        assertEquals("STEADY", record.path("steadyState").asText(), record.toString());
        assertEquals(0, record.path("exitStatus").asInt(), "it was ended with SIGTERM, gracefully");
        assertEquals(1, TestSuites.pids(dir, "server-").size(), "one server process for every point");

        final List<String> results = run.lines("results.csv");
        assertEquals(String.join(",", Tables.RESULTS_COLUMNS), results.get(0));
        assertEquals(7, results.size());
        final int p99 = Tables.RESULTS_COLUMNS.indexOf("p99_us");
        final int status = Tables.RESULTS_COLUMNS.indexOf("status");
        final int rss = Tables.RESULTS_COLUMNS.indexOf("rss_max_mb");
        for (final String row : results.subList(1, results.size()))
        {
            final String[] f = row.split(",", -1);
            assertEquals(Tables.RESULTS_COLUMNS.size(), f.length, row);
            assertEquals("OK", f[status]);
            assertTrue(Double.parseDouble(f[rss]) > 1, "RSS sampled: " + row);
            // the fake client's p99 is 100 us times the repetition number
            assertEquals(100.0 * Integer.parseInt(f[2]), Double.parseDouble(f[p99]), 1e-9);
            // its own health (generator section) likewise: busy 0.1 × rep, hiccup 1 ms × rep, rep - 1 GC pauses
            final int rep = Integer.parseInt(f[2]);
            assertEquals(0.1 * rep, Double.parseDouble(f[Tables.RESULTS_COLUMNS.indexOf("client_busy")]), 1e-9);
            assertEquals(0.75, Double.parseDouble(f[Tables.RESULTS_COLUMNS.indexOf("client_cpu_available")]), 1e-9);
            assertEquals(1000.0 * rep,
                Double.parseDouble(f[Tables.RESULTS_COLUMNS.indexOf("client_hiccup_max_us")]), 1e-9);
            assertEquals(rep - 1, Integer.parseInt(f[Tables.RESULTS_COLUMNS.indexOf("client_gc_pauses")]));
            assertEquals(1.0 * rep, Double.parseDouble(f[Tables.RESULTS_COLUMNS.indexOf("client_stalled_ms")]), 1e-9);
        }

        final List<String> summary = run.lines("summary.csv");
        assertEquals(String.join(",", Tables.SUMMARY_COLUMNS), summary.get(0));
        assertEquals(3, summary.size(), "one row per point (two rates)");
        for (final String row : summary.subList(1, summary.size()))
        {
            final String[] f = row.split(",", -1);
            assertEquals("3", f[Tables.SUMMARY_COLUMNS.indexOf("repetitions")]);
            assertEquals("3", f[Tables.SUMMARY_COLUMNS.indexOf("ok")]);
            // p99 of the three repetitions: 100, 200, 300 us -> median 200, interval [100, 300] at 75%
            assertEquals(200.0, Double.parseDouble(f[Tables.SUMMARY_COLUMNS.indexOf("p99_us_median")]), 1e-9);
            assertEquals(100.0, Double.parseDouble(f[Tables.SUMMARY_COLUMNS.indexOf("p99_us_ci_low")]), 1e-9);
            assertEquals(300.0, Double.parseDouble(f[Tables.SUMMARY_COLUMNS.indexOf("p99_us_ci_high")]), 1e-9);
            assertEquals(0.75, Double.parseDouble(f[Tables.SUMMARY_COLUMNS.indexOf("ci_level")]), 1e-9);
            // the client's worst repetition, the third
            assertEquals(0.3, Double.parseDouble(f[Tables.SUMMARY_COLUMNS.indexOf("client_busy_max")]), 1e-9);
            assertEquals(3000.0, Double.parseDouble(f[Tables.SUMMARY_COLUMNS.indexOf("client_hiccup_max_us_max")]),
                1e-9);
        }

        assertEquals(List.of(String.join(",", Verdicts.COLUMN_NAMES)), run.lines(Verdicts.FILE),
            "one server: no pair to judge, the header only");

        // atomic writes leave no temporary files behind
        try (Stream<Path> files = Files.walk(run.resultsDir()))
        {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void withForksEachRepetitionRunsOnItsOwnTrialWhichEndsAfterItsLastPoint() throws IOException
    {
        final Path suite = TestSuites.suite(dir, "forks", List.<String[]>of(new String[] {"fake",
            TestSuites.fakeServer("ok", dir)}), List.of(1000), 4, "ok", false);
        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", suite.toString(),
            "--forks", "2");
        assertEquals(0, run.status(), run.out());
        assertEquals(2, TestSuites.pids(dir, "server-").size(), "one server process per fork");
        final Path trials = run.resultsDir().resolve("trials");
        for (final int fork : List.of(1, 2))
        {
            final JsonNode record = TestSuites.JSON.readTree(trials.resolve("fake_echo_line_fork" + fork + ".json")
                .toFile());
            assertEquals(0, record.path("exitStatus").asInt(), record.toString());
        }
        // repetitions 1 and 3 ran on fork 1, 2 and 4 on fork 2; fork 1 ended after repetition 3, its last point
        final JsonNode fork1 = TestSuites.JSON.readTree(trials.resolve("fake_echo_line_fork1.json").toFile());
        for (final int rep : List.of(1, 2, 3, 4))
        {
            final JsonNode point = TestSuites.JSON.readTree(run.resultsDir().resolve("points")
                .resolve("fake_echo-rate_c4_s64_r1000_rep" + rep).resolve("point.json").toFile());
            assertTrue(point.path("notes").toString().contains("trial fake_echo_line_fork" + (rep % 2 == 1 ? 1 : 2)),
                point.toString());
            if (rep == 3)
            {
                assertTrue(fork1.path("endedAt").asText().compareTo(point.path("finishedAt").asText()) >= 0,
                    "fork 1 ended after its last point");
            }
        }
        final JsonNode last = TestSuites.JSON.readTree(run.resultsDir().resolve("points")
            .resolve("fake_echo-rate_c4_s64_r1000_rep4").resolve("point.json").toFile());
        assertTrue(fork1.path("endedAt").asText().compareTo(last.path("startedAt").asText()) <= 0,
            "fork 1 ended before the last round, not at the end of the suite: " + fork1 + " " + last);
    }

    @Test
    void aSystemCallCensusThatCannotCountLeavesThePointOkAndSaysWhy() throws IOException
    {
        // the fake client opens no connections, so its census run never loads the server (and without strace or
        // perf on the PATH there is nothing to count with at all): either way the census says why, the point is OK.
        // Where tracefs is mounted (perf itself mounts it when asked for a tracepoint), perf counts the measured
        // window and there is no census run to fail.
        assumeTrue(SyscallCounter.ofThisMachine().source() != SyscallCensus.Source.PERF,
            "tracefs is mounted here, so perf counts the window: no census run that could fail to count");
        final Path suite = TestSuites.suite(dir, "census", List.<String[]>of(new String[] {"fake",
            TestSuites.fakeServer("ok", dir)}), List.of(1000), 1, "ok", false);
        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", suite.toString(),
            "--syscall-census");
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("system-call census: "), run.out());
        final Path point = run.resultsDir().resolve("points").resolve("fake_echo-rate_c4_s64_r1000_rep1");
        final SyscallCensus census = SyscallCensus.read(point).orElseThrow();
        assertEquals(SyscallCensus.Source.NONE, census.source());
        assertTrue(census.why().contains("connections were not open") || census.why().contains("not on the PATH"),
            census.why());
        final Map<String, String> row = CsvTable.read(run.resultsDir().resolve("results.csv")).rows().get(0);
        assertEquals("OK", row.get("status"));
        assertEquals("none: " + census.why(), row.get("syscall_source"));
        assertEquals("", row.get("syscalls_per_msg"));
        assertTrue(Files.readString(run.resultsDir().resolve("report.html")).contains("System calls / msg: none: "),
            "the report says why nothing was counted");
    }

    @Test
    void dryRunPrintsThePlanAndStartsNothing() throws IOException
    {
        final Path suite = TestSuites.suite(dir, "dry", List.<String[]>of(new String[] {"fake",
            TestSuites.fakeServer("ok", dir)}), List.of(1000, 2000), 2, "ok", false);
        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", suite.toString(), "--dry-run");
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("4 runs"), run.out());
        assertTrue(run.out().contains("estimated"), run.out());
        assertTrue(run.out().contains("echo/line 2000 msg/s c4 64B rep 2"), run.out());
        assertEquals(List.of(), TestSuites.pids(dir, "server-"), "nothing started");
        assertFalse(Files.exists(dir.resolve("results")));
    }
}
