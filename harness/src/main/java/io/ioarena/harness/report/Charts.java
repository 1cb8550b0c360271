package io.ioarena.harness.report;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.Tag;
import io.ioarena.harness.results.PointResult;
import io.ioarena.harness.results.SoakRecord;
import io.ioarena.harness.run.Trials;
import io.ioarena.harness.capacity.CapacityRecord;
import io.ioarena.harness.capacity.Probe;
import io.ioarena.harness.capacity.Verdict;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * The data of every chart of a report, keyed by chart id, as report.js draws it. Two kinds:
 * <ul>
 * <li>{@code lines} (drawn with uPlot): {@code xs} is the shared, ascending x array; each series has one value
 *     (or null) per x. {@code x.format} says how to label the x axis: {@code nines} (a percentile spectrum's
 *     {@code 1/(1-p)}), {@code count} or {@code bytes}.</li>
 * <li>{@code bars} (drawn as SVG): panels of one bar per server with its confidence interval as a whisker.</li>
 * </ul>
 * Failed or flagged points are drawn grey and named so, never hidden.
 */
public final class Charts
{
    /** Tableau 10: distinct in print and for the common colour blindnesses; one per server, in suite order. */
    private static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#17becf", "#bcbd22", "#7f7f7f");
    static final String FLAGGED = "#9a9a9a";

    private final ResultsDir results;
    private final List<String> variants;
    private final Map<String, Object> charts = new LinkedHashMap<>();

    public Charts(final ResultsDir results)
    {
        this.results = results;
        this.variants = results.variants();
    }

    public Map<String, Object> all()
    {
        return charts;
    }

    public String color(final String variant)
    {
        final int i = variants.indexOf(variant);
        return i < 0 ? FLAGGED : PALETTE.get(i % PALETTE.size());
    }

    /** The percentile spectrum of a scenario, every server overlaid; null when no point has latency data. */
    public String spectrum(final Scenario s) throws IOException
    {
        final String tag = s.chat() ? "delivery" : "latency";
        final Map<PointStats, Spectrum> spectra = new LinkedHashMap<>();
        long maxCount = 0;
        for (final PointStats p : Ranking.of(s, results.points(s), variants).all())
        {
            final Spectrum sp = spectrum(p, tag);
            if (sp.count() > 0)
            {
                spectra.put(p, sp);
                maxCount = Math.max(maxCount, sp.count());
            }
        }
        if (spectra.isEmpty())
        {
            return null;
        }
        final double[] grid = Spectrum.grid(maxCount);
        final List<Map<String, Object>> series = new ArrayList<>();
        // a flagged server keeps its colour (two flagged curves must stay apart) but is drawn faded and dashed
        spectra.forEach((p, sp) -> series.add(series(label(p), color(p.variant()), !p.rankable(), false,
            Arrays.stream(grid).mapToObj(x -> num(sp.valueAt(x))).toList())));
        final String id = "spectrum-" + s.id();
        charts.put(id, lines(tag + " percentile spectrum (repetitions merged)",
            axis("percentile", true, "nines"), axis(tag + " (ms)", true, "ms"),
            Arrays.stream(grid).boxed().toList(), series));
        return id;
    }

    /**
     * One server's spectrum in a scenario: the interval logs of the repetitions its statistics use merged (the valid
     * ones of a ranked server, every measured one of another), else the first of their .hgrm files.
     */
    Spectrum spectrum(final PointStats p, final String tag) throws IOException
    {
        final Histogram h = results.mergedHistogram(p, tag);
        if (h.getTotalCount() > 0)
        {
            return Spectrum.of(h);
        }
        for (final Run r : results.statisticsRuns(p))
        {
            final Path hgrm = results.pointDir(r).resolve(tag + ".hgrm");
            if (Files.isRegularFile(hgrm))
            {
                return Spectrum.ofHgrm(hgrm);
            }
        }
        return new Spectrum(0, List.of());
    }

