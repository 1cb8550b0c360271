package io.ioarena.harness.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ioarena.harness.suite.PointSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablesTest
{
    private static Tables.Row closedLoop(final double achievedRate, final double meanNanos) throws Exception
    {
        final PointSpec spec = new PointSpec("selector", "echo-max", "echo", "line", "closed", 0, 16, 64, 1, 1);
        final PointResult p = new PointResult("id", 1, 1, spec, "selector", PointResult.OK, null, null, "t0", "t1",
            List.of(1), List.of(0), 1, null, null, null, 0, 0, null);
        return new Tables.Row(p, new ObjectMapper().readTree("{\"achievedRate\": " + achievedRate +
            ", \"measuredSeconds\": 2, \"histograms\": {\"latency\": {\"mean\": " + meanNanos + "}}}"));
    }

    @Test
    void littlesLawRatioIsOneWhenConnectionsNeverIdle() throws Exception
    {
        // 16 connections, 1 in flight, 1 ms mean: 16000 msg/s is all Little's law allows
        assertEquals(1.0, closedLoop(16_000, 1_000_000).littlesLawRatio(), 1e-9);
        // the anomaly seen on a loaded machine: 45 msg/s at a 41.9 ms mean, where 382 msg/s was possible
        assertEquals(0.118, closedLoop(45, 41_867_605).littlesLawRatio(), 1e-3);
    }

    @Test
    void reasonsStayOnOneCsvLine()
    {
        assertEquals("no readiness line | --- last output --- | starting",
            Tables.oneLine("no readiness line\n--- last output ---\n\nstarting\n"));
        assertTrue(Tables.resultsCsv(List.of()).startsWith("point_id,seq,repetition,status,reason,"));
    }
}
