package io.ioarena.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ioarena.contract.ContractJson;
import io.ioarena.harness.env.Machine;
import io.ioarena.harness.results.Manifest;
import io.ioarena.harness.results.Tables;
import io.ioarena.harness.results.Verdicts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic fixture (two sweeps: the rate sweep with its flagged point, the size sweep with its FAILED
 * repetition) with every string the report and the compare page take from outside replaced by a payload that would
 * run script or break out of its context if it were embedded as it is: the server names (foreign servers, with their
 * commands), implementations, a sweep name, the framing, failure reasons, flags, the verdicts, the manifest's label,
 * tool, note, command, environment, preflight, skipped servers and conformance details, a JMH result, and file names.
 */
public final class HostileResults
{
    /** Ends a script element, then opens a comment and a script: escaping only {@code </} leaves the page broken. */
    public static final String SCRIPT_BREAK = "</script><!--<script>alert(1)";
    /** Ends a double-quoted attribute value and adds a handler. */
    public static final String ATTRIBUTE_BREAK = "\" onmouseover=alert(1) x=\"";
    /** A URL that runs script, should it ever become a link as it is. */
    public static final String JAVASCRIPT_URL = "javascript:alert(1)";
    /** An ampersand, both quotes and a line separator (U+2028, a line end in JavaScript source), in a plain name. */
    public static final String QUOTES = "Tom & Jerry's \"best\"\u2028server";
    /** An element that runs script when it loads. */
    public static final String MARKUP = "<img src=x onerror=alert(1)>";

    public static final List<String> PAYLOADS = List.of(SCRIPT_BREAK, ATTRIBUTE_BREAK, JAVASCRIPT_URL, QUOTES, MARKUP);

    /** The fixture's servers, each renamed to a payload. */
    static final Map<String, String> VARIANTS = Map.of("selector", SCRIPT_BREAK, "netty-epoll", ATTRIBUTE_BREAK,
        "vertx-nio", JAVASCRIPT_URL, "vthreads-virtual", QUOTES);
    static final Map<String, String> SWEEPS = Map.of("echo-rate", SCRIPT_BREAK, "echo-size", MARKUP);
    static final List<String> FILE_NAMES = List.of(ATTRIBUTE_BREAK, JAVASCRIPT_URL, QUOTES, "<!--<script>alert(1)");

    private static final ObjectMapper JSON = ContractJson.mapper();

    private HostileResults()
    {
    }

    public static Path write(final Path dir) throws IOException
    {
        SyntheticResults.write(dir, 3, Map.of(), 1, List.copyOf(SWEEPS.keySet()));
        final List<Map<String, String>> summary = rewrite(dir.resolve(ResultsDir.SUMMARY), Tables.FAILURE_REASONS);
        rewrite(dir.resolve(ResultsDir.RESULTS), Tables.REASON);
        verdicts(dir, summary);
        manifest(dir);
        Files.createDirectories(dir.resolve("jmh"));
        Files.writeString(dir.resolve("jmh").resolve("hostile.json"), "[{\"benchmark\": " + quoted(SCRIPT_BREAK)
            + ", \"mode\": " + quoted(MARKUP) + ", \"params\": {" + quoted(ATTRIBUTE_BREAK) + ": " + quoted(QUOTES)
            + "}, \"primaryMetric\": {\"score\": 1, \"scoreError\": 0.1, \"scoreUnit\": " + quoted(JAVASCRIPT_URL)
            + "}}]");
        for (final String name : FILE_NAMES)
        {
            Files.writeString(dir.resolve(name), "hostile file name\n");
        }
        return dir;
    }

