package io.ioarena.harness.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One suite's results folder, {@code results/<timestamp>-<label>/}: {@code manifest.json}, {@code results.csv},
 * {@code summary.csv}, {@code conformance/<server>.json} and {@code points/<point-id>/}. Every file the harness
 * writes here is written atomically; a point counts as finished once its {@code point.json} exists.
 */
public final class ResultStore
{
    public static final String MANIFEST = "manifest.json";
    public static final String POINT = "point.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final ObjectMapper json;

    private ResultStore(final Path dir)
    {
        this.dir = dir;
        this.json = mapper();
    }

    public static ObjectMapper mapper()
    {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A new folder under {@code base} named after the UTC start time and the label. */
    public static ResultStore create(final Path base, final String label, final Instant now) throws IOException
    {
        Path d = base.resolve(STAMP.format(now) + "-" + label);
        for (int i = 2; Files.exists(d); i++)
        {
            d = base.resolve(STAMP.format(now) + "-" + label + "-" + i);
        }
        Files.createDirectories(d.resolve("points"));
        return new ResultStore(d);
    }

    /** An existing folder, for {@code --resume}. */
    public static ResultStore open(final Path dir) throws IOException
    {
        if (!Files.isRegularFile(dir.resolve(MANIFEST)))
        {
            throw new IOException(dir + " is not a results folder (no " + MANIFEST + ")");
        }
        Files.createDirectories(dir.resolve("points"));
        return new ResultStore(dir);
    }

    public Path dir()
    {
        return dir;
    }

    public Path pointDir(final String id)
    {
        return dir.resolve("points").resolve(id);
    }

    public JsonNode manifest() throws IOException
    {
        return json.readTree(dir.resolve(MANIFEST).toFile());
    }

    public void writeManifest(final Object manifest) throws IOException
    {
        AtomicFiles.write(dir.resolve(MANIFEST), json.writeValueAsBytes(manifest));
    }

    public void writeJson(final Path relative, final Object value) throws IOException
    {
        final Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        AtomicFiles.write(target, json.writeValueAsBytes(value));
    }

    public void savePoint(final PointResult point) throws IOException
    {
        final Path d = pointDir(point.id());
        Files.createDirectories(d);
        AtomicFiles.write(d.resolve(POINT), json.writeValueAsBytes(point));
    }

    /** The point's result if it finished (OK or FAILED) in an earlier run of this suite. */
    public Optional<PointResult> finished(final String id) throws IOException
    {
        final Path f = pointDir(id).resolve(POINT);
        return Files.isRegularFile(f) ? Optional.of(json.readValue(f.toFile(), PointResult.class)) : Optional.empty();
    }

    /** Every finished point with its client summary, in run order. */
    public List<Tables.Row> rows() throws IOException
    {
        final List<Tables.Row> rows = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dir.resolve("points")))
        {
            for (final Path d : dirs.toList())
            {
                if (!Files.isRegularFile(d.resolve(POINT)))
                {
                    continue;
                }
                final PointResult p = json.readValue(d.resolve(POINT).toFile(), PointResult.class);
                final Path summary = d.resolve("summary.json");
                rows.add(new Tables.Row(p, p.ok() && Files.isRegularFile(summary) ? json.readTree(summary.toFile())
                    : Tables.noSummary()));
            }
        }
        rows.sort(Comparator.comparingInt((Tables.Row r) -> r.point().seq()).thenComparing(r -> r.point().id()));
        return rows;
    }

    /** Remakes results.csv and summary.csv from the finished points. */
    public List<Tables.Row> writeTables() throws IOException
    {
        final List<Tables.Row> rows = rows();
        AtomicFiles.write(dir.resolve("results.csv"), Tables.resultsCsv(rows));
        AtomicFiles.write(dir.resolve("summary.csv"), Tables.summaryCsv(rows));
        return rows;
    }
}
