package io.ioarena.harness.report;

import io.ioarena.contract.JmhResult;
import io.ioarena.contract.Tag;
import io.ioarena.harness.results.Manifest;
import io.ioarena.harness.results.Tables;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A suite's results in JMH's JSON result format ({@code scripts/report --export jmh-json}), for JMH Visualizer and
 * CI benchmark trackers. One entry per point (server and scenario) and metric:
 * <ul>
 * <li>{@code benchmark} {@code ioarena.<sweep>.<metric column>}, {@code params} the server and the scenario under
 *     summary.csv's column names, so a tracker keeps one series per server and load;</li>
 * <li>{@code primaryMetric.score} the point's median, {@code scoreConfidence} its distribution-free interval at
 *     {@code ci_level} (summary.csv; not JMH's 99.9% Student-t interval), {@code scoreError} half its width;</li>
 * <li>{@code rawData} one fork holding the repetitions the median is over, one value each (results.csv);</li>
 * <li>{@code scorePercentiles}: for a latency metric, the percentiles of the histograms of those repetitions merged
 *     ({@code latency}, or {@code delivery} for delivery p99), in µs, as the report's spectra; for any other, the
 *     percentiles of the repetitions' values, as JMH gives them.</li>
 * </ul>
 * Throughput is JMH's {@code thrpt} mode, latencies {@code sample}, the per-message and resource metrics
 * {@code avgt}. Each repetition counts as one measurement iteration ({@code measurementTime} the suite's window)
 * after one warm-up iteration ({@code warmupTime} its connections' warm-up; the trial's warm-up until its JIT was
 * quiet is not counted). The JVM fields describe the measured servers' JVM (foreign servers run none); what the
 * folder does not record is an empty string, as JMH always writes them.
 */
final class JmhExport
{
    /** The JMH version whose format this follows. */
    static final String JMH_FORMAT = "1.37";
    /** The percentile keys JMH writes, in its order. */
    static final double[] PERCENTILES = {0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0};

    private final ResultsDir results;

    JmhExport(final ResultsDir results)
    {
        this.results = results;
    }

    List<JmhResult> entries() throws IOException
    {
        final List<JmhResult> entries = new ArrayList<>();
        for (final Scenario s : results.scenarios())
        {
            for (final PointStats p : results.points(s))
            {
                for (final Metric m : Metric.values())
                {
                    final JmhResult e = entry(p, m);
                    if (e != null)
                    {
                        entries.add(e);
                    }
                }
            }
        }
        return entries;
    }

    /** The entry of one point and metric, or null when the point has no value of it. */
    private JmhResult entry(final PointStats p, final Metric m) throws IOException
    {
        final Estimate e = p.get(m);
        final double[] raw = results.statisticsRuns(p).stream().mapToDouble(r -> r.value(m))
            .filter(v -> !Double.isNaN(v)).toArray();
        if (!e.present() || raw.length == 0)
        {
            return null;
        }
        final Manifest manifest = results.manifest();
        final Map<String, Object> env = manifest.environment() == null ? Map.of() : manifest.environment();
        final Manifest.JvmFlags jvm = manifest.jvmPolicy();
        final JmhResult.Score score = new JmhResult.Score(e.median(), (e.high() - e.low()) / 2,
            List.of(e.low(), e.high()), percentiles(p, m, raw), unit(m),
            List.of(Arrays.stream(raw).boxed().toList()));
        return new JmhResult(JMH_FORMAT, "ioarena." + p.scenario().sweep() + "." + m.column(), mode(m), 1,
            manifest.suite() == null ? 1 : manifest.suite().forks(), jvm == null ? "" : text(jvm.java()),
            jvm == null || jvm.server() == null ? List.of() : jvm.server(), text(env.get("javaVersion")),
            text(env.get("javaVm")), text(env.get("javaVersion")), raw.length, time(manifest, true), 1, raw.length,
            time(manifest, false), 1, params(p), score, Map.of());
    }

    private static String mode(final Metric m)
    {
        return m == Metric.THROUGHPUT ? "thrpt" : m.latency() ? "sample" : "avgt";
    }

    /** JMH's units are ASCII ({@code us/op}). */
    private static String unit(final Metric m)
    {
        final String unit = m.unit().replace("µs", "us");
        return unit.isEmpty() ? "count" : unit;
    }

    private Map<String, Double> percentiles(final PointStats p, final Metric m, final double[] raw) throws IOException
    {
        final Histogram merged = m.latency()
            ? results.mergedHistogram(p, (m == Metric.DELIVERY_P99 ? Tag.DELIVERY : Tag.LATENCY).tag()) : null;
        final double[] sorted = raw.clone();
        Arrays.sort(sorted);
        final Map<String, Double> out = new LinkedHashMap<>();
        for (final double q : PERCENTILES)
        {
            out.put(Double.toString(q), merged != null && merged.getTotalCount() > 0
                ? merged.getValueAtPercentile(q) / 1000.0 : percentile(sorted, q));
        }
        return out;
    }

    /** Linear interpolation between the closest ranks of sorted values. */
    static double percentile(final double[] sorted, final double q)
    {
        final double rank = q / 100 * (sorted.length - 1);
        final int below = (int) Math.floor(rank);
        final int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    private static Map<String, String> params(final PointStats p)
    {
        final Scenario s = p.scenario();
        final Map<String, String> params = new LinkedHashMap<>();
        params.put(Tables.VARIANT, p.variant());
        params.put(Tables.WORKLOAD, s.workload());
        params.put(Tables.FRAMING, s.framing());
        params.put(Tables.MODE, s.mode());
        params.put(Tables.CONNECTIONS, Integer.toString(s.connections()));
        params.put(Tables.MESSAGE_SIZE, Integer.toString(s.messageSize()));
        if (s.open())
        {
            params.put(Tables.RATE_REQUESTED, Fmt.plain(s.rate()));
        }
        else
        {
            params.put(Tables.IN_FLIGHT, Integer.toString(s.inFlight()));
        }
        if (s.chat())
        {
            params.put(Tables.ROOMS, Integer.toString(s.rooms()));
        }
        return params;
    }

    /** The suite's warm-up or measured window of a repetition, as JMH writes times ({@code "5 s"}). */
    private static String time(final Manifest manifest, final boolean warmup)
    {
        if (manifest.suite() == null)
        {
            return "";
        }
        final Duration d = warmup ? manifest.suite().warmupTime() : manifest.suite().measureTime();
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** JMH always writes its string fields: what the folder does not say is empty. */
    private static String text(final Object value)
    {
        return value == null ? "" : Objects.toString(value);
    }
}