    /** A table with its names replaced, its reasons and flags made payloads; the rows as written. */
    private static List<Map<String, String>> rewrite(final Path csv, final String reasonColumn) throws IOException
    {
        final CsvTable table = CsvTable.read(csv);
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final Map<String, String> row : table.rows())
        {
            final Map<String, String> r = new LinkedHashMap<>(row);
            r.put(Tables.VARIANT, VARIANTS.get(row.get(Tables.VARIANT)));
            r.put(Tables.IMPLEMENTATION, MARKUP);
            r.put(Tables.SWEEP, SWEEPS.get(row.get(Tables.SWEEP)));
            r.put(Tables.FRAMING, JAVASCRIPT_URL);
            if (!row.get(reasonColumn).isEmpty())
            {
                r.put(reasonColumn, ATTRIBUTE_BREAK + " " + SCRIPT_BREAK);
            }
            if (!row.get(Tables.FLAGS).isEmpty())
            {
                r.put(Tables.FLAGS, row.get(Tables.FLAGS) + Tables.FLAG_SEPARATOR + MARKUP);
            }
            rows.add(r);
        }
        Files.writeString(csv, SyntheticResults.csv(table.header(), rows));
        return rows;
    }

    /** A verdict between the first two servers of every scenario, in words that are a payload. */
    private static void verdicts(final Path dir, final List<Map<String, String>> summary) throws IOException
    {
        final Map<String, Map<String, String>> byScenario = new LinkedHashMap<>();
        summary.forEach(row -> byScenario.putIfAbsent(ResultsDir.pointStats(row).scenario().id(), row));
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final Map<String, String> scenario : byScenario.values())
        {
            final Map<String, String> v = new LinkedHashMap<>(scenario);
            v.put(Verdicts.LEADER, SCRIPT_BREAK);
            v.put(Verdicts.OTHER, ATTRIBUTE_BREAK);
            v.put(Verdicts.P_VALUE, "0.4");
            v.put(Verdicts.SIGNIFICANT, "false");
            v.put(Verdicts.VERDICT, MARKUP + " vs " + QUOTES);
            rows.add(v);
        }
        Files.writeString(dir.resolve(Verdicts.FILE), SyntheticResults.csv(Verdicts.COLUMN_NAMES, rows));
    }

    /** The manifest's free text made payloads, its servers foreign ones with payload names and commands. */
    private static void manifest(final Path dir) throws IOException
    {
        final Path file = dir.resolve(Manifest.FILE);
        final ObjectNode m = (ObjectNode) JSON.readTree(file.toFile());
        m.put("label", SCRIPT_BREAK);
        m.put("tool", ATTRIBUTE_BREAK);
        m.put("note", MARKUP);
        m.putArray("command").add(JAVASCRIPT_URL).add(SCRIPT_BREAK);
        ((ObjectNode) m.path("environment")).put(Machine.CPU_MODEL, QUOTES).put(SCRIPT_BREAK, MARKUP);
        m.putArray("preflight").add("WARN " + SCRIPT_BREAK).add("OK " + ATTRIBUTE_BREAK);
        m.putObject("skippedServers").put(MARKUP, ATTRIBUTE_BREAK);
        final ObjectNode gate = m.putObject("conformance").putObject(SCRIPT_BREAK);
        gate.put("status", "FAILED").put("cases", 1).put("millis", 1).put("file", JAVASCRIPT_URL);
        gate.putArray("failedCases").addObject().put("case", MARKUP).put("detail", "server said: " + SCRIPT_BREAK);
        final ObjectNode suite = (ObjectNode) m.path("suite");
        final ArrayNode servers = suite.putArray("servers");
        final ObjectNode foreign = suite.putObject("foreign");
        for (final JsonNode s : JSON.readTree(file.toFile()).path("suite").path("servers"))
        {
            final String name = VARIANTS.get(s.asText());
            servers.add(name);
            foreign.putObject(name).put("command", SCRIPT_BREAK + " {flags}").put("check", ATTRIBUTE_BREAK)
                .put("skipHint", MARKUP);
        }
        Files.write(file, JSON.writeValueAsBytes(m));
        ContractJson.read(file, Manifest.class); // still a manifest the report can read
    }

    private static String quoted(final String s) throws IOException
    {
        return JSON.writeValueAsString(s);
    }
}
