package io.ioarena.harness.capacity;

import io.ioarena.contract.ContractJson;
import io.ioarena.harness.results.Csv;
import io.ioarena.harness.results.Tables;
import io.ioarena.harness.suite.CapacitySettings;
import io.ioarena.harness.suite.PointSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One capacity search as the results folder keeps it, {@code capacity/<variant>_<sweep>_rep<n>.json}: the load
 * searched (its rate the first probe's), the settings, how the search ended and the ids of its probes' points (each
 * an ordinary point under {@code points/}, with its spectrum). Written once the search has ended, so a search with
 * a file is finished and {@code --resume} skips it.
 */
public record CapacityRecord(String variant, String sweep, int repetition, PointSpec load, CapacitySettings settings,
    CapacityResult result, List<String> probeIds)
{
    public static final String DIR = "capacity";

    public CapacityRecord
    {
        probeIds = List.copyOf(probeIds);
    }

    /** capacity.csv, next to summary.csv: one row per search, for tools that read tables. */
    public static final String CSV = "capacity.csv";
    /** Its columns: results/README.md says what each holds. */
    public static final List<String> CSV_COLUMNS = List.of(Tables.VARIANT, Tables.SWEEP, Tables.REPETITION,
        Tables.WORKLOAD, Tables.FRAMING, Tables.CONNECTIONS, Tables.ROOMS, Tables.MESSAGE_SIZE, "outcome", "rate",
        "above", "probes", Tables.REASON);

    /** capacity.csv's text for {@code records}. */
    public static String csv(final List<CapacityRecord> records)
    {
        final StringBuilder out = new StringBuilder(Csv.row(CSV_COLUMNS));
        for (final CapacityRecord r : records)
        {
            out.append(Csv.row(Arrays.asList(r.variant(), r.sweep(), r.repetition(), r.load().workload().cliName(),
                r.load().framing().cliName(), r.load().connections(), r.load().chat() ? r.load().rooms() : null,
                r.load().size(), r.result().outcome(), r.result().rate(), r.result().above(),
                r.result().probes().size(), r.result().reason())));
        }
        return out.toString();
    }

    /** The record's file, relative to the results folder. */
    public static Path file(final PointSpec load, final int repetition)
    {
        return Path.of(DIR, load.variant() + "_" + load.sweep() + "_rep" + repetition + ".json");
    }

    /** Every search of a results folder, by server, sweep and repetition; none when it has no capacity folder. */
    public static List<CapacityRecord> readAll(final Path resultsDir) throws IOException
    {
        final Path dir = resultsDir.resolve(DIR);
        if (!Files.isDirectory(dir))
        {
            return List.of();
        }
        final List<CapacityRecord> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList())
            {
                out.add(ContractJson.read(f, CapacityRecord.class));
            }
        }
        out.sort(Comparator.comparing(CapacityRecord::variant).thenComparing(CapacityRecord::sweep)
            .thenComparingInt(CapacityRecord::repetition));
        return out;
    }
}