    /**
     * Each server's first measured repetition at a scenario, second by second on one time axis (0 = the start of
     * the measured window, the warm-up before it): p99 with the server JVM's stop-the-world pauses marked,
     * throughput, and the server's CPU. Ids of the charts made; none where no point has an interval log.
     */
    public List<String> timeline(final Scenario s) throws IOException
    {
        final Tag tag = s.chat() ? Tag.DELIVERY : Tag.LATENCY;
        final Map<PointStats, PointTimeline> lines = new LinkedHashMap<>();
        for (final PointStats p : Ranking.of(s, results.points(s), variants).all())
        {
            final Optional<Run> first = results.runs(p.variant(), s).stream().filter(Run::ok)
                .min(Comparator.comparingInt(Run::repetition));
            if (first.isPresent() && Files.isRegularFile(results.pointDir(first.get()).resolve(ClientSummary.FILE)))
            {
                final PointTimeline t = PointTimeline.read(results.pointDir(first.get()), tag, gcLog(first.get()));
                if (!t.p99Ms().isEmpty())
                {
                    lines.put(p, t);
                }
            }
        }
        if (lines.isEmpty())
        {
            return List.of();
        }
        final long from = lines.values().stream().mapToLong(t -> t.p99Ms().firstKey()).min().orElseThrow();
        final long to = lines.values().stream().mapToLong(t -> t.p99Ms().lastKey()).max().orElseThrow();
        final List<Double> xs = LongStream.rangeClosed(from, to).mapToObj(x -> (double) x).toList();
        final Map<String, Object> time = axis("seconds from the start of the measured window", false, "");
        final List<Map<String, Object>> p99 = new ArrayList<>();
        final List<Map<String, Object>> rate = new ArrayList<>();
        final List<Map<String, Object>> cpu = new ArrayList<>();
        lines.forEach((p, t) ->
        {
            p99.add(series(label(p), color(p.variant()), !p.rankable(), false, values(xs, t.p99Ms())));
            if (!t.pausesMs().isEmpty())
            {
                p99.add(series(p.variant() + ": longest pause that second (ms)", color(p.variant()), false, true,
                    values(xs, t.pausesMs())));
            }
            rate.add(series(label(p), color(p.variant()), !p.rankable(), false, values(xs, t.rate())));
            cpu.add(series(label(p), color(p.variant()), !p.rankable(), false, values(xs, t.cpuCores())));
        });
        final List<String> ids = new ArrayList<>();
        final String what = s.chat() ? "delivery" : "latency";
        put(ids, "timeline-p99-" + s.id(), lines(what + " p99 per second, first repetition; circles: the server " +
            "JVM's stop-the-world pauses", time, axis(what + " p99 (ms)", true, "ms"), xs, p99));
        put(ids, "timeline-rate-" + s.id(), lines((s.chat() ? "deliveries" : "messages") +
            " per second, first repetition", time, axis(s.chat() ? "deliveries/s" : "msg/s", false, "count"), xs, rate));
        if (cpu.stream().anyMatch(c -> ((List<?>) c.get("values")).stream().anyMatch(Objects::nonNull)))
        {
            put(ids, "timeline-cpu-" + s.id(), lines("server CPU per sampling interval, first repetition", time,
                axis("server CPU (cores)", false, ""), xs, cpu));
        }
        return ids;
    }

    /** One series of a soak record, charted. */
    private record SoakSeries(String key, String title, String unit, Function<SoakRecord, List<SoakRecord.Reading>> of)
    {
    }

    private static final List<SoakSeries> SOAK_SERIES = List.of(
        new SoakSeries("rss", "resident set", "MiB", SoakRecord::rssMb),
        new SoakSeries("rss-outside-heap", "resident set outside the Java heap (JVMs)", "MiB",
            SoakRecord::rssOutsideHeapMb),
        new SoakSeries("heap", "heap after a forced full collection (JVMs)", "MiB", SoakRecord::heapMb),
        new SoakSeries("fds", "open files", "count", SoakRecord::fds),
        new SoakSeries("threads", "threads", "count", SoakRecord::threads),
        new SoakSeries("p99", "p99 per window", "ms", SoakRecord::p99Ms));

