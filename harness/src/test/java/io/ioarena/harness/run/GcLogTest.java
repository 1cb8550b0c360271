package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GcLogTest
{
    @Test
    void countsPausesInsideTheWindowOnly()
    {
        final List<String> log = List.of(
            "[2026-11-29T23:00:00.100+0000][0.100s][info][gc,init] Version: 25",
            "[2026-11-29T23:00:01.000+0000][1.000s][info][gc          ] GC(0) Pause Young (Allocation Failure) 256M->2M(981M) 3.500ms",
            "[2026-11-29T23:00:02.000+0000][2.000s][info][gc,heap     ] GC(1) PSYoungGen: 256M(298M)->1M(298M)",
            "[2026-11-29T23:00:02.000+0000][2.000s][info][gc          ] GC(1) Pause Young (Allocation Failure) 258M->3M(981M) 1.250ms",
            "[2026-11-29T23:00:03.000+0000][3.000s][info][gc          ] GC(2) Pause Full (System.gc()) 3M->3M(981M) 20.000ms");
        final long from = OffsetDateTime.parse("2026-11-29T23:00:01.500Z").toInstant().toEpochMilli();
        final long to = OffsetDateTime.parse("2026-11-29T23:00:03.500Z").toInstant().toEpochMilli();
        final GcLog.Pauses p = GcLog.pauses(log, from, to);
        assertEquals(2, p.count());
        assertEquals(21.25, p.totalMs(), 1e-9);
        assertEquals(20.0, p.maxMs(), 1e-9);
    }
}
