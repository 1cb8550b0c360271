package io.ioarena.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ioarena.harness.capacity.CapacityRecord;
import io.ioarena.harness.capacity.CapacityResult;
import io.ioarena.harness.capacity.Probe;
import io.ioarena.harness.fakes.FakeClient;
import io.ioarena.harness.run.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A capacity suite end to end over the fake server and a fake client whose p99 crosses the SLO at a known rate: the
 * search's probes run as points on one warmed trial, and its record says what it found.
 */
class CapacitySuiteTest
{
    @TempDir
    Path dir;

    /** The measured runs the fake client made (its warm-up chunks are labelled warmup-n). */
    private long probeRuns() throws java.io.IOException
    {
        return Files.readAllLines(dir.resolve("runs.log")).stream().filter(l -> l.contains("_probe")).count();
    }

    @Test
    void searchesOnOneWarmedTrialAndRecordsEveryProbe() throws Exception
    {
        final Path file = TestSuites.suite(dir, "cap", List.<String[]>of(new String[] {"fake",
            TestSuites.fakeServer("ok", dir)}), List.of(1000), 1, "knee", false);
        final ObjectNode suite = (ObjectNode) TestSuites.JSON.readTree(file.toFile());
        // a coarse precision keeps the search to seven probes of one second; the fake's knee is under a 1 ms p99, and
        // the fake reports no server CPU, so no over is rechecked
        suite.putObject("capacity").put("precision", 0.2).put("p99", "1ms").put("startRate", 5_000)
            .put("rechecks", 0);
        TestSuites.JSON.writeValue(file.toFile(), suite);

        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", file.toString());
        assertEquals(0, run.status(), run.out());
        final List<CapacityRecord> searches = CapacityRecord.readAll(run.resultsDir());
        assertEquals(1, searches.size());
        final CapacityResult r = searches.getFirst().result();
        assertEquals(CapacityResult.Outcome.FOUND, r.outcome(), r.describe());
        assertTrue(r.rate() <= FakeClient.KNEE && r.rate() >= 0.8 * FakeClient.KNEE, r.describe());
        assertEquals(List.of(5_000.0, 10_000.0, 20_000.0, 15_000.0, 12_500.0, 11_250.0, 11_250.0),
            r.probes().stream().map(Probe::rate).toList());
        assertTrue(run.out().contains("capacity fake echo-rate rep 1: 11250 msg/s"), run.out());

        final List<String> ids = searches.getFirst().probeIds();
        assertEquals(7, ids.size());
        for (final String id : ids)
        {
            assertTrue(Files.isRegularFile(run.resultsDir().resolve("points").resolve(id).resolve("point.json")), id);
        }
        assertEquals(8, run.lines("results.csv").size(), "every probe is a row of results.csv");
        assertEquals(List.of(String.join(",", CapacityRecord.CSV_COLUMNS), "fake,echo-rate,1,echo,line,4,,64,FOUND," +
            "11250,12500,7,\"within the SLO at 11250 msg/s, over it at 12500 msg/s; confirmed by 1 more probe(s)\""),
            run.lines(CapacityRecord.CSV));
        assertEquals(7, run.manifest().path("points").size(), "and a point of the manifest");
        assertEquals(1, TestSuites.pids(dir, "server-").size(), "one server process served every probe");
        try (Stream<Path> points = Files.list(run.resultsDir().resolve("points")))
        {
            assertEquals(7, points.count());
        }
        final String html = Files.readString(run.resultsDir().resolve("report.html"));
        assertTrue(html.contains("<section id=\"capacity\">") && html.contains("data-chart=\"knee-echo-rate\""),
            "the report's capacity section and knee chart");
        final int glance = html.indexOf("<section id=\"glance\">");
        assertTrue(!html.substring(glance, html.indexOf("</section>", glance)).contains("echo-rate"),
            "the probes are not ranked at a glance, rate by rate");

        // an interrupted search: its record and its last two probes never written; --resume runs those two only
        Files.delete(run.resultsDir().resolve(CapacityRecord.file(searches.getFirst().load(), 1)));
        for (final String id : ids.subList(5, 7))
        {
            Files.delete(run.resultsDir().resolve("points").resolve(id).resolve("point.json"));
        }
        final long before = probeRuns();
        final TestSuites.Run resumed = TestSuites.bench(dir, new Cancellation(), "--resume",
            run.resultsDir().toString());
        assertEquals(0, resumed.status(), resumed.out());
        assertEquals(2, probeRuns() - before, "only the unfinished probes ran again");
        assertEquals(r, CapacityRecord.readAll(run.resultsDir()).getFirst().result(), "the same search, resumed");
    }
}