    /**
     * A soak scenario's time series, one line per server (its first soaked repetition), on one axis of minutes
     * from the start of the measured window, each reading at its whole second: resident set, resident set outside
     * the Java heap, heap after GC, open files, threads and p99. Ids of the charts made; a series no server has
     * (heap without a JVM) is left out.
     */
    public List<String> soak(final Scenario s, final Map<String, SoakRecord> byVariant)
    {
        final TreeSet<Long> seconds = new TreeSet<>();
        byVariant.values().forEach(r -> SOAK_SERIES.forEach(k -> k.of().apply(r).forEach(x ->
            seconds.add(Math.round(x.minute() * 60)))));
        final List<Long> grid = List.copyOf(seconds);
        final List<Double> xs = grid.stream().map(x -> x / 60.0).toList();
        final Map<String, Object> time = axis("minutes from the start of the measured window", false, "");
        final List<String> ids = new ArrayList<>();
        for (final SoakSeries k : SOAK_SERIES)
        {
            final List<Map<String, Object>> lines = new ArrayList<>();
            byVariant.forEach((variant, r) ->
            {
                final Map<Long, Double> bySecond = new LinkedHashMap<>();
                k.of().apply(r).forEach(x -> bySecond.put(Math.round(x.minute() * 60), num(x.value())));
                if (!bySecond.isEmpty())
                {
                    lines.add(series(variant + (r.passed() ? "" : " (soak failed: " + r.failed() + ")"),
                        color(variant), !r.passed(), false, grid.stream().map(bySecond::get).toList()));
                }
            });
            if (!lines.isEmpty())
            {
                put(ids, "soak-" + k.key() + "-" + s.id(), lines(s.sweep() + ": " + k.title() + " over the soak",
                    time, axis(k.title() + " (" + k.unit() + ")", false, ""), xs, lines));
            }
        }
        return ids;
    }

    /** The trial log of the run's server, where the manifest and the point's file say which trial that was. */
    private Path gcLog(final Run run) throws IOException
    {
        final Path file = results.pointDir(run).resolve(PointResult.FILE);
        if (!results.hasManifest() || !Files.isRegularFile(file))
        {
            return null;
        }
        final PointResult point = ContractJson.read(file, PointResult.class);
        return point.spec() == null ? null
            : Trials.gcLog(results.dir(), Trials.key(results.manifest().suite(), point.spec(), point.repetition()));
    }

    private void put(final List<String> ids, final String id, final Map<String, Object> chart)
    {
        charts.put(id, chart);
        ids.add(id);
    }

    /** A series' values on the time grid: null where it has none. */
    private static List<Double> values(final List<Double> xs, final SortedMap<Long, Double> bySecond)
    {
        return xs.stream().map(x -> bySecond.get(x.longValue())).map(v -> v == null ? null : num(v)).toList();
    }

