package io.ioarena.harness.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ioarena.contract.ContractJson;
import io.ioarena.harness.compare.CompareMain;
import io.ioarena.harness.results.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Results folders written before the manifest had a schema version are read; newer versions are refused. */
class SchemaVersionTest
{
    @TempDir
    Path dir;

    /** Rewrites the folder's manifest the way the harness wrote it before {@code schemaVersion}, or with another. */
    private static void manifestVersion(final Path folder, final Integer version) throws IOException
    {
        final Path file = folder.resolve(Manifest.FILE);
        final ObjectNode m = (ObjectNode) ContractJson.mapper().readTree(file.toFile());
        m.remove(ContractJson.SCHEMA_VERSION_FIELD);
        if (version == null)
        {
            m.put("schema", 1);
        }
        else
        {
            m.put(ContractJson.SCHEMA_VERSION_FIELD, version);
        }
        ContractJson.mapper().writeValue(file.toFile(), m);
    }

    @Test
    void aFolderWithoutSchemaVersionIsReportedAndCompared() throws IOException
    {
        final Path old = SyntheticResults.write(dir.resolve("old"), 2, Map.of(), 1, List.of("echo-max"));
        manifestVersion(old, null);
        final ResultsDir r = ResultsDir.read(old);
        assertEquals("synthetic", r.label());
        assertEquals(SyntheticResults.variants(), r.variants());
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, ReportMain.run(new String[] {old.toString()}, e, e), err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(old.resolve("report.html")));
        assertEquals(0, CompareMain.run(new String[] {old.toString(), old.toString(), "--output-dir",
            dir.resolve("cmp").toString()}, e, e), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aNewerSchemaVersionIsRefusedByTheReportAndCompareNamingIt() throws IOException
    {
        final Path newer = SyntheticResults.write(dir.resolve("newer"), 1, Map.of(), 1, List.of("echo-max"));
        manifestVersion(newer, ContractJson.SCHEMA_VERSION + 1);
        for (final boolean report : new boolean[] {true, false})
        {
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            final int exit = report ? ReportMain.run(new String[] {newer.toString()}, e, e)
                : CompareMain.run(new String[] {newer.toString(), newer.toString(), "--output-dir",
                dir.resolve("cmp").toString()}, e, e);
            final String text = err.toString(StandardCharsets.UTF_8);
            assertTrue(exit != 0, text);
            assertTrue(text.contains("has schemaVersion " + (ContractJson.SCHEMA_VERSION + 1)), text);
            assertTrue(text.contains("reads schema version " + ContractJson.SCHEMA_VERSION), text);
        }
    }
}
