package io.ioarena.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ioarena.contract.AgentLine;
import io.ioarena.contract.Tag;
import io.ioarena.protocol.Framing;
import org.HdrHistogram.HistogramLogProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line and its files, as the harness and a person use them. */
class LoadClientMainTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runWritesTheSummaryTheLogAndTheDistribution(@TempDir final Path dir) throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LINE, false, FaultyServer.Faults.none()))
        {
            final Output o = execute("run", "--port", "" + server.port(), "-R", "0.5k", "-c", "2", "--warmup", "0",
                "-d", "1s", "--drain-timeout", "1s", "-o", dir.toString(), "--label", "cli test");
            assertEquals(0, o.status, o.err);
            assertTrue(o.out.contains("Requests/sec:     500.00 (requested 500.00, 100.0%)"), o.out);
            assertTrue(o.out.contains(" 99.000%"), o.out);

            final JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
            assertEquals("open", summary.get("mode").asText());
            assertEquals(500, summary.get("received").asLong());
            assertEquals(500.0, summary.get("requestedRate").asDouble());
            assertEquals(2, summary.get("connections").get("established").asInt());
            assertEquals("cli test", summary.get("config").get("label").asText());
            assertEquals(500, summary.get("histograms").get("latency").get("count").asLong());
            assertEquals(summary.get("flags").isEmpty(), summary.get("valid").asBoolean());
            // The hiccup meter: its tag in the summary and the log, its longest stall in "generator".
            assertTrue(summary.get("histograms").get("hiccup").get("count").asLong() >= 1, summary.toString());
            final long hiccupMax = summary.get("histograms").get("hiccup").get("max").asLong();
            assertEquals(hiccupMax, summary.get("generator").get("hiccupMaxNanos").asLong(), 0.002 * hiccupMax + 1,
                "the exact longest stall is the histogram's maximum within its precision");
            assertEquals(10_000_000, summary.get("config").get("hiccupThresholdNanos").asLong());
            assertTrue(Files.readString(dir.resolve("latency.hlog")).contains("Tag=hiccup,"));
            assertTrue(o.out.contains("  Hiccups:      p50 "), o.out);
            // The CPU watchdog: the client threads' busy share of the measured second, the GC pauses in it, and
            // (on Linux) the idle share of the CPUs the client may run on.
            final JsonNode generator = summary.get("generator");
            assertTrue(generator.get("threadBusy").asDouble() > 0 && generator.get("threadBusy").asDouble() < 1.1,
                generator.toString());
            assertTrue(generator.get("gcPauses").asLong() >= 0 && generator.get("gcPauseNanos").asLong() >= 0);
            if (Files.isReadable(Path.of("/proc/stat")))
            {
                assertTrue(generator.get("cpuIdle").asDouble() >= 0 && generator.get("cpuIdle").asDouble() <= 1);
                assertTrue(generator.get("cpuAvailable").asDouble() >= generator.get("cpuIdle").asDouble());
                assertTrue(generator.get("cpus").asText().matches("[0-9,-]+"), generator.toString());
            }
            assertTrue(o.out.contains("Client CPU (measured): I/O threads "), o.out);
            // The timer self-check, measured before the run; a warning (only if select overslept by more than
            // 3 ms here: a message is due every 2 ms) goes to stderr as well.
            final JsonNode timer = summary.get("timer");
            assertTrue(timer.get("pollNanos").asLong() > 0, timer.toString());
            assertTrue(timer.get("selectLatenessP50Nanos").asLong() <= timer.get("selectLatenessMaxNanos").asLong());
            assertTrue(o.out.contains("Timer (start-up check): select(1ms) late by p50 "), o.out);
            assertTrue(timer.get("warning").isNull() || o.err.contains(timer.get("warning").asText()), o.err);

            // HdrHistogram's own HistogramLogProcessor reads the log; its count matches the summary.
            final Path processed = dir.resolve("processed");
            new HistogramLogProcessor(new String[] {"-i", dir.resolve("latency.hlog").toString(), "-tag", "latency",
                "-o", processed.toString()}).run();
            assertEquals(500, totalCount(Files.readString(Path.of(processed + ".hgrm"))));

            // The .hgrm: classic format; every data row has the 4 fields plotFiles.html plots, but the last
            // (100%, whose 1/(1-percentile) is infinite, exactly as HistogramLogProcessor writes it).
            final String hgrm = Files.readString(dir.resolve("latency.hgrm"));
            assertEquals(500, totalCount(hgrm));
            final List<String> rows = hgrm.lines()
                .filter(row -> !row.startsWith("#") && !row.isBlank() && !row.trim().startsWith("Value")).toList();
            assertTrue(rows.size() > 20, hgrm);
            for (final String row : rows.subList(0, rows.size() - 1))
            {
                assertEquals(4, row.trim().split("\\s+").length, row);
            }
            assertEquals("1.000000000000", rows.get(rows.size() - 1).trim().split("\\s+")[1]);
        }
    }

    @Test
    void instancesRunTogetherAndMergeIntoOneResult(@TempDir final Path dir) throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LENGTH, false, FaultyServer.Faults.none()))
        {
            final long startAt = System.currentTimeMillis() + 3000;
            final List<CompletableFuture<Output>> instances = List.of(0, 1).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> execute("run", "--port", "" + server.port(),
                    "--framing", "length", "-R", "600", "-c", "3", "--warmup", "0", "-d", "1s",
                    "--instance-index", "" + i, "--instance-count", "2", "--start-at", "" + startAt,
                    "-o", dir.resolve("i" + i).toString())))
                .toList();
            long received = 0;
            for (int i = 0; i < 2; i++)
            {
                final Output o = instances.get(i).get();
                assertEquals(0, o.status, o.err);
                final JsonNode summary = JSON.readTree(dir.resolve("i" + i).resolve("summary.json").toFile());
                // Both start at --start-at; on a machine too loaded to connect in time, the run says so.
                final boolean late = summary.get("flags").toString().contains("LATE_START");
                assertTrue(late || startAt == summary.get("startEpochMs").asLong(), summary.toString());
                received += summary.get("received").asLong();
            }
            // 3 connections split 2 + 1: rates 400 + 200, exactly the 600 requested.
            assertEquals(600, received);

            final Output merged = execute("merge", "-o", dir.resolve("merged").toString(),
                dir.resolve("i0").resolve("latency.hlog").toString(), dir.resolve("i1").resolve("latency.hlog").toString());
            assertEquals(0, merged.status, merged.err);
            assertTrue(merged.out.contains("Flags: none (complete)"), merged.out);
            final JsonNode summary = JSON.readTree(dir.resolve("merged").resolve("merge-summary.json").toFile());
            assertEquals(600, summary.get("histograms").get("latency").get("count").asLong());
            assertEquals(600, totalCount(Files.readString(dir.resolve("merged").resolve("latency.hgrm"))));
        }
    }

    @Test
    void badCommandLinesExitWithTwoAndNameTheFlag()
    {
        assertUsage("--rate is required", "run", "--port", "1");
        assertUsage("--rate is for --mode open", "run", "--port", "1", "--mode", "closed", "-R", "10");
        assertUsage("--size must be >= 48", "run", "--port", "1", "-R", "10", "--size", "20");
        assertUsage("--threads must be in 1..2", "run", "--port", "1", "-R", "10", "-c", "2", "-t", "3");
        assertUsage("--framing raw is for --service echo", "run", "--port", "1", "-R", "10", "-w", "chat",
            "--framing", "raw");
        assertUsage("--duration", "run", "--port", "1", "-R", "10", "-d", "soon");
        assertUsage("--service must be one of", "run", "--port", "1", "-R", "10", "-w", "http");
        assertUsage("--service must be one of", "run", "--port", "1", "-R", "10", "--service", "http");
        assertUsage("--cycle-rate is for --mode closed", "run", "--port", "1", "-R", "10", "--cycle-rate", "10");
        assertUsage("--cycle-rate must be > 0", "run", "--port", "1", "--mode", "closed", "--cycle-rate", "-5");
        assertUsage("--hiccup-threshold must be >= 10.00ms", "run", "--port", "1", "-R", "10", "--hiccup-threshold",
            "5ms");
        assertUsage("--active-connections must be in 1..--connections (16)", "run", "--port", "1", "-R", "10",
            "--active-connections", "17");
        assertUsage("--active-connections is for open-loop echo", "run", "--port", "1", "--mode", "closed",
            "--active-connections", "2");
    }

    @Test
    void theAgentRunsEachRequestIntoItsOwnLogAndAnswersEachWithOneLine(@TempDir final Path dir) throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LINE, false, FaultyServer.Faults.none()))
        {
            final int absent;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0))
            {
                absent = s.getLocalPort();
            }
            final String requests = String.join("\n",
                new AgentLine.Request(AgentLine.Request.RUN, List.of("--port", "" + server.port(), "-R", "200", "-c",
                    "2", "--warmup", "0",
                    "-d", "500ms", "-o", dir.resolve("one").toString()), dir.resolve("one.log").toString()).format(),
                new AgentLine.Request(AgentLine.Request.RUN, List.of("--port", "" + absent, "-R", "10", "-c", "1",
                    "--connect-timeout", "500ms"), dir.resolve("two.log").toString()).format(),
                new AgentLine.Request(AgentLine.Request.CHURN, List.of("--port", "" + server.port(), "-R", "50",
                    "--warmup", "0", "-d", "300ms", "-o", dir.resolve("three").toString()),
                    dir.resolve("three.log").toString()).format()) + "\n";
            Files.createDirectories(dir.resolve("one"));
            Files.createDirectories(dir.resolve("three"));
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final int status = LoadClientMain.execute(new String[] {"agent"},
                new java.io.ByteArrayInputStream(requests.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));

            assertEquals(0, status, "the agent ends at the end of its input");
            final List<Integer> replies = out.toString(StandardCharsets.UTF_8).lines()
                .map(AgentLine.Reply::parse).flatMap(java.util.Optional::stream).map(AgentLine.Reply::exitStatus)
                .toList();
            assertEquals(List.of(0, 1, 0), replies, out.toString(StandardCharsets.UTF_8));
            assertTrue(Files.readString(dir.resolve("one.log")).contains("Requests/sec:"));
            assertTrue(Files.isRegularFile(dir.resolve("one").resolve("summary.json")));
            assertTrue(Files.readString(dir.resolve("two.log")).contains("no connection"));
            assertTrue(Files.isRegularFile(dir.resolve("three").resolve("churn.json")), "the agent runs churn too");
        }
    }

    @Test
    void aServerThatIsNotThereExitsWithOne() throws Exception
    {
        final int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0))
        {
            port = s.getLocalPort();
        }
        final Output o = execute("run", "--port", "" + port, "-R", "10", "-c", "1", "--connect-timeout", "1s");
        assertEquals(1, o.status);
        assertTrue(o.err.contains("no connection"), o.err);
    }

    @Test
    void helpSpeaksWrk2()
    {
        final Output o = execute("run", "--help");
        assertEquals(0, o.status);
        for (final String flag : List.of("-R, --rate", "-c, --connections", "-t, --threads", "-d, --duration",
            "--in-flight", "--instance-index", "--hiccup-threshold", "--cycle-rate"))
        {
            assertTrue(o.out.contains(flag), flag + " in\n" + o.out);
        }
    }

    private static void assertUsage(final String message, final String... args)
    {
        final Output o = execute(args);
        assertEquals(2, o.status, o.out + o.err);
        assertTrue(o.err.contains(message), "'" + message + "' in: " + o.err);
    }

    private static long totalCount(final String hgrm)
    {
        final Matcher m = Pattern.compile("Total count\\s*=\\s*(\\d+)").matcher(hgrm);
        assertTrue(m.find(), hgrm);
        return Long.parseLong(m.group(1));
    }

    private record Output(int status, String out, String err)
    {
    }

    private static Output execute(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = LoadClientMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
