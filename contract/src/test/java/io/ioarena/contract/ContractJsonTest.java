package io.ioarena.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractJsonTest
{
    static ClientSummary summary()
    {
        return new ClientSummary("ioarena-load-client", "0.1.0", Map.of("port", 7000), "open", Mode.OPEN.label(),
            "echo", "line", 1_000, 13_000, 10, 5000, 4990, 50_000, 49_900, 10_000, 10_000, 1 << 20, 4096, 9_000_000,
            new ClientSummary.Connections(16, 16, 0), new ClientSummary.Errors(1, 2, 3, 4, 5, 6, 7, 8), null,
            Map.of("latency", new ClientSummary.Percentiles(49_900, 1000, 5e4, 1e3, 40_000, 50_000, 60_000, 90_000,
                200_000, 300_000, 350_000, 400_000)),
            new GeneratorHealth(12_000, 0.5, 0.4, 0.9, "0-1", 2L, 3_000_000L, 30_000_000L, 4_000_000L, 5_000_000L,
                6_000_000L),
            new ClientSummary.Timer(60_000L, 90_000L, 0L, 3_000L, null), List.of("UNDER_TARGET"), false);
    }

    @Test
    void aSummaryIsWrittenWithTheSchemaVersionFirstAndReadsBackEqual(@TempDir final Path dir) throws IOException
    {
        final ClientSummary s = summary();
        final String text = new String(ContractJson.bytes(s), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\n  \"schemaVersion\" : " + ContractJson.SCHEMA_VERSION + ","), text);
        Files.write(dir.resolve(ClientSummary.FILE), ContractJson.bytes(s));
        assertEquals(s, ContractJson.read(dir.resolve(ClientSummary.FILE), ClientSummary.class));
    }

    @Test
    void aFileWithoutASchemaVersionIsReadAsVersionOneAndMissingSectionsAreNull() throws IOException
    {
        final ClientSummary s = ContractJson.read("{\"achievedRate\": 5000, \"measuredSeconds\": 2, \"extra\": 1}",
            ClientSummary.class, "old summary.json");
        assertEquals(5000, s.achievedRate());
        assertNull(s.generator());
        assertNull(s.histogram(Tag.LATENCY));
    }

    @Test
    void aNewerSchemaVersionIsRefusedWithBothVersionsNamed()
    {
        final IOException e = assertThrows(IOException.class, () -> ContractJson.read(
            "{\"schemaVersion\": " + (ContractJson.SCHEMA_VERSION + 1) + "}", ClientSummary.class, "x/summary.json"));
        assertTrue(e.getMessage().startsWith("x/summary.json has schemaVersion " + (ContractJson.SCHEMA_VERSION + 1)),
            e.getMessage());
        assertTrue(e.getMessage().contains("reads schema version " + ContractJson.SCHEMA_VERSION), e.getMessage());
    }

    @Test
    void errorsTotalCountsEveryClass()
    {
        assertEquals(36, summary().errors().total());
    }
}