    /**
     * The curves of a sweep along each dimension it varies (rate, connections, message size): throughput–latency
     * for a rate sweep (x = achieved throughput), scaling for the others. Ids of the charts made, in order.
     */
    public List<String> sweep(final String sweep)
    {
        final List<Scenario> scenarios = results.scenarios().stream().filter(s -> s.sweep().equals(sweep)).toList();
        final List<String> ids = new ArrayList<>();
        if (scenarios.isEmpty())
        {
            return ids;
        }
        final boolean open = scenarios.get(0).open();
        final boolean churn = scenarios.get(0).churn();
        final Metric latency = Ranking.decidingMetric(scenarios.get(0),
            scenarios.stream().flatMap(s -> results.points(s).stream()).toList()) == Metric.DELIVERY_P99
            ? Metric.DELIVERY_P99 : Metric.P99;
        for (final Dimension d : Dimension.values())
        {
            final Map<String, List<Scenario>> groups = new LinkedHashMap<>();
            for (final Scenario s : scenarios)
            {
                groups.computeIfAbsent(d.others(s), k -> new ArrayList<>()).add(s);
            }
            for (final List<Scenario> group : groups.values())
            {
                if (group.stream().map(d.value).distinct().count() < 2)
                {
                    continue;
                }
                final String base = "sweep-" + group.get(0).id() + "-" + d.name().toLowerCase(java.util.Locale.ROOT);
                if (churn && d == Dimension.RATE)
                {
                    // the churn curve: what a server completed, and how fast it answered, against what was offered
                    ids.add(curve(base + "-throughput", sweep + ": churn curve, achieved connections/s against the "
                        + "offered rate", group, d, Metric.THROUGHPUT, false));
                    ids.add(curve(base + "-latency", sweep + ": churn curve, first-echo " + latency.label()
                        + " against the offered rate", group, d, latency, false));
                }
                else if (d == Dimension.RATE)
                {
                    ids.add(curve(base, sweep + ": throughput–latency (" + latency.label() + " against achieved " +
                        "throughput, one point per requested rate)", group, Dimension.RATE, latency, true));
                }
                else if (open)
                {
                    ids.add(curve(base, sweep + ": " + latency.label() + " against " + d.label, group, d, latency,
                        false));
                }
                else
                {
                    ids.add(curve(base + "-throughput", sweep + ": throughput against " + d.label, group, d,
                        Metric.THROUGHPUT, false));
                    ids.add(curve(base + "-latency", sweep + ": " + latency.label() + " against " + d.label, group, d,
                        latency, false));
                }
            }
        }
        return ids;
    }

    private String curve(final String id, final String title, final List<Scenario> group, final Dimension d,
        final Metric y, final boolean xIsThroughput)
    {
        // x of each point: its own achieved throughput on a throughput-latency curve, else the dimension's value
        final Map<PointStats, Double> xOf = new LinkedHashMap<>();
        for (final Scenario s : group)
        {
            for (final PointStats p : results.points(s))
            {
                final double x = xIsThroughput && p.get(Metric.THROUGHPUT).present() ? p.get(Metric.THROUGHPUT).median()
                    : d.value.apply(s);
                if (x > 0 && p.get(y).present())
                {
                    xOf.put(p, x);
                }
            }
        }
        final List<Double> xs = List.copyOf(new TreeSet<>(xOf.values()));
        final List<Map<String, Object>> series = new ArrayList<>();
        for (final String v : variants)
        {
            final Double[] values = new Double[xs.size()];
            boolean any = false;
            for (final Map.Entry<PointStats, Double> e : xOf.entrySet())
            {
                if (e.getKey().variant().equals(v) && e.getKey().rankable())
                {
                    values[xs.indexOf(e.getValue())] = num(scale(y, e.getKey().get(y).median()));
                    any = true;
                }
            }
            if (any)
            {
                series.add(series(v, color(v), false, false, Arrays.asList(values)));
            }
        }
        final Double[] flagged = new Double[xs.size()];
        final List<String> which = new ArrayList<>();
        xOf.forEach((p, x) ->
        {
            if (!p.rankable())
            {
                flagged[xs.indexOf(x)] = num(scale(y, p.get(y).median()));
                which.add(p.variant() + " " + d.describe(p.scenario()));
            }
        });
        if (!which.isEmpty())
        {
            series.add(series("flagged, not ranked: " + String.join(", ", which), FLAGGED, true, true,
                Arrays.asList(flagged)));
        }
        final boolean churn = group.get(0).churn();
        charts.put(id, lines(title, axis(xIsThroughput ? "achieved throughput (msg/s)" : churn
            ? "offered rate (connections/s)" : d.label, true, d == Dimension.SIZE ? "bytes" : "count"),
            axis(churn && y == Metric.THROUGHPUT ? "achieved (connections/s)" : yLabel(y), y != Metric.THROUGHPUT,
            y.latency() ? "ms" : "count"), xs, series));
        return id;
    }

