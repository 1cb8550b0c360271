package io.ioarena.harness.results;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The contract's names are spelled once: a JSON field is a record component, never a string, and a CSV column's
 * name is a string in its declaration in {@link Tables} and nowhere else in the main code of the client, the
 * contract and the harness, which read it through {@link Tables}'s constants.
 */
class ContractNamesTest
{
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
        Path.of("..", "load-client", "src", "main", "java"), Path.of("..", "contract", "src", "main", "java"));
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Where each string literal of the main sources occurs: literal -> files (one entry per occurrence). */
    private static Map<String, List<String>> literals() throws IOException
    {
        final Map<String, List<String>> at = new TreeMap<>();
        for (final Path root : SOURCES)
        {
            try (Stream<Path> files = Files.walk(root))
            {
                for (final Path f : files.filter(p -> p.toString().endsWith(".java")).toList())
                {
                    final Matcher m = LITERAL.matcher(Files.readString(f));
                    while (m.find())
                    {
                        at.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(f.getFileName().toString());
                    }
                }
            }
        }
        return at;
    }

    /**
     * Words that are column names too but mean something else where they are spelled: the client's own settings
     * ({@code config} in summary.json and churn.json), its merge summary, chart and page wording, JMH's result fields
     * and {@code /proc/<pid>/status}, and a soak's check of the client's errors.
     */
    private static final Map<String, Set<String>> OTHER_MEANINGS = Map.of(
        "connections", Set.of("Charts.java", "LoadConfig.java", "SuiteFiles.java"),
        "framing", Set.of("LoadConfig.java", "ChurnConfig.java"),
        "workload", Set.of("LoadConfig.java"),
        "rooms", Set.of("LoadConfig.java"),
        "mode", Set.of("LoadConfig.java", "ReportPage.java"),
        "flags", Set.of("HlogMerge.java"),
        "valid", Set.of("HlogMerge.java", "ReportPage.java", "Comparison.java"),
        "status", Set.of("Machine.java", "ProcSample.java", "ProcCpuTimes.java"),
        "errors", Set.of("SoakRecord.java"));

    @Test
    void everyCsvColumnNameIsSpelledOnlyInItsDeclaration() throws IOException
    {
        final Map<String, List<String>> literals = literals();
        final Set<String> columns = new LinkedHashSet<>(Tables.RESULTS_COLUMNS);
        columns.addAll(Tables.SUMMARY_COLUMNS);
        final Map<String, List<String>> repeated = new TreeMap<>();
        for (final String c : columns)
        {
            final List<String> where = new ArrayList<>(literals.getOrDefault(c, List.of()));
            where.removeAll(OTHER_MEANINGS.getOrDefault(c, Set.of()));
            if (where.size() > 1)
            {
                repeated.put(c, where);
            }
        }
        assertEquals(Map.of(), repeated, "CSV column names spelled more than once; use Tables' constants");
    }

    /**
     * The contract's JSON files are read and written through their records: no main code walks a JSON tree but the
     * schema version check and the report's page (JMH's own result files, and the manifest shown as it is).
     */
    @Test
    void noMainCodeReadsTheContractsJsonByFieldName() throws IOException
    {
        final Pattern tree = Pattern.compile("JsonNode|readTree\\(|\\.path\\(\"");
        final Set<String> walkers = new TreeSet<>();
        for (final Path root : SOURCES)
        {
            try (Stream<Path> files = Files.walk(root))
            {
                for (final Path f : files.filter(p -> p.toString().endsWith(".java")).toList())
                {
                    if (tree.matcher(Files.readString(f)).find())
                    {
                        walkers.add(f.getFileName().toString());
                    }
                }
            }
        }
        assertEquals(Set.of("ContractJson.java", "ReportPage.java"), walkers);
    }
}
