package io.ioarena.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ioarena.harness.compare.Comparison;
import io.ioarena.harness.compare.ComparisonPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every string the report and the compare page take from a results folder is escaped for where it lands: fed the
 * payloads of {@link HostileResults} through every path, the pages hold none of them raw, only as text.
 */
class HostileStringsTest
{
    private static final Pattern DATA = Pattern.compile(
        "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    /** The report's own scripts (uPlot's minified code is full of {@code <} and {@code on...=}). */
    private static final Pattern SCRIPT_BODIES = Pattern.compile("<script>.*?</script>", Pattern.DOTALL);

    @TempDir
    static Path tmp;
    static String report;
    static List<String> comparisons;

    @BeforeAll
    static void render() throws IOException
    {
        final ResultsDir hostile = ResultsDir.read(HostileResults.write(tmp.resolve("hostile")));
        final ResultsDir again = ResultsDir.read(HostileResults.write(tmp.resolve("hostile-again")));
        final ResultsDir plain = ResultsDir.read(SyntheticResults.write(tmp.resolve("plain"), 3, Map.of(), 1,
            List.of("echo-rate")));
        report = ReportPage.render(hostile);
        // hostile against hostile: rows with hostile names; against a plain folder: the "only in" banners
        comparisons = List.of(ComparisonPage.render(Comparison.of(hostile, again, 0.10, 0.05)),
            ComparisonPage.render(Comparison.of(plain, hostile, 0.10, 0.05)));
    }

    @Test
    void noPayloadIsEmbeddedRaw()
    {
        for (final String page : pages())
        {
            for (final String payload : HostileResults.PAYLOADS)
            {
                if (!payload.equals(HostileResults.JAVASCRIPT_URL)) // harmless as text; as a URL below
                {
                    assertFalse(page.contains(payload), "raw in the page: " + payload);
                }
            }
            final String markup = SCRIPT_BODIES.matcher(page).replaceAll("<script>");
            assertFalse(Pattern.compile("<img|<!--|<[a-z][^>]*\\son\\w+\\s*=", Pattern.CASE_INSENSITIVE)
                .matcher(markup).find(), "no element, comment or event handler made of a payload");
        }
    }

    @Test
    void everyPayloadIsShownAsText()
    {
        for (final String page : pages())
        {
            for (final String payload : HostileResults.PAYLOADS)
            {
                assertTrue(page.contains(Html.esc(payload)), "shown, escaped: " + payload);
            }
        }
        assertTrue(report.contains("<strong>" + Html.esc(HostileResults.SCRIPT_BREAK) + "</strong>"),
            "a server name in the headline table");
    }

    @Test
    void linksToFilesAreRelativePathsNeverScripts()
    {
        for (final String page : pages())
        {
            assertFalse(Pattern.compile("(href|src)\\s*=\\s*[\"']?\\s*javascript:", Pattern.CASE_INSENSITIVE)
                .matcher(page).find(), "no javascript: URL");
        }
        for (final String name : HostileResults.FILE_NAMES)
        {
            assertTrue(report.contains("<a href=\"" + Html.href(name) + "\">" + Html.esc(name) + "</a>"), name);
        }
        assertEquals("javascript%3Aalert%281%29", Html.href(HostileResults.JAVASCRIPT_URL));
        assertEquals("points/a%22b/%3C%21--.log", Html.href("points/a\"b/<!--.log"));
        assertThrows(IllegalArgumentException.class, () -> Html.href("//example.com/x"), "absolute: could leave");
    }

    @Test
    void onlyTheReportsOwnScriptElementsExist()
    {
        final Matcher m = Pattern.compile("<script[^>]*>", Pattern.CASE_INSENSITIVE).matcher(report);
        final List<String> tags = new ArrayList<>();
        while (m.find())
        {
            tags.add(m.group());
        }
        // the error trap, uPlot, the chart data, report.js
        assertEquals(List.of("<script>", "<script>", "<script type=\"application/json\" id=\"report-data\">",
            "<script>"), tags);
        comparisons.forEach(c -> assertFalse(c.toLowerCase(java.util.Locale.ROOT).contains("<script"), c));
    }

    @Test
    void chartDataHasNoCharacterThatMarkupCouldReadAndParsesBackToThePayloads() throws IOException
    {
        final Matcher m = DATA.matcher(report);
        assertTrue(m.find(), "the chart data is inline");
        final String json = m.group(1);
        for (final char c : new char[] {'<', '>', '&', '\u2028', '\u2029'})
        {
            assertEquals(-1, json.indexOf(c), "escaped in the chart data: U+" + Integer.toHexString(c));
        }
        final List<String> labels = new ArrayList<>();
        new ObjectMapper().readTree(json).path("charts").forEach(chart ->
        {
            chart.path("series").forEach(s -> labels.add(s.path("label").asText()));
            chart.path("panels").forEach(p -> p.path("bars").forEach(b -> labels.add(b.path("label").asText())));
        });
        for (final String name : HostileResults.VARIANTS.values())
        {
            assertTrue(labels.contains(name), "a chart label reads back as the name itself: " + name);
        }
        assertTrue(labels.stream().anyMatch(l -> l.contains(HostileResults.MARKUP)), "the flags, in a label");
    }

    @Test
    void scriptJsonEscapesEveryCharacterThatCouldEndOrReopenTheElement() throws IOException
    {
        final String json = new ObjectMapper().writeValueAsString(Map.of("s", "</script><!--<script>a&b\u2028"));
        final String escaped = Html.scriptJson(json);
        assertEquals("{\"s\":\"\\u003c/script\\u003e\\u003c!--\\u003cscript\\u003ea\\u0026b\\u2028\"}", escaped);
        final JsonNode back = new ObjectMapper().readTree(escaped);
        assertEquals("</script><!--<script>a&b\u2028", back.path("s").asText());
    }

    private static List<String> pages()
    {
        final List<String> all = new ArrayList<>(comparisons);
        all.add(report);
        return all;
    }
}