    /**
     * The knee of a capacity sweep: each server's p99 (delivery p99 in chat) against the offered rate, one point per
     * rate it probed (the median where it probed a rate more than once), the SLO as a dashed line, and each capacity
     * found marked on it. Null when no search of the sweep measured anything.
     */
    public String knee(final CapacityTable table, final List<CapacityRecord> records)
    {
        final List<CapacityRecord> mine = records.stream().filter(r -> r.sweep().equals(table.sweep())).toList();
        final Map<String, Map<Double, List<Double>>> p99s = new LinkedHashMap<>();
        final TreeSet<Double> xs = new TreeSet<>();
        for (final CapacityRecord r : mine)
        {
            for (final Probe p : r.result().probes())
            {
                if (p.verdict() != Verdict.FAILED && p.samples() > 0)
                {
                    p99s.computeIfAbsent(r.variant(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(p.rate(), k -> new ArrayList<>()).add(p.p99Us() / 1000.0);
                    xs.add(p.rate());
                }
            }
        }
        if (xs.isEmpty())
        {
            return null;
        }
        table.rows().stream().filter(CapacityTable.Row::found).forEach(row -> xs.add(row.ci().median()));
        final List<Double> x = List.copyOf(xs);
        final double slo = mine.getFirst().settings().p99Nanos() / 1e6;
        // the search judges chat on delivery p99, at every recipient
        final String p99 = mine.getFirst().load().chat() ? "delivery p99" : "p99";
        final List<Map<String, Object>> series = new ArrayList<>();
        p99s.forEach((variant, byRate) -> series.add(series(variant, color(variant), false, false, x.stream()
            .map(rate -> byRate.containsKey(rate) ? num(median(byRate.get(rate).stream()
                .mapToDouble(Double::doubleValue).sorted().toArray())) : null).toList())));
        series.add(series(p99 + " SLO " + mine.getFirst().settings().p99(), FLAGGED, true, false,
            x.stream().map(rate -> slo).toList()));
        for (final CapacityTable.Row row : table.rows())
        {
            if (row.found())
            {
                series.add(series(row.variant() + " capacity " + Fmt.count(row.ci().median()) + " " +
                    table.axis().unit(),
                    color(row.variant()), false, true, x.stream().map(rate -> rate == row.ci().median() ? slo : null)
                    .toList()));
            }
        }
        final String id = "knee-" + table.sweep().replaceAll("[^A-Za-z0-9_.-]", "-");
        charts.put(id, lines(table.sweep() + ": " + p99 + " against offered load, every probe of every search; " +
            "capacity marked on the SLO", axis(table.axis().label(), true, "count"), axis(p99 + " (ms)", true, "ms"),
            x, series));
        return id;
    }

    /** CPU per message, RSS, RSS per connection and threads of every server in a scenario, in suite order. */
    public String resources(final Scenario s)
    {
        final List<PointStats> points = results.points(s).stream()
            .sorted(java.util.Comparator.comparingInt(p -> variants.indexOf(p.variant()))).toList();
        final List<Map<String, Object>> panels = new ArrayList<>();
        panels.add(panel("CPU per message", "µs", points, p -> p.get(Metric.CPU_PER_MESSAGE)));
        panels.add(panel("server RSS", "MB", points, p -> p.get(Metric.RSS)));
        panels.add(panel("RSS per connection", "KB", points, p ->
        {
            final Estimate rss = p.get(Metric.RSS);
            final double k = 1024.0 / Math.max(1, s.connections());
            return new Estimate(rss.median() * k, rss.low() * k, rss.high() * k);
        }));
        panels.add(panel("server threads (max)", "", points, p ->
        {
            final double[] t = results.runs(p.variant(), s).stream().filter(Run::ok)
                .mapToDouble(r -> r.value(Metric.THREADS)).filter(v -> !Double.isNaN(v)).sorted().toArray();
            return t.length == 0 ? Estimate.NONE : new Estimate(median(t), t[0], t[t.length - 1]);
        }));
        if (panels.stream().allMatch(p -> ((List<?>) p.get("bars")).stream()
            .allMatch(b -> ((Map<?, ?>) b).get("value") == null)))
        {
            return null;
        }
        final String id = "resources-" + s.id();
        final Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("kind", "bars");
        chart.put("title", "server resources");
        chart.put("panels", panels);
        charts.put(id, chart);
        return id;
    }

    private Map<String, Object> panel(final String title, final String unit, final List<PointStats> points,
        final Function<PointStats, Estimate> value)
    {
        final List<Map<String, Object>> bars = new ArrayList<>();
        for (final PointStats p : points)
        {
            final Estimate e = value.apply(p);
            final Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("label", p.variant());
            bar.put("color", color(p.variant()));
            bar.put("flagged", !p.rankable());
            bar.put("value", num(e.median()));
            bar.put("low", num(e.low()));
            bar.put("high", num(e.high()));
            bars.add(bar);
        }
        final Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("title", title);
        panel.put("unit", unit);
        panel.put("bars", bars);
        return panel;
    }

    private static String label(final PointStats p)
    {
        return p.rankable() ? p.variant() : p.variant() + " (flagged: " + p.whyUnranked() + ")";
    }

    private static String yLabel(final Metric y)
    {
        return y.latency() ? y.label() + " (ms)" : y.label() + " (" + y.unit() + ")";
    }

    /** Latencies are charted in milliseconds. */
    private static double scale(final Metric m, final double v)
    {
        return m.latency() ? v / 1000.0 : v;
    }

    private static Map<String, Object> lines(final String title, final Map<String, Object> x,
        final Map<String, Object> y, final List<Double> xs, final List<Map<String, Object>> series)
    {
        final Map<String, Object> c = new LinkedHashMap<>();
        c.put("kind", "lines");
        c.put("title", title);
        c.put("x", x);
        c.put("y", y);
        c.put("xs", xs);
        c.put("series", series);
        return c;
    }

    private static Map<String, Object> axis(final String label, final boolean log, final String format)
    {
        final Map<String, Object> a = new LinkedHashMap<>();
        a.put("label", label);
        a.put("log", log);
        a.put("format", format);
        return a;
    }

    private static Map<String, Object> series(final String label, final String color, final boolean flagged,
        final boolean pointsOnly, final List<Double> values)
    {
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("label", label);
        s.put("color", color);
        s.put("flagged", flagged);
        s.put("pointsOnly", pointsOnly);
        s.put("values", values);
        return s;
    }

    /** JSON has no NaN: missing values are null. */
    static Double num(final double v)
    {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    private static double median(final double[] sorted)
    {
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** What a sweep can vary, and how to tell its scenarios apart along everything else. */
    enum Dimension
    {
        RATE("requested rate (msg/s)", s -> s.rate()),
        CONNECTIONS("connections", s -> (double) s.connections()),
        SIZE("message size (bytes)", s -> (double) s.messageSize());

        final String label;
        final Function<Scenario, Double> value;

        Dimension(final String label, final Function<Scenario, Double> value)
        {
            this.label = label;
            this.value = value;
        }

        String others(final Scenario s)
        {
            return Objects.toString(this == RATE ? null : s.rate()) + "/" + (this == CONNECTIONS ? null
                : s.connections()) + "/" + (this == SIZE ? null : s.messageSize()) + "/" + s.inFlight() + "/" + s.rooms()
                + "/" + s.active();
        }

        String describe(final Scenario s)
        {
            return switch (this)
            {
                case RATE -> "at " + Fmt.count(s.rate()) + (s.churn() ? " connections/s" : " msg/s");
                case CONNECTIONS -> "at " + s.connections() + " connections";
                case SIZE -> "at " + s.messageSize() + " B";
            };
        }
    }
}
