package io.ioarena.harness.report;

import io.ioarena.harness.run.PointProfiler;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Opens a generated report in headless Chromium: no script error, every chart drawn, and a screenshot saved as
 * {@code harness/target/report-screenshot.png}; and the report of {@link HostileResults}, whose every outside string is
 * a payload, the same way: still no script error, no dialog opened, the payloads shown as text. Without a Chromium
 * (Debian's {@code chromium} package, which {@code .ci/run} installs) the tests are skipped with the reason, never
 * passed.
 */
class ReportBrowserTest
{
    static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    static final long TIMEOUT_SECONDS = 180;
    static final int WIDTH = 1400;
    static final int HEIGHT = 2400;

    static Path browser;
    static Path target;
    static Path report;
    static Path hostile;

    /** Why the tests cannot run here, or null. */
    static String noBrowser;

    @BeforeAll
    static void setUp() throws IOException
    {
        final Optional<Path> found = chromium();
        if (found.isEmpty())
        {
            noBrowser = "no Chromium: none of " + CANDIDATES + " (nor $IOARENA_CHROMIUM) exists; install " +
                "Debian's chromium package (.ci/run does) to run the browser test";
            System.err.println("SKIPPED ReportBrowserTest: " + noBrowser);
            return;
        }
        browser = found.get();
        target = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
        final Path dir = target.resolve("report-browser-test");
        deleteTree(dir);
        report = writeReport(SyntheticResults.write(dir));
        final Path hostileDir = target.resolve("report-browser-hostile");
        deleteTree(hostileDir);
        hostile = withDialogsRecorded(writeReport(HostileResults.write(hostileDir)));
    }

    private static Path writeReport(final Path dir)
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, ReportMain.run(new String[] {dir.toString()}, new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err)), err.toString());
        return dir.resolve("report.html");
    }

    /**
     * A copy of a report whose {@code alert}, {@code confirm} and {@code prompt} mark the page instead of opening a
     * dialog: an open dialog would stop headless Chromium until the timeout, and the mark says which payload ran.
     */
    private static Path withDialogsRecorded(final Path page) throws IOException
    {
        final String recorder = "<head>\n<script>['alert', 'confirm', 'prompt'].forEach(function (n) { window[n] = "
            + "function (m) { document.documentElement.setAttribute('data-dialog', n + ': ' + m); }; });</script>\n";
        final String html = Files.readString(page);
        assertTrue(html.contains("<head>\n"), "a head to put the recorder first into");
        final Path copy = page.resolveSibling("report-dialogs-recorded.html");
        Files.writeString(copy, html.replaceFirst("<head>\n", Matcher.quoteReplacement(recorder)));
        return copy;
    }

    /** Each test is reported as skipped, with the reason, where there is no browser: never as passed. */
    @BeforeEach
    void needsABrowser()
    {
        Assumptions.assumeTrue(noBrowser == null, noBrowser);
    }

    @Test
    void everyChartDrawsWithoutScriptErrors() throws Exception
    {
        final String dom = loadsAndDrawsEveryChart(report);
        assertTrue(dom.contains("<section id=\"capacity\">"), "the capacity section");
        assertTrue(Pattern.compile("<figure[^>]*data-chart=\"knee-echo-capacity\"[^>]*data-drawn=\"true\"").matcher(dom)
            .find() || Pattern.compile("<figure[^>]*data-drawn=\"true\"[^>]*data-chart=\"knee-echo-capacity\"")
            .matcher(dom).find(), "the knee chart is drawn");
        assertTrue(dom.contains("<section id=\"soak\">"), "the soak section");
        for (final String series : List.of("rss", "heap", "fds", "threads", "p99"))
        {
            assertTrue(Pattern.compile("<figure[^>]*data-chart=\"soak-" + series + "-[^\"]*\"[^>]*data-drawn=\"true\"")
                .matcher(dom).find() || Pattern.compile("<figure[^>]*data-drawn=\"true\"[^>]*data-chart=\"soak-" +
                series + "-").matcher(dom).find(), "the soak's " + series + " chart is drawn");
        }
    }

    @Test
    void hostileStringsAreInertAndShownAsText() throws Exception
    {
        final String dom = loadsAndDrawsEveryChart(hostile);
        assertEquals(List.of(), matches(dom, "<html[^>]*(data-dialog=\"[^\"]*\")"), "a payload opened a dialog");
        assertFalse(Pattern.compile("<img|<a [^>]*href=\"javascript:", Pattern.CASE_INSENSITIVE).matcher(dom).find(),
            "no element made of a payload");
        for (final String payload : HostileResults.PAYLOADS)
        {
            assertTrue(dom.contains(asText(payload)), "shown as text: " + payload);
        }
        // drawn from the chart data by report.js and uPlot, which set text, never markup
        final String name = asText(HostileResults.SCRIPT_BREAK);
        assertTrue(dom.contains("<strong>" + name + "</strong>"), "in the headline table");
        assertTrue(Pattern.compile("<text[^>]*>" + Pattern.quote(name) + "</text>").matcher(dom).find(),
            "as a bar chart's label");
        assertTrue(Pattern.compile("class=\"u-label\"[^>]*>" + Pattern.quote(name) + "<").matcher(dom).find(),
            "in a uPlot legend");
    }

    /** A profiled point's flame graph (async-profiler's page, drawn from a Flight Recording) renders offline. */
    @Test
    void aFlameGraphDraws() throws Exception
    {
        final Path dir = target.resolve("flame-graph-browser-test");
        deleteTree(dir);
        Files.createDirectories(dir);
        final Path recording = dir.resolve(PointProfiler.RECORDING);
        try (Recording r = new Recording())
        {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            r.start();
            burn(Duration.ofMillis(400));
            r.stop();
            r.dump(recording);
        }
        PointProfiler.Jfr.flameGraphs(recording, dir, "browser test", false);
        final Result r = run("--dump-dom", dir.resolve(PointProfiler.CPU_FLAME_GRAPH).toUri().toString());
        assertTrue(r.stdout.contains("<h1>browser test: CPU"), "the page loaded; stderr: " + r.stderr);
        assertEquals(List.of(), r.stderr.lines().filter(l -> l.contains(":CONSOLE") && l.contains("Uncaught")).toList(),
            "uncaught errors in Chromium's console log");
        final List<String> heights = matches(r.stdout, "<canvas id=\"canvas\"[^>]* height=\"([0-9]+)\"");
        assertEquals(1, heights.size(), "the flame graph's canvas: " + r.stdout);
        // one 16-pixel row per stack level: a graph of the busy method's stacks, not the empty root alone
        assertTrue(Integer.parseInt(heights.get(0)) > 3 * 16, "drawn with its stacks: height " + heights.get(0));
    }

    /** Keeps this thread on the CPU in Java code for a while, so that execution samples catch it. */
    private static long burn(final Duration length)
    {
        final long end = System.nanoTime() + length.toNanos();
        long x = 1;
        while (System.nanoTime() < end)
        {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    /** How Chromium's DOM dump writes a text node. */
    private static String asText(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Opens a report: no script error, every chart drawn. Its DOM after the scripts ran. */
    private static String loadsAndDrawsEveryChart(final Path page) throws Exception
    {
        final Result r = run("--dump-dom", page.toUri().toString());
        final String dom = r.stdout;
        assertTrue(dom.contains("id=\"report-data\""), "Chromium dumped the report's DOM; stderr: " + r.stderr);
        final List<String> errors = matches(dom, "<li class=\"js-error\">([^<]*)");
        assertEquals(List.of(), errors, "script errors recorded in the page");
        assertFalse(Pattern.compile("<html[^>]*data-js-error").matcher(dom).find(), "no script error flagged on <html>");
        final List<String> uncaught = r.stderr.lines().filter(l -> l.contains(":CONSOLE") && l.contains("Uncaught"))
            .toList();
        assertEquals(List.of(), uncaught, "uncaught errors in Chromium's console log");

        final String html = Files.readString(page);
        final int expected = matches(html, "<figure class=\"chart\" data-chart=\"([^\"]+)\"").size();
        assertTrue(expected > 0, "the report has charts");
        assertTrue(dom.contains("data-charts=\"" + expected + "\""), "report.js saw all " + expected + " charts");
        final List<String> figures = matches(dom, "(<figure[^>]*class=\"chart\"[^>]*>)");
        assertEquals(expected, figures.size());
        for (final String f : figures)
        {
            assertTrue(f.contains("data-drawn=\"true\""), "not drawn: " + f);
            assertFalse(f.contains("data-error"), "failed: " + f);
        }
        // uPlot charts draw on a canvas; the resource charts are SVG
        assertTrue(matches(dom, "(<canvas)").size() >= expected / 2, "uPlot made its canvases");
        assertTrue(dom.contains("<svg"), "the bar charts are SVG");
        return dom;
    }

    @Test
    void screenshotShowsTheReport() throws Exception
    {
        final Path png = target.resolve("report-screenshot.png");
        Files.deleteIfExists(png);
        final Result r = run("--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT,
            report.toUri().toString());
        assertTrue(Files.isRegularFile(png), "Chromium wrote no screenshot; stderr: " + r.stderr);
        final byte[] bytes = Files.readAllBytes(png);
        assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1), "a PNG");
        final ByteBuffer ihdr = ByteBuffer.wrap(bytes, 16, 8);
        assertEquals(WIDTH, ihdr.getInt(), "width");
        assertEquals(HEIGHT, ihdr.getInt(), "height");
        // a blank or error page compresses to a few kB; tables and charts do not
        assertTrue(bytes.length > 100_000, "the screenshot has content (" + bytes.length + " bytes)");
        System.out.println("ReportBrowserTest: screenshot " + png);
    }

    private record Result(String stdout, String stderr)
    {
    }

    private static Result run(final String... args) throws IOException, InterruptedException
    {
        final Path profile = Files.createTempDirectory(target, "chromium-profile");
        final List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox",
            "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(args));
        final Path out = profile.resolveSibling(profile.getFileName() + ".out");
        final Path err = profile.resolveSibling(profile.getFileName() + ".err");
        final Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
            }
            return new Result(Files.readString(out), Files.readString(err));
        }
        finally
        {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            deleteTree(profile);
        }
    }

    static Optional<Path> chromium()
    {
        final String configured = System.getenv("IOARENA_CHROMIUM");
        final List<String> all = new ArrayList<>();
        if (configured != null && !configured.isBlank())
        {
            all.add(configured);
        }
        all.addAll(CANDIDATES);
        return all.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private static List<String> matches(final String text, final String regex)
    {
        final Matcher m = Pattern.compile(regex).matcher(text);
        final List<String> out = new ArrayList<>();
        while (m.find())
        {
            out.add(m.group(1));
        }
        return out;
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (var files = Files.walk(dir))
        {
            for (final Path f : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList())
            {
                Files.deleteIfExists(f);
            }
        }
    }
}
