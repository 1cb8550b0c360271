package io.ioarena.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.JmhRun;
import io.ioarena.harness.results.Verdicts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest
{
    /** A real JMH 1.37 result file: PayloadBenchmark.encode with size=64 and the GC profiler, from scripts/jmh. */
    static final String JMH_SAMPLE = "/jmh/jmh-1.37-payload-encode.json";

    @TempDir
    static Path tmp;
    static Path dir;
    static String html;
    static JsonNode charts;

    @BeforeAll
    static void makeReport() throws IOException
    {
        dir = SyntheticResults.write(tmp.resolve("20261129-220000-synthetic"));
        // microbench writes JMH results next to the suites, into results/jmh/, each with its run file beside it
        Files.createDirectories(tmp.resolve("jmh"));
        try (InputStream real = ReportTest.class.getResourceAsStream(JMH_SAMPLE))
        {
            Files.copy(real, tmp.resolve("jmh").resolve("latest.json"));
        }
        Files.write(tmp.resolve("jmh").resolve("latest.run.json"), ContractJson.bytes(new JmhRun(
            "2026-12-04T14:03:00Z", "0123456789abcdef0123456789abcdef01234567", true, List.of("PayloadBenchmark"))));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = ReportMain.run(new String[] {dir.toString()}, new PrintStream(out), new PrintStream(err));
        assertEquals(0, status, err.toString());
        html = Files.readString(dir.resolve("report.html"));
        final Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>",
            Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "the chart data is inline");
        charts = new ObjectMapper().readTree(m.group(1)).path("charts");
    }

    @Test
    void isSelfContained()
    {
        assertFalse(Pattern.compile("<script[^>]+src=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
            "no external script");
        assertFalse(Pattern.compile("<link[^>]+stylesheet", Pattern.CASE_INSENSITIVE).matcher(html).find(),
            "no external style");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(html).find(),
            "nothing from the network");
        assertTrue(html.contains("var uPlot"), "uPlot is inlined from the webjar");
        assertTrue(html.contains(".uplot"), "uPlot's stylesheet is inlined");
    }

    @Test
    void everyChartContainerHasData()
    {
        final Matcher m = Pattern.compile("<figure class=\"chart\" data-chart=\"([^\"]+)\"").matcher(html);
        final List<String> ids = new ArrayList<>();
        while (m.find())
        {
            ids.add(m.group(1));
        }
        // 11 scenarios: a spectrum, a resource panel and three timelines (p99, throughput, server CPU) each, plus
        // sweep curves (rate: 1; connections: 2; size: 2), plus the knee of the capacity searches, plus the soak's
        // five series
        assertEquals(11 * 5 + 5 + 1 + 5, ids.size(), ids.toString());
        for (final String id : ids)
        {
            assertTrue(charts.has(id), "data for " + id);
        }
    }

    @Test
    void spectrumOverlaysEveryServerOnANinesAxis()
    {
        final JsonNode c = charts.path("spectrum-echo-max_c16_s64_closed1");
        assertEquals("nines", c.path("x").path("format").asText());
        assertTrue(c.path("x").path("log").asBoolean());
        assertEquals(1.0, c.path("xs").get(0).asDouble(), 1e-9, "the axis starts at 0% (x = 1)");
        assertEquals(SyntheticResults.SERVERS.size(), c.path("series").size());
        for (final JsonNode s : c.path("series"))
        {
            final JsonNode v = s.path("values");
            assertEquals(c.path("xs").size(), v.size());
            // a spectrum never decreases
            double last = 0;
            for (final JsonNode y : v)
            {
                if (!y.isNull())
                {
                    assertTrue(y.asDouble() >= last, s.path("label") + " is monotonic");
                    last = y.asDouble();
                }
            }
            assertTrue(last > 0, s.path("label") + " has values");
        }
    }

    @Test
    void flaggedPointIsShownButNeverRanked()
    {
        // vthreads-virtual at 50k is UNDER_TARGET with the lowest p99 of all: it must not be the best
        final String table = section("echo-rate_c16_s64_r50000");
        assertTrue(table.contains("UNDER_TARGET"), "the flag is shown");
        final Matcher best = Pattern.compile("<tr class=\"best\">.*?<strong>([^<]+)</strong>").matcher(table);
        assertTrue(best.find());
        assertNotEquals("vthreads-virtual", best.group(1));
        assertTrue(Pattern.compile("<tr class=\"flagged\">.*?vthreads-virtual.*?not ranked").matcher(table).find());
    }

    @Test
    void failedRepetitionMakesThePointUnranked()
    {
        final String table = section("echo-size_c16_s4096_closed1");
        assertTrue(table.contains("1 of 3 repetitions FAILED"), table);
        assertTrue(Pattern.compile("<tr class=\"flagged\">.*?vertx-nio").matcher(table).find());
    }

    @Test
    void closedLoopIsRankedByThroughputAndShowsRatios()
    {
        final String table = section("echo-max_c16_s64_closed1");
        assertTrue(table.contains("vs best (throughput)"));
        // netty-epoll has the highest capacity in the fixture
        final Matcher best = Pattern.compile("<tr class=\"best\">.*?<strong>([^<]+)</strong>").matcher(table);
        assertTrue(best.find());
        assertEquals("netty-epoll", best.group(1));
        assertTrue(table.matches("(?s).*[0-9]\\.[0-9]{2}×.*"), "ratios to the best");
    }

    @Test
    void underEachTableTheRoundsMeansShowWhatMovedEveryServer()
    {
        final String table = section("echo-max_c16_s64_closed1");
        assertTrue(table.matches("(?s).*<p class=\"note\">Round by round, the geometric mean of throughput over the "
            + "servers measured in it: 1: [^<]+ · 2: [^<]+ · 3: [^<]+\\. The highest is [0-9.]+× the lowest\\..*"),
            "three rounds of every server in the fixture");
    }

    @Test
    void closedLoopScenariosAreLabelledCoProne()
    {
        final String table = section("echo-max_c16_s64_closed1");
        assertTrue(table.contains("<h3>echo/line closed-loop (CO-prone), 1 in flight, 16 connections, 64 B</h3>"),
            table);
        assertFalse(html.contains("closed loop, 1 in flight"), "the old label is gone");
        assertTrue(section("echo-rate_c16_s64_r5000").contains("<h3>echo/line 5000 msg/s, 16 connections"));
    }

    @Test
    void headlineShowsTheClientsWorstBusyShareAndHiccup()
    {
        // the fixture's client: 50% + 10% per repetition busy in closed loop, 95% in open loop, 150 µs hiccup per
        // repetition; the worst of three repetitions is shown
        final String closed = section("echo-max_c16_s64_closed1");
        assertTrue(closed.contains("\">client</th>"), "a client column");
        assertEquals(SyntheticResults.SERVERS.size(), count(closed,
            "<span class=\"v\">80% busy</span><span class=\"sub\">hiccup 450 µs</span>"), closed);
        assertEquals(SyntheticResults.SERVERS.size(), count(section("echo-rate_c16_s64_r5000"),
            "<span class=\"v\">95% busy</span><span class=\"sub\">hiccup 450 µs</span>"));
    }

    @Test
    void headlineShowsTheServersRunQueueWait()
    {
        final String open = section("echo-rate_c16_s64_r5000");
        assertTrue(open.contains("\">run-queue wait</th>"), "a run-queue column");
        assertEquals(SyntheticResults.SERVERS.size(), count(open,
            "<td class=\"num\"><span class=\"v\">25.0 ms/s</span><span class=\"ci\">15.0 ms/s – 35.0 ms/s</span></td>"),
            open);
    }

    @Test
    void systemCallCensusColumnAndNoteOnlyWhereACensusWasTaken()
    {
        final String echo = section("echo-rate_c16_s64_r5000");
        assertFalse(echo.contains("\">syscalls / msg</th>"), "no census in echo: no empty column");
        assertFalse(echo.contains("System calls / msg:"), echo);
        final String chat = section("chat-fanout_c16_s64_r500_rooms1");
        assertTrue(chat.contains("\">syscalls / msg</th>"), chat);
        assertTrue(chat.contains("System calls / msg: counted by strace -c -f"), chat);
        assertEquals(SyntheticResults.SERVERS.size(), count(chat, "<td class=\"num\"><span class=\"v\">7.00</span>"
            + "<span class=\"sub\">0.438 / delivery</span></td>"), chat);
    }

    @Test
    void headlineShowsSwitchesAndSystemCallsPerMessageAndForChatPerDelivery()
    {
        final String echo = section("echo-rate_c16_s64_r5000");
        assertTrue(echo.contains("\">switches / msg</th>") && echo.contains("\">r/w syscalls / msg</th>"), echo);
        assertEquals(SyntheticResults.SERVERS.size(), count(echo, "<td class=\"num\"><span class=\"v\">0.320</span></td>"),
            "echo: per message only");
        assertEquals(SyntheticResults.SERVERS.size(), count(echo, "<td class=\"num\"><span class=\"v\">6.00</span></td>"));
        final String chat = section("chat-fanout_c16_s64_r500_rooms1");
        assertEquals(SyntheticResults.SERVERS.size(), count(chat, "<td class=\"num\"><span class=\"v\">0.320</span>"
            + "<span class=\"sub\">0.0200 / delivery</span></td>"), chat);
        assertEquals(SyntheticResults.SERVERS.size(), count(chat, "<td class=\"num\"><span class=\"v\">6.00</span>"
            + "<span class=\"sub\">0.375 / delivery</span></td>"));
    }

    @Test
    void resultsWithoutClientHealthShowADash() throws IOException
    {
        final Path old = SyntheticResults.write(tmp.resolve("old"), 3, Map.of(), 1, List.of("echo-max"));
        // a summary.csv from before the client reported its health: without the last two columns
        final List<String> lines = Files.readAllLines(old.resolve(ResultsDir.SUMMARY));
        Files.write(old.resolve(ResultsDir.SUMMARY), lines.stream().map(l -> l.replaceFirst(",[^,]*,[^,]*$", ""))
            .toList());
        assertFalse(Files.readString(old.resolve(ResultsDir.SUMMARY)).contains("client_busy_max"));
        final String page = ReportPage.render(ResultsDir.read(old));
        assertFalse(page.contains("% busy"), "nothing made up");
        assertEquals(SyntheticResults.SERVERS.size(),
            count(page, "<td class=\"num\"><span class=\"v\">–</span></td><td>3/3</td>"),
            "an empty client cell per server, then the runs");
    }

    private static int count(final String text, final String part)
    {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1))
        {
            n++;
        }
        return n;
    }

    @Test
    void capacityTableComparesOnlyCapacitiesFoundAndShowsLimitsAsLowerBounds()
    {
        final String section = section("capacity", "Capacity");
        assertTrue(section.contains("p99 &lt;= 1ms, p99.9 &lt;= 10ms"), "the SLO is stated");
        final String netty = row(section, "netty-epoll");
        assertTrue(netty.contains("1.00×"), "the best server: " + netty);
        assertTrue(netty.contains("(75%)"), "three searches give a 75% interval: " + netty);
        final String limited = row(section, SyntheticResults.CLIENT_LIMITED);
        assertTrue(limited.contains("≥ 20.0k") && limited.contains(Fmt.MISSING), "a lower bound, not compared: " +
            limited);
        assertTrue(limited.contains("the client&#39;s own limit at 40000 msg/s") ||
            limited.contains("the client's own limit at 40000 msg/s"), limited);
    }

    @Test
    void soakSectionGivesEachServersVerdictWithItsChecksAndItsSeries()
    {
        final String section = section("soak", "Soak");
        assertTrue(section.contains("heap after GC 1.0 MiB/min"), "the limits are stated");
        final String leaking = row(section, SyntheticResults.LEAKING);
        assertTrue(leaking.contains("<strong>FAIL</strong>") && leaking.contains("✗ heap after GC: +3.000 MiB/min"),
            leaking);
        assertTrue(row(section, "selector").contains("<strong>PASS</strong>"), row(section, "selector"));
        final JsonNode heap = charts.path("soak-heap-echo-rate_c16_s64_r5000");
        assertEquals(SyntheticResults.SERVERS.size(), heap.path("series").size(), heap.toString());
        assertTrue(heap.path("x").path("label").asText().startsWith("minutes"), heap.toString());
        for (final JsonNode series : heap.path("series"))
        {
            assertEquals(heap.path("xs").size(), series.path("values").size());
            assertEquals(series.path("label").asText().startsWith(SyntheticResults.LEAKING),
                series.path("flagged").asBoolean(), "the failed soak's line is marked: " + series.path("label"));
        }
    }

    @Test
    void kneeChartDrawsEveryServersProbesAndMarksTheCapacityOnTheSlo()
    {
        final JsonNode c = charts.path("knee-echo-capacity");
        assertTrue(c.path("title").asText().contains("p99 against offered load"), c.toString());
        final List<String> labels = new java.util.ArrayList<>();
        c.path("series").forEach(s -> labels.add(s.path("label").asText()));
        assertTrue(labels.containsAll(List.of("selector", "netty-epoll", "vertx-nio", "vthreads-virtual",
            "p99 SLO 1ms")), labels.toString());
        final JsonNode mark = c.path("series").get(labels.indexOf(labels.stream()
            .filter(l -> l.startsWith("netty-epoll capacity")).findFirst().orElseThrow()));
        assertTrue(mark.path("pointsOnly").asBoolean());
        int marked = 0;
        for (final JsonNode v : mark.path("values"))
        {
            if (!v.isNull())
            {
                assertEquals(1.0, v.asDouble(), 1e-9, "on the SLO line");
                marked++;
            }
        }
        assertEquals(1, marked);
        assertTrue(labels.stream().noneMatch(l -> l.startsWith(SyntheticResults.CLIENT_LIMITED + " capacity")),
            "no capacity marked where none was found");
    }

    /** The page's section {@code id}, which the navigation links as {@code title}. */
    private static String section(final String id, final String title)
    {
        final int start = html.indexOf("<section id=\"" + id + "\">");
        assertTrue(start > 0 && html.contains("<a href=\"#" + id + "\">" + title + "</a>"), "a " + id +
            " section, linked");
        return html.substring(start, html.indexOf("</section>", start));
    }

    private static String row(final String section, final String variant)
    {
        final int at = section.indexOf(variant + "</td>");
        assertTrue(at > 0, variant + " has a row");
        return section.substring(at, section.indexOf("</tr>", at));
    }

    @Test
    void throughputLatencyCurveUsesAchievedThroughputAndMarksFlaggedPoints()
    {
        final JsonNode c = charts.path("sweep-echo-rate_c16_s64_r5000-rate");
        assertTrue(c.path("title").asText().contains("throughput–latency"));
        final JsonNode last = c.path("series").get(c.path("series").size() - 1);
        assertTrue(last.path("label").asText().startsWith("flagged, not ranked: vthreads-virtual"), last.toString());
        assertTrue(last.path("pointsOnly").asBoolean());
    }

    @Test
    void theChurnCurveDrawsAchievedConnectionsAndFirstEchoP99AgainstTheOfferedRatePerServer() throws IOException
    {
        final Path churn = SyntheticResults.write(tmp.resolve("churn"), 2, Map.of(), 1, List.of("churn"));
        final String page = ReportPage.render(ResultsDir.read(churn));
        final Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>",
            Pattern.DOTALL).matcher(page);
        assertTrue(m.find());
        final JsonNode all = new ObjectMapper().readTree(m.group(1)).path("charts");
        final JsonNode achieved = all.path("sweep-churn_s64_churn250-rate-throughput");
        assertEquals("churn: churn curve, achieved connections/s against the offered rate",
            achieved.path("title").asText());
        assertEquals("offered rate (connections/s)", achieved.path("x").path("label").asText(), achieved.toString());
        assertEquals("achieved (connections/s)", achieved.path("y").path("label").asText());
        assertEquals(List.of(250.0, 500.0, 1000.0, 2000.0), new ObjectMapper().convertValue(achieved.path("xs"),
            List.class), "x is the offered rate");
        final JsonNode selector = achieved.path("series").get(0);
        assertEquals("selector", selector.path("label").asText());
        assertEquals(2000, selector.path("values").get(3).asDouble(), 10, "selector keeps up at 2,000/s");
        final JsonNode latency = all.path("sweep-churn_s64_churn250-rate-latency");
        assertTrue(latency.path("title").asText().contains("first-echo p99 against the offered rate"),
            latency.toString());
        assertTrue(page.contains("data-chart=\"sweep-churn_s64_churn250-rate-throughput\""), "drawn on the page");
        final JsonNode flagged = achieved.path("series").get(achieved.path("series").size() - 1);
        assertEquals("flagged, not ranked: vthreads-virtual at 2000 connections/s", flagged.path("label").asText());
        assertTrue(page.contains("echo/line churn 500 connections/s (connect, one echo, close), 64 B"), "headings");
        assertTrue(page.contains("(churn: every server got the same connection arrivals"), "ranked by latency");
        assertTrue(page.contains("<th>completed connections/s</th>") && page.contains("<th>CPU / connection</th>"),
            "a churn point counts connections, not messages");
        assertTrue(page.contains(" conn/s</span>"), "in its cells too");
    }

    @Test
    void latencyWithIdleConnectionsShowsEachServersP99AtEachIdleCount() throws IOException
    {
        final Path idle = SyntheticResults.write(tmp.resolve("idle"), 3, Map.of(), 1, List.of("idle-connections"));
        final ResultsDir results = ResultsDir.read(idle);
        final String page = ReportPage.render(results);
        final int at = page.indexOf("<h3>Latency with idle connections</h3>");
        assertTrue(at >= 0, "the table");
        final String table = page.substring(at, page.indexOf("</table>", at));
        assertTrue(table.contains("echo/line, 100 active connections carrying 1000 msg/s, 64 B"), table);
        assertTrue(table.contains("<th>p99, 0 idle</th><th>p99, 900 idle</th><th>p99, 10.0k idle</th>"),
            "the baseline first, then by idle count: " + table);
        final Scenario tenK = results.scenarios().stream().filter(s -> s.idle() == 10_000).findFirst().orElseThrow();
        assertEquals(100, tenK.active());
        for (final SyntheticResults.Server server : SyntheticResults.SERVERS)
        {
            final PointStats p = results.points(tenK).stream().filter(x -> x.variant().equals(server.variant()))
                .findFirst().orElseThrow();
            final Estimate p99 = p.get(Metric.P99);
            assertTrue(table.contains(Metric.P99.format(p99.median()) + "</span><span class=\"ci\">"
                + Metric.P99.format(p99.low()) + " – " + Metric.P99.format(p99.high())), server.variant()
                + ": its median with its interval, in " + table);
        }
        assertTrue(page.contains("echo/line 1000 msg/s, 10100 connections (100 active, 10000 idle), 64 B"),
            "each point's heading says what was idle");
        assertTrue(page.contains("id=\"idle-connections_c10100_s64_r1000_a100\""), "and its id");
    }

    @Test
    void linksEveryRawFile() throws IOException
    {
        for (final Path f : ResultsDir.read(dir).files())
        {
            if (!f.toString().equals("report.html"))
            {
                assertTrue(html.contains("href=\"" + Html.href(f.toString()) + "\""), "link to " + f);
            }
        }
    }

    @Test
    void showsEnvironmentAndProvenance()
    {
        assertTrue(html.contains("Not written by the ioarena harness (tool: ioarena-report-fixture)"));
        assertTrue(html.contains("id=\"environment\""));
        assertTrue(html.contains("-XX:+UseParallelGC"));
        assertTrue(html.contains("Server asyncore was not run"));
    }

    @Test
    void showsJmhResultsFoundNextToTheSuite()
    {
        assertTrue(html.contains("Microbenchmarks (JMH)"));
        assertTrue(html.contains("io.ioarena.microbench.client.PayloadBenchmark.encode"));
        assertTrue(html.contains("size=64"));
        assertTrue(html.contains("ns/op"));
        assertTrue(html.contains("run 2026-12-04T14:03:00Z, commit 0123456789abcdef0123456789abcdef01234567 with " +
            "uncommitted changes"), "the date and commit of the run file beside it");
        assertTrue(html.contains("allocated per op</th>"));
        final String section = html.substring(html.indexOf("<section id=\"jmh\">"));
        assertTrue(section.contains("<td class=\"num\">0.0090 B/op</td>"), "gc.alloc.rate.norm in its own column: " +
            section);
        assertTrue(html.contains("gc.alloc.rate 0.0276 MB/sec; gc.count 0 counts"), "the other secondary metrics");
        assertFalse(html.contains("latest.run.json:"), "the run file is not read as results");
    }

    @Test
    void aJmhFileWithoutItsRunFileIsDatedByTheFileAndSaysTheCommitIsUnknown(@TempDir final Path other)
        throws IOException
    {
        Files.createDirectories(other.resolve("jmh"));
        try (InputStream real = ReportTest.class.getResourceAsStream(JMH_SAMPLE))
        {
            Files.copy(real, other.resolve("jmh").resolve("20261204-140300.json"));
        }
        final String page = ReportPage.render(ResultsDir.read(SyntheticResults.write(other.resolve("suite"))));
        assertTrue(page.contains("(file modified), commit unknown (no 20261204-140300.run.json beside it)"), page);
    }

    @Test
    void usageErrors()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, ReportMain.run(new String[0], new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err)));
        assertEquals(1, ReportMain.run(new String[] {tmp.resolve("nothing-here").toString()},
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such folder"));
    }

    private static String section(final String scenarioId)
    {
        final int start = html.indexOf("<article class=\"scenario\" id=\"" + scenarioId + "\"");
        assertTrue(start >= 0, "scenario " + scenarioId);
        return html.substring(start, html.indexOf("</article>", start));
    }

    @Test
    void atAGlanceShowsTheHarnessVerdictsBetweenNeighboursAndEveryPairBehindADisclosure() throws IOException
    {
        final Path dir = SyntheticResults.write(tmp.resolve("verdicts"), 3, Map.of(), 1, List.of("echo-max"));
        final ResultsDir before = ResultsDir.read(dir);
        final Scenario s = before.scenarios().get(0);
        final List<String> ranked = Ranking.of(s, before.points(s), before.variants()).ranked().stream()
            .map(PointStats::variant).toList();
        assertEquals(4, ranked.size());
        final Map<String, String> load = CsvTable.read(dir.resolve(ResultsDir.SUMMARY)).rows().get(0);
        final StringBuilder csv = new StringBuilder(String.join(",", Verdicts.COLUMN_NAMES)).append('\n');
        for (int i = 0; i < ranked.size(); i++)
        {
            for (int j = i + 1; j < ranked.size(); j++)
            {
                final boolean top = i == 0 && j == 1;
                final String text = top ? ranked.get(i) + " leads " + ranked.get(j) + " by 19% (significant at 95%, "
                    + "p = 0.008)" : ranked.get(i) + " vs " + ranked.get(j) + ": no significant difference";
                final int a = i;
                final int b = j;
                csv.append(String.join(",", Verdicts.COLUMN_NAMES.stream().map(c -> switch (c)
                {
                    case Verdicts.LEADER -> ranked.get(a);
                    case Verdicts.OTHER -> ranked.get(b);
                    case Verdicts.P_VALUE -> top ? "0.008" : "0.4";
                    case Verdicts.SIGNIFICANT -> Boolean.toString(top);
                    case Verdicts.VERDICT -> "\"" + text + "\"";
                    default -> load.getOrDefault(c, "");
                }).toList())).append('\n');
            }
        }
        Files.writeString(dir.resolve(Verdicts.FILE), csv);
        final String page = ReportPage.render(ResultsDir.read(dir));
        final String glance = page.substring(page.indexOf("<section id=\"glance\">"), page.indexOf("</section>"));
        assertTrue(glance.contains("the lead is significant at 95% (Mann–Whitney p = 0.0080)"), glance);
        assertTrue(glance.contains("<li class=\"significant\">" + ranked.get(0) + " leads " + ranked.get(1) +
            " by 19% (significant at 95%, p = 0.008)</li>"), glance);
        assertTrue(glance.contains("<li>" + ranked.get(2) + " vs " + ranked.get(3) + ": no significant difference"),
            "the third against the fourth: " + glance);
        assertTrue(glance.contains("<summary>all 6 pairs</summary>"), glance);
        assertTrue(glance.contains(ranked.get(0) + " vs " + ranked.get(3)), "every pair, behind the disclosure");
    }
}
