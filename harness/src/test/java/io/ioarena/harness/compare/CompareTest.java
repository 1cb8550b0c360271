package io.ioarena.harness.compare;

import io.ioarena.contract.ContractJson;
import io.ioarena.harness.report.Metric;
import io.ioarena.harness.report.ResultsDir;
import io.ioarena.harness.report.SyntheticResults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareTest
{
    static final List<String> SWEEPS = List.of("echo-max", "echo-rate");

    @TempDir
    static Path tmp;
    static Path baseline;
    static Path same;
    static Path slower;

    @BeforeAll
    static void suites() throws IOException
    {
        baseline = SyntheticResults.write(tmp.resolve("baseline"), 4, Map.of(), 1, SWEEPS);
        same = SyntheticResults.write(tmp.resolve("same"), 4, Map.of(), 2, SWEEPS);
        slower = SyntheticResults.write(tmp.resolve("slower"), 4, Map.of("netty-epoll", 1.5), 3, SWEEPS);
    }

    @Test
    void aSignificantSlowdownFailsTheGate() throws IOException
    {
        final Outcome o = compare(baseline.toString(), slower.toString());
        assertEquals(CompareMain.EXIT_REGRESSION, o.status, o.out);
        assertTrue(o.err.contains("FAIL"), o.err);
        final Comparison c = Comparison.of(ResultsDir.read(baseline), ResultsDir.read(slower), 0.10, 0.05);
        assertFalse(c.regressions().isEmpty());
        assertTrue(c.regressions().stream().allMatch(r -> r.variant().equals("netty-epoll")),
            "only the slowed server regresses: " + c.regressions());
        assertTrue(c.regressions().stream().anyMatch(r -> r.metric() == Metric.THROUGHPUT &&
            r.scenario().sweep().equals("echo-max") && r.ratio() < 0.75));
        assertTrue(o.out.contains("REGRESSION"));
        assertTrue(Files.readString(slower.resolve("compare.txt")).contains("REGRESSION"));
        final String html = Files.readString(slower.resolve("compare.html"));
        assertTrue(html.contains("<tr class=\"regression\">"), "regressions are marked in the HTML");
    }

    @Test
    void jsonPrintsTheVerdictsAloneAndWritesThemBesideTheText() throws IOException
    {
        final Path dir = tmp.resolve("json");
        final Outcome o = compare(baseline.toString(), slower.toString(), "--json", "--output-dir", dir.toString());
        assertEquals(CompareMain.EXIT_REGRESSION, o.status, "the exit status is the gate's, JSON or not");
        final ComparisonJson printed = ContractJson.read(o.out, ComparisonJson.class, "standard output");
        assertEquals(printed, ContractJson.read(dir.resolve(ComparisonJson.FILE), ComparisonJson.class));
        assertTrue(o.err.contains("compare: wrote") && o.err.contains("FAIL"), "messages go to standard error");

        final Comparison c = Comparison.of(ResultsDir.read(baseline), ResultsDir.read(slower), 0.10, 0.05);
        assertEquals(c.rows().size(), printed.verdicts().size(), "one entry per point and metric");
        assertEquals(c.regressions().size(), printed.regressions());
        assertEquals(0.10, printed.threshold(), 1e-12);
        final List<ComparisonJson.PointVerdict> regressions = printed.verdicts().stream()
            .filter(v -> v.verdict() == Comparison.Verdict.REGRESSION).toList();
        assertEquals(c.regressions().size(), regressions.size());
        assertTrue(regressions.stream().allMatch(v -> v.variant().equals("netty-epoll")), regressions.toString());
        final ComparisonJson.PointVerdict throughput = regressions.stream()
            .filter(v -> v.metric().equals("rate_achieved") && v.scenario().sweep().equals("echo-max"))
            .findFirst().orElseThrow();
        final Comparison.Row row = c.regressions().stream().filter(r -> r.metric() == Metric.THROUGHPUT &&
            r.scenario().equals(throughput.scenario())).findFirst().orElseThrow();
        assertEquals(row.ratio(), throughput.ratio(), 1e-12);
        assertEquals(row.test().p(), throughput.pValue(), 1e-12);
        assertEquals(row.base(), throughput.baseline());
        assertEquals("msg/s", throughput.unit());
        assertEquals("REGRESSION", throughput.verdictText());
        assertEquals(4, throughput.baselineRepetitions());
    }

    @Test
    void capacitiesAreComparedByTheirSearchesNotByTheirProbes() throws IOException
    {
        final Comparison c = Comparison.of(ResultsDir.read(baseline), ResultsDir.read(slower), 0.10, 0.05);
        final List<Comparison.Row> capacity = c.rows().stream().filter(r -> r.metric() == Metric.CAPACITY).toList();
        assertEquals(4, capacity.size(), "one row per server: " + capacity);
        final Comparison.Row netty = capacity.stream().filter(r -> r.variant().equals("netty-epoll")).findFirst()
            .orElseThrow();
        assertEquals(Comparison.Verdict.REGRESSION, netty.verdict(), netty.toString());
        assertEquals(4, netty.baseRuns(), "one capacity per repetition's search");
        assertTrue(netty.ratio() < 0.75, netty.toString());
        assertEquals("netty-epoll · echo-capacity · capacity under the SLO", netty.point());
        assertTrue(capacity.stream().filter(r -> !r.variant().equals("netty-epoll"))
            .noneMatch(r -> r.verdict() == Comparison.Verdict.REGRESSION), capacity.toString());
        assertTrue(c.validityChanges().isEmpty(), "vthreads-virtual found none in either: " + c.validityChanges());
        assertTrue(c.rows().stream().noneMatch(r -> r.scenario().sweep().equals(SyntheticResults.CAPACITY_SWEEP) &&
            r.metric() != Metric.CAPACITY), "no probe is compared as a point");
    }

    @Test
    void noiseAloneDoesNotFailTheGate()
    {
        final Outcome o = compare(baseline.toString(), same.toString());
        assertEquals(0, o.status, o.out + o.err);
        assertTrue(o.out.contains("summary: 0 regressions"), o.out);
    }

    @Test
    void tooFewRepetitionsAreReportedNotFailed() throws IOException
    {
        final Path b = SyntheticResults.write(tmp.resolve("b2"), 2, Map.of(), 1, List.of("echo-max"));
        final Path c = SyntheticResults.write(tmp.resolve("c2"), 2, Map.of("netty-epoll", 1.5), 3, List.of("echo-max"));
        final Outcome o = compare(b.toString(), c.toString(), "--output-dir", tmp.resolve("out2").toString());
        assertEquals(0, o.status, o.out);
        assertTrue(o.out.contains("too few repetitions to tell"), o.out);
        assertTrue(o.out.contains("unconfirmed: netty-epoll"), o.out);
        assertTrue(o.out.contains("needs 4 repetitions on each side"), o.out);
        assertTrue(Files.isRegularFile(tmp.resolve("out2").resolve("compare.html")));
    }

    @Test
    void thresholdDecidesWhatCountsAsARegression()
    {
        assertEquals(0, compare(baseline.toString(), slower.toString(), "--threshold", "200%").status);
        assertEquals(0.1, CompareMain.parseThreshold("10%"), 1e-12);
        assertEquals(0.25, CompareMain.parseThreshold("0.25"), 1e-12);
    }

    @Test
    void usageErrorsExitTwo()
    {
        assertEquals(CompareMain.EXIT_USAGE, compare(baseline.toString()).status);
        assertEquals(CompareMain.EXIT_USAGE, compare(baseline.toString(), same.toString(), "--threshold", "ten").status);
        assertEquals(CompareMain.EXIT_USAGE, compare(baseline.toString(), same.toString(), "--alpha", "2").status);
        final Outcome missing = compare(baseline.toString(), tmp.resolve("nope").toString());
        assertEquals(CompareMain.EXIT_USAGE, missing.status);
        assertTrue(missing.err.contains("no such folder"), missing.err);
    }

    private record Outcome(int status, String out, String err)
    {
    }

    private static Outcome compare(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = CompareMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
