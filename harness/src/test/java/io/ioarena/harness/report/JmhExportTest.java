package io.ioarena.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ioarena.contract.JmhResult;
import io.ioarena.harness.results.Tables;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/report --export jmh-json} over the synthetic suite. JMH has no JSON reader, so the export is checked
 * against what JMH 1.37 itself writes: every entry must have the shape (fields, nesting, value types, percentile
 * keys) of a real JMH result file kept as a test resource, and it is read back through the typed {@link JmhResult}.
 */
class JmhExportTest
{
    @TempDir
    static Path tmp;
    static ResultsDir results;
    static JsonNode exported;
    static List<JmhResult> entries;

    @BeforeAll
    static void export() throws IOException
    {
        // a rate sweep (open loop) and chat fan-out (delivery latency) keep the fixture small
        final Path dir = SyntheticResults.write(tmp.resolve("suite"), 3, Map.of(), 1,
            List.of("echo-rate", "chat-fanout"));
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, ReportMain.run(new String[] {dir.toString(), "--export", "jmh-json"},
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)), err.toString());
        final Path file = dir.resolve(ReportMain.JMH_EXPORT);
        exported = new ObjectMapper().readTree(file.toFile());
        entries = JmhResult.read(file);
        results = ResultsDir.read(dir);
    }

    @Test
    void everyEntryHasTheShapeOfWhatJmhWrites() throws IOException
    {
        final JsonNode real;
        try (InputStream in = JmhExportTest.class.getResourceAsStream(ReportTest.JMH_SAMPLE))
        {
            real = new ObjectMapper().readTree(in);
        }
        final String jmh = shape(real.get(0), "");
        assertTrue(exported.isArray() && !exported.isEmpty());
        for (final JsonNode entry : exported)
        {
            assertEquals(jmh, shape(entry, ""), entry.path("benchmark").asText());
        }
    }

    @Test
    void oneEntryPerPointAndMetricWithAValue()
    {
        long expected = 0;
        for (final PointStats p : results.points())
        {
            expected += Arrays.stream(Metric.values())
                .filter(m -> p.get(m).present() && results.statisticsRuns(p).stream()
                    .anyMatch(r -> !Double.isNaN(r.value(m)))).count();
        }
        assertEquals(expected, entries.size());
        assertEquals(entries.size(), entries.stream().map(e -> e.benchmark() + e.params()).distinct().count(),
            "a tracker tells every entry apart by benchmark and params");
    }

    @Test
    void throughputIsTheMedianWithTheRepetitionsAsRawData()
    {
        final PointStats p = results.points().getFirst();
        final JmhResult e = entry(p, Metric.THROUGHPUT);
        final Estimate median = p.get(Metric.THROUGHPUT);
        assertEquals("thrpt", e.mode());
        assertEquals("ioarena." + p.scenario().sweep() + ".rate_achieved", e.benchmark());
        assertEquals(p.variant(), e.params().get(Tables.VARIANT));
        assertEquals(median.median(), e.primaryMetric().score(), 1e-9);
        assertEquals(List.of(median.low(), median.high()), e.primaryMetric().scoreConfidence());
        assertEquals((median.high() - median.low()) / 2, e.primaryMetric().scoreError(), 1e-9);
        assertEquals(List.of(results.statisticsRuns(p).stream().map(r -> r.value(Metric.THROUGHPUT)).toList()),
            e.primaryMetric().rawData(), "one fork, one value per repetition");
        assertEquals(e.primaryMetric().rawData().getFirst().size(), e.measurementIterations());
        assertEquals("msg/s", e.primaryMetric().scoreUnit());
        final List<Double> raw = new ArrayList<>(e.primaryMetric().rawData().getFirst());
        raw.sort(null);
        assertEquals(raw.getFirst(), e.primaryMetric().scorePercentiles().get("0.0"));
        assertEquals(raw.getLast(), e.primaryMetric().scorePercentiles().get("100.0"));
    }

    @Test
    void latencyPercentilesComeFromTheMergedHistograms() throws IOException
    {
        final PointStats p = results.points().getFirst();
        final JmhResult e = entry(p, Metric.P99);
        final Histogram merged = results.mergedHistogram(p, "latency");
        assertTrue(merged.getTotalCount() > 0, "the fixture has interval logs");
        assertEquals("sample", e.mode());
        assertEquals("us", e.primaryMetric().scoreUnit());
        assertEquals(p.get(Metric.P99).median(), e.primaryMetric().score(), 1e-9);
        final Map<String, Double> percentiles = e.primaryMetric().scorePercentiles();
        assertEquals(merged.getValueAtPercentile(99.0) / 1000.0, percentiles.get("99.0"), 1e-9);
        assertEquals(merged.getMaxValue() / 1000.0, percentiles.get("100.0"), merged.getMaxValue() / 1000.0 * 1e-3);
        final List<Double> values = List.copyOf(percentiles.values());
        for (int i = 1; i < values.size(); i++)
        {
            assertTrue(values.get(i) >= values.get(i - 1), "percentiles never fall: " + percentiles);
        }
    }

    @Test
    void anUnknownFormatIsAUsageError()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, ReportMain.run(new String[] {results.dir().toString(), "--export", "csv"},
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString().contains("unknown format 'csv' (known: jmh-json)"), err.toString());
        assertFalse(Files.exists(results.dir().resolve("report.html")), "nothing was written instead");
    }

    private static JmhResult entry(final PointStats p, final Metric m)
    {
        return entries.stream().filter(e -> e.benchmark().endsWith("." + m.column()) &&
            e.benchmark().contains("." + p.scenario().sweep() + ".") &&
            e.params().get(Tables.VARIANT).equals(p.variant()) &&
            e.params().get(Tables.CONNECTIONS).equals(Integer.toString(p.scenario().connections())) &&
            e.params().get(Tables.MESSAGE_SIZE).equals(Integer.toString(p.scenario().messageSize())) &&
            (!p.scenario().open() || e.params().get(Tables.RATE_REQUESTED).equals(Fmt.plain(p.scenario().rate()))))
            .findFirst().orElseThrow();
    }

    /**
     * The structure of a JMH entry: field names, nesting and value types; maps whose keys are data (params,
     * secondaryMetrics) by their values' shape only; JMH's "NaN" strings count as numbers, as JMH writes them.
     */
    private static String shape(final JsonNode node, final String field)
    {
        if (node.isNumber() || node.isTextual() && "NaN".equals(node.asText()))
        {
            return "number";
        }
        if (node.isTextual())
        {
            return "string";
        }
        if (node.isArray())
        {
            return "[" + (node.isEmpty() ? "" : shape(node.get(0), field)) + "]";
        }
        if (node.isObject())
        {
            final TreeMap<String, String> fields = new TreeMap<>();
            for (final Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); )
            {
                final Map.Entry<String, JsonNode> f = it.next();
                fields.put(f.getKey(), shape(f.getValue(), f.getKey()));
            }
            if ("params".equals(field))
            {
                return "{map of " + fields.values().stream().distinct().toList() + "}";
            }
            if ("secondaryMetrics".equals(field))
            {
                return "{map}"; // the export puts each metric in an entry of its own, and leaves this empty
            }
            return fields.toString();
        }
        return node.getNodeType().toString();
    }
}
