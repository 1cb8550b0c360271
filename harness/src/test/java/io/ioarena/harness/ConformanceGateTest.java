package io.ioarena.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.ioarena.harness.run.Cancellation;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.conformance.ConformanceKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server that breaks the protocol is recorded FAILED with its failing cases and is never measured. */
class ConformanceGateTest
{
    @TempDir
    Path dir;

    @Test
    void nonConformantServerIsRecordedFailedAndNotMeasured() throws IOException
    {
        final Path suite = TestSuites.suite(dir, "gate", List.<String[]>of(new String[] {"bad",
            TestSuites.javaCommand("io.ioarena.harness.fakes.BadEchoServer", "{flags}")}), List.of(1000), 2, "ok",
            true);
        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", suite.toString());
        assertEquals(1, run.status(), run.out());

        final JsonNode verdict = TestSuites.JSON.readTree(run.resultsDir().resolve("conformance/bad.json").toFile());
        assertEquals("FAILED", verdict.path("status").asText());
        assertEquals(ConformanceKit.cases(Service.ECHO, Framing.LINE).size(), verdict.path("cases").size(),
            "every case of the measured service and framing ran");
        final JsonNode echoLine = findCase(verdict, "echo/line single-round-trip");
        assertEquals("FAILED", echoLine.path("status").asText());

        final JsonNode gate = run.manifest().path("conformance").path("bad");
        assertEquals("FAILED", gate.path("status").asText());
        assertTrue(gate.path("failedCases").size() > 0);
        for (final JsonNode p : run.manifest().path("points"))
        {
            assertEquals("FAILED", p.path("status").asText());
            assertTrue(p.path("reason").asText().startsWith("failed the conformance gate: "), p.toString());
        }
        assertFalse(Files.exists(dir.resolve("runs.log")), "the load client never ran");
        assertEquals(3, Files.readAllLines(run.resultsDir().resolve("results.csv")).size());
    }

    private static JsonNode findCase(final JsonNode verdict, final String id)
    {
        for (final JsonNode c : verdict.path("cases"))
        {
            if (c.path("caseId").asText().equals(id))
            {
                return c;
            }
        }
        throw new AssertionError("no case " + id + " in " + verdict);
    }
}
