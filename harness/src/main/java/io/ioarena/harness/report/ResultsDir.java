package io.ioarena.harness.report;

import io.ioarena.contract.ContractJson;
import io.ioarena.contract.JmhRun;
import io.ioarena.harness.results.IntervalLogReader;
import io.ioarena.harness.results.Manifest;
import io.ioarena.harness.results.Tables;
import io.ioarena.harness.results.Verdicts;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A suite's results folder as the harness writes it, read through the contract's records and column names, so the
 * report can be made from any results folder of this schema version, finished or not:
 * <ul>
 * <li>{@code manifest.json} ({@link Manifest}): the suite's {@code servers} order the rows, its sweeps the
 *     scenarios;</li>
 * <li>{@code summary.csv}: one row per point: {@code variant, implementation, sweep, workload, framing, mode,
 *     connections, in_flight, rooms, message_size, rate_requested, repetitions, ok, failed, valid_repetitions,
 *     ranked, ci_level} (older folders have {@code valid} instead of {@code valid_repetitions, ranked}),
 *     {@code <metric>_median/_ci_low/_ci_high} per {@link Metric}, {@code errors_total, flags, failure_reasons},
 *     {@code client_busy_max, client_hiccup_max_us_max} (the load client's own health);</li>
 * <li>{@code results.csv}: one row per repetition: {@code point_id, repetition, status, reason, valid, flags}, the
 *     same point columns and one column per {@link Metric};</li>
 * <li>{@code verdicts.csv}: one row per pair of ranked servers in a scenario: the scenario's columns,
 *     {@code leader, other, lead, p_value, significant, verdict} ({@link Verdicts});</li>
 * <li>{@code points/<point_id>/}: the client's {@code summary.json}, {@code latency.hlog}, {@code latency.hgrm}
 *     ({@code delivery.hgrm} for chat), the server's {@code server-samples.csv}, logs, {@code point.json}.</li>
 * </ul>
 * Missing files and columns read as empty: a report of a half-finished suite shows what there is.
 */
public final class ResultsDir
{
    public static final String SUMMARY = "summary.csv";
    public static final String RESULTS = "results.csv";
    public static final String POINTS = "points";

    private final Path dir;
    private final Manifest manifest;
    private final boolean hasManifest;
    private final List<PointStats> points;
    private final List<Run> runs;
    private final List<PairVerdict> verdicts;

    private ResultsDir(final Path dir, final Manifest manifest, final List<PointStats> points, final List<Run> runs,
        final List<PairVerdict> verdicts)
    {
        this.dir = dir;
        this.hasManifest = manifest != null;
        this.manifest = manifest != null ? manifest : Manifest.absent();
        this.points = points;
        this.runs = runs;
        this.verdicts = verdicts;
    }

    /** Reads a results folder; fails with a message naming the folder when it holds neither table. */
    public static ResultsDir read(final Path dir) throws IOException
    {
        final Path d = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(d))
        {
            throw new IOException(dir + ": no such folder");
        }
        if (!Files.isRegularFile(d.resolve(SUMMARY)) && !Files.isRegularFile(d.resolve(RESULTS)))
        {
            throw new IOException(dir + " is not a results folder: it has neither " + SUMMARY + " nor " + RESULTS);
        }
        final Manifest manifest = Files.isRegularFile(d.resolve(Manifest.FILE))
            ? ContractJson.read(d.resolve(Manifest.FILE), Manifest.class) : null;
        final List<PointStats> points = Files.isRegularFile(d.resolve(SUMMARY))
            ? CsvTable.read(d.resolve(SUMMARY)).rows().stream().map(ResultsDir::pointStats).toList() : List.of();
        final List<Run> runs = Files.isRegularFile(d.resolve(RESULTS))
            ? CsvTable.read(d.resolve(RESULTS)).rows().stream().map(ResultsDir::run).toList() : List.of();
        final List<PairVerdict> verdicts = Files.isRegularFile(d.resolve(Verdicts.FILE))
            ? CsvTable.read(d.resolve(Verdicts.FILE)).rows().stream().map(ResultsDir::verdict).toList() : List.of();
        return new ResultsDir(d, manifest, points, runs, verdicts);
    }

    public Path dir()
    {
        return dir;
    }

    /** The manifest; {@link Manifest#absent()} when the folder has none. */
    public Manifest manifest()
    {
        return manifest;
    }

    public boolean hasManifest()
    {
        return hasManifest;
    }

    public List<PointStats> points()
    {
        return points;
    }

    public List<Run> runs()
    {
        return runs;
    }

    public String label()
    {
        return manifest.label() != null ? manifest.label() : dir.getFileName().toString();
    }

    /** Servers in the suite's order, then any others in the order the tables have them. */
    public List<String> variants()
    {
        final LinkedHashSet<String> v = new LinkedHashSet<>();
        if (manifest.suite() != null)
        {
            v.addAll(manifest.suite().servers());
        }
        final LinkedHashSet<String> seen = new LinkedHashSet<>();
        points.forEach(p -> seen.add(p.variant()));
        runs.forEach(r -> seen.add(r.variant()));
        v.retainAll(seen);
        v.addAll(seen);
        return List.copyOf(v);
    }

    /**
     * Scenarios in the suite's sweep order (the tables are in run order, which is shuffled), then by rate,
     * connections, message size and rooms; sweeps the manifest does not name come last.
     */
    public List<Scenario> scenarios()
    {
        final LinkedHashSet<Scenario> s = new LinkedHashSet<>();
        points.forEach(p -> s.add(p.scenario()));
        runs.forEach(r -> s.add(r.scenario()));
        final List<String> sweeps = new ArrayList<>();
        if (manifest.suite() != null)
        {
            manifest.suite().sweeps().forEach(w -> sweeps.add(w.name()));
        }
        s.forEach(x ->
        {
            if (!sweeps.contains(x.sweep()))
            {
                sweeps.add(x.sweep());
            }
        });
        return s.stream().sorted(Comparator.comparingInt((Scenario x) -> sweeps.indexOf(x.sweep()))
            .thenComparingDouble(Scenario::rate).thenComparingInt(Scenario::connections)
            .thenComparingInt(Scenario::messageSize).thenComparingInt(Scenario::rooms)).toList();
    }

    public List<PointStats> points(final Scenario s)
    {
        return points.stream().filter(p -> p.scenario().equals(s)).toList();
    }

    public Optional<PointStats> point(final String variant, final Scenario s)
    {
        return points.stream().filter(p -> p.variant().equals(variant) && p.scenario().equals(s)).findFirst();
    }

    /** The pairwise verdicts of a scenario's ranked servers; empty for folders written before verdicts.csv. */
    public List<PairVerdict> verdicts(final Scenario s)
    {
        return verdicts.stream().filter(v -> v.scenario().equals(s)).toList();
    }

    /** Every server's repetitions of a scenario. */
    public List<Run> runs(final Scenario s)
    {
        return runs.stream().filter(r -> r.scenario().equals(s)).toList();
    }

    public List<Run> runs(final String variant, final Scenario s)
    {
        return runs(s).stream().filter(r -> r.variant().equals(variant)).toList();
    }

    public Path pointDir(final Run run)
    {
        return dir.resolve(POINTS).resolve(run.pointId());
    }

    /**
     * The repetitions a point's statistics are over: the valid ones of a ranked point, every measured one of
     * another ({@link PointStats#ranked()}).
     */
    public List<Run> statisticsRuns(final PointStats p)
    {
        return runs(p.variant(), p.scenario()).stream().filter(r -> r.ok() && (r.valid() || !p.rankable())).toList();
    }

    /**
     * One histogram tag (nanosecond values) over every interval of the {@code latency.hlog} of the repetitions a
     * point's statistics are over; empty when they left no log.
     */
    public Histogram mergedHistogram(final PointStats p, final String tag) throws IOException
    {
        return Spectrum.merge(statisticsRuns(p).stream().map(r -> pointDir(r).resolve(IntervalLogReader.FILE))
            .filter(Files::isRegularFile).toList(), tag);
    }

    /** Every file in the folder, relative to it, sorted; hidden (temporary) files left out. */
    public List<Path> files() throws IOException
    {
        try (Stream<Path> all = Files.walk(dir))
        {
            return all.filter(Files::isRegularFile).map(dir::relativize)
                .filter(p -> Arrays.stream(p.toString().split("/")).noneMatch(part -> part.startsWith(".")))
                .sorted().toList();
        }
    }

    /**
     * JMH results that belong with this suite: {@code jmh/*.json} inside the folder, else the newest
     * {@code jmh/latest.json} (or {@code *.json}) next to it, as microbench writes into {@code results/jmh/}; the
     * {@link JmhRun} files beside them are not results.
     */
    public List<Path> jmhFiles() throws IOException
    {
        for (final Path jmh : List.of(dir.resolve("jmh"), dir.resolveSibling("jmh")))
        {
            if (!Files.isDirectory(jmh))
            {
                continue;
            }
            if (Files.isRegularFile(jmh.resolve("latest.json")))
            {
                return List.of(jmh.resolve("latest.json"));
            }
            try (Stream<Path> files = Files.list(jmh))
            {
                final List<Path> json = files.filter(f -> f.toString().endsWith(".json") && !JmhRun.isRunFile(f))
                    .sorted().toList();
                if (!json.isEmpty())
                {
                    return json;
                }
            }
        }
        return List.of();
    }

    static PointStats pointStats(final Map<String, String> row)
    {
        final Map<Metric, Estimate> metrics = new EnumMap<>(Metric.class);
        for (final Metric m : Metric.values())
        {
            final double median = number(row, m.column() + Tables.MEDIAN);
            if (!Double.isNaN(median))
            {
                metrics.put(m, new Estimate(median, number(row, m.column() + Tables.CI_LOW),
                    number(row, m.column() + Tables.CI_HIGH)));
            }
        }
        final int repetitions = (int) integer(row, Tables.REPETITIONS);
        final int ok = (int) integer(row, Tables.OK);
        final int failed = (int) integer(row, Tables.FAILED);
        final List<String> flags = flags(text(row, Tables.FLAGS));
        final boolean olderSchema = !row.containsKey(Tables.RANKED);
        // a summary.csv from before repetitions could be dropped: a point was ranked when every one was valid
        final boolean allValid = "true".equalsIgnoreCase(text(row, Tables.VALID)) && failed == 0 && flags.isEmpty();
        return new PointStats(text(row, Tables.VARIANT), text(row, Tables.IMPLEMENTATION), scenario(row),
            repetitions, ok, failed,
            olderSchema ? (allValid ? ok : 0) : (int) integer(row, Tables.VALID_REPETITIONS),
            olderSchema ? allValid : "true".equalsIgnoreCase(text(row, Tables.RANKED)),
            number(row, Tables.CI_LEVEL), metrics, number(row, Tables.ERRORS_TOTAL), flags,
            text(row, Tables.FAILURE_REASONS), number(row, Tables.CLIENT_BUSY + Tables.WORST),
            number(row, Tables.CLIENT_HICCUP_MAX_US + Tables.WORST),
            text(row, Tables.SYSCALL_SOURCE));
    }

    static Run run(final Map<String, String> row)
    {
        final Map<String, Double> values = new TreeMap<>();
        row.forEach((k, v) ->
        {
            final double d = parse(v);
            if (!Double.isNaN(d))
            {
                values.put(k, d);
            }
        });
        return new Run(text(row, Tables.POINT_ID), text(row, Tables.VARIANT), scenario(row),
            (int) integer(row, Tables.REPETITION), text(row, Tables.STATUS), text(row, Tables.REASON),
            "true".equalsIgnoreCase(text(row, Tables.VALID)), flags(text(row, Tables.FLAGS)), values);
    }

    static PairVerdict verdict(final Map<String, String> row)
    {
        return new PairVerdict(scenario(row), text(row, Verdicts.LEADER), text(row, Verdicts.OTHER),
            number(row, Verdicts.LEAD), number(row, Verdicts.P_VALUE),
            "true".equalsIgnoreCase(text(row, Verdicts.SIGNIFICANT)), text(row, Verdicts.VERDICT));
    }

    private static Scenario scenario(final Map<String, String> row)
    {
        return new Scenario(text(row, Tables.SWEEP), text(row, Tables.WORKLOAD), text(row, Tables.FRAMING),
            text(row, Tables.MODE), (int) integer(row, Tables.CONNECTIONS), (int) integer(row, Tables.IN_FLIGHT),
            (int) integer(row, Tables.ROOMS), (int) integer(row, Tables.MESSAGE_SIZE),
            zeroIfMissing(number(row, Tables.RATE_REQUESTED)), (int) integer(row, Tables.ACTIVE_CONNECTIONS));
    }

    private static String text(final Map<String, String> row, final String column)
    {
        return row.getOrDefault(column, "").trim();
    }

    private static double number(final Map<String, String> row, final String column)
    {
        return parse(row.get(column));
    }

    private static long integer(final Map<String, String> row, final String column)
    {
        final double d = number(row, column);
        return Double.isNaN(d) ? 0 : Math.round(d);
    }

    private static double zeroIfMissing(final double d)
    {
        return Double.isNaN(d) ? 0 : d;
    }

    private static double parse(final String text)
    {
        if (text == null || text.isBlank())
        {
            return Double.NaN;
        }
        try
        {
            return Double.parseDouble(text.trim());
        }
        catch (final NumberFormatException e)
        {
            return Double.NaN;
        }
    }

    /** A flags cell: flags carry their amounts ({@code SEND_LAG 14% of p99}), so they are split at semicolons. */
    private static List<String> flags(final String text)
    {
        final List<String> w = new ArrayList<>();
        for (final String s : text.split(";"))
        {
            if (!s.isBlank())
            {
                w.add(s.trim());
            }
        }
        return List.copyOf(w);
    }
}
