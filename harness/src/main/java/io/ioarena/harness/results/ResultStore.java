package io.ioarena.harness.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ioarena.contract.ChurnSummary;
import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.ValidityLimits;

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
 * {@code summary.csv}, {@code verdicts.csv}, {@code conformance/<server>.json} and {@code points/<point-id>/}. Every
 * file the harness writes here is written atomically; a point counts as finished once its {@code point.json}
 * exists.
 */
public final class ResultStore
{
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC);

    private final Path dir;

    private ResultStore(final Path dir)
    {
        this.dir = dir;
    }

    /** The contract's JSON mapping, for the harness's files without a schema (gate verdicts, the gate cache). */
    public static ObjectMapper mapper()
    {
        return ContractJson.mapper();
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
        if (!Files.isRegularFile(dir.resolve(Manifest.FILE)))
        {
            throw new IOException(dir + " is not a results folder (no " + Manifest.FILE + ")");
        }
        Files.createDirectories(dir.resolve("points"));
        return new ResultStore(dir);
    }

    public Path dir()
    {
        return dir;
    }

    /** The conformance gate's verdict for {@code server}, relative to the folder. */
    public static Path verdict(final String server)
    {
        return Path.of("conformance", server + ".json");
    }

    public Path pointDir(final String id)
    {
        return dir.resolve("points").resolve(id);
    }

    public Manifest manifest() throws IOException
    {
        return ContractJson.read(dir.resolve(Manifest.FILE), Manifest.class);
    }

    public void writeManifest(final Manifest manifest) throws IOException
    {
        AtomicFiles.write(dir.resolve(Manifest.FILE), ContractJson.bytes(manifest));
    }

    public void writeJson(final Path relative, final Object value) throws IOException
    {
        final Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        AtomicFiles.write(target, ContractJson.bytes(value));
    }

    public void savePoint(final PointResult point) throws IOException
    {
        final Path d = pointDir(point.id());
        Files.createDirectories(d);
        AtomicFiles.write(d.resolve(PointResult.FILE), ContractJson.bytes(point));
    }

    /** The point's result if it finished (OK or FAILED) in an earlier run of this suite. */
    public Optional<PointResult> finished(final String id) throws IOException
    {
        final Path f = pointDir(id).resolve(PointResult.FILE);
        return Files.isRegularFile(f) ? Optional.of(ContractJson.read(f, PointResult.class)) : Optional.empty();
    }

    /** The client's summary of a finished point; empty for a FAILED point, which has none. */
    public Optional<ClientSummary> summary(final PointResult point) throws IOException
    {
        final Path f = pointDir(point.id()).resolve(ClientSummary.FILE);
        return point.ok() && Files.isRegularFile(f) ? Optional.of(ContractJson.read(f, ClientSummary.class))
            : Optional.empty();
    }

    /** The client's churn summary of a finished churn point; empty for any other point and a FAILED one. */
    public Optional<ChurnSummary> churn(final PointResult point) throws IOException
    {
        final Path f = pointDir(point.id()).resolve(ChurnSummary.FILE);
        return point.ok() && point.spec().churn() && Files.isRegularFile(f)
            ? Optional.of(ContractJson.read(f, ChurnSummary.class)) : Optional.empty();
    }

    /** Every finished point with its client summary and validity flags (by the suite's limits), in run order. */
    public List<Tables.Row> rows() throws IOException
    {
        final ValidityLimits limits = limits();
        final List<Tables.Row> rows = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dir.resolve("points")))
        {
            for (final Path d : dirs.toList())
            {
                if (!Files.isRegularFile(d.resolve(PointResult.FILE)))
                {
                    continue;
                }
                final PointResult p = ContractJson.read(d.resolve(PointResult.FILE), PointResult.class);
                rows.add(Tables.Row.of(p, summary(p).orElse(null), churn(p).orElse(null),
                    SyscallCensus.read(d).orElse(null), MemoryUse.read(d).orElse(null), SoakRecord.read(d).orElse(null), limits));
            }
        }
        rows.sort(Comparator.comparingInt((Tables.Row r) -> r.point().seq()).thenComparing(r -> r.point().id()));
        return rows;
    }

    /** The suite's validity settings, the defaults where the manifest has no suite. */
    private ValidityLimits limits() throws IOException
    {
        final Suite suite = manifest().suite();
        return suite == null ? ValidityLimits.DEFAULT : suite.validity();
    }

    /** Remakes results.csv, summary.csv and verdicts.csv from the finished points. */
    public List<Tables.Row> writeTables() throws IOException
    {
        final List<Tables.Row> rows = rows();
        final ValidityLimits limits = limits();
        AtomicFiles.write(dir.resolve("results.csv"), Tables.resultsCsv(rows));
        AtomicFiles.write(dir.resolve("summary.csv"), Tables.summaryCsv(rows, limits));
        AtomicFiles.write(dir.resolve(Verdicts.FILE), Verdicts.csv(rows, limits));
        return rows;
    }
}
