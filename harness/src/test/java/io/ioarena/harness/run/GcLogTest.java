package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcLogTest
{
    @Test
    void countsTheSafepointsInsideTheWindowWithTheirTimeToReachThem()
    {
        final List<String> log = List.of(
            "[2026-11-29T23:00:00.100+0000][0.100s][info][gc,init] Version: 25",
            "[2026-11-29T23:00:01.000+0000][1.000s][info][safepoint   ] Safepoint \"ParallelCollectForAllocation\", " +
                "Time since last: 513059431 ns, Reaching safepoint: 5520 ns, At safepoint: 3490000 ns, " +
                "Leaving safepoint: 4480 ns, Total: 3500000 ns, Threads: 0 runnable, 10 total",
            // the [gc] line of the same pause: the safepoint above already counts it
            "[2026-11-29T23:00:02.000+0000][2.000s][info][gc          ] GC(1) Pause Young (Allocation Failure) " +
                "258M->3M(981M) 0.034ms",
            "[2026-11-29T23:00:02.000+0000][2.000s][info][safepoint   ] Safepoint \"ZMarkStartYoung\", " +
                "Time since last: 500377959 ns, Reaching safepoint: 1216000 ns, At safepoint: 34000 ns, " +
                "Leaving safepoint: 0 ns, Total: 1250000 ns, Threads: 1 runnable, 10 total",
            "[2026-11-29T23:00:03.000+0000][3.000s][info][safepoint   ] Safepoint \"Cleanup\", " +
                "Time since last: 1000000000 ns, Reaching safepoint: 1000 ns, At safepoint: 19999000 ns, " +
                "Total: 20000000 ns");
        final long from = OffsetDateTime.parse("2026-11-29T23:00:01.500Z").toInstant().toEpochMilli();
        final long to = OffsetDateTime.parse("2026-11-29T23:00:03.500Z").toInstant().toEpochMilli();
        final GcLog.Pauses p = GcLog.pauses(log, from, to);
        assertEquals(2, p.count());
        assertEquals(21.25, p.totalMs(), 1e-9);
        assertEquals(20.0, p.maxMs(), 1e-9);
    }

    /** Under ZGC the pauses are not on [gc] lines: a forced collection must still be counted, with the server's flags. */
    @Test
    void aServerUnderZgcHasItsForcedCollectionCounted(@TempDir final Path dir) throws Exception
    {
        final Path gcLog = dir.resolve("gc.log");
        try (SelectorProcess server = SelectorProcess.start(JvmPolicy.forThisJvm("64m", "ZGC").serverFlags(gcLog, 1),
            dir))
        {
            final long from = System.currentTimeMillis();
            MemoryProbe.ofThisJdk().read(server.pid(), true); // jcmd GC.run: a full ZGC cycle
            final long to = System.currentTimeMillis();
            final GcLog.Pauses p = GcLog.pauses(gcLog, from, to);
            System.out.printf("ZGC, one forced collection: %d pauses, %.3f ms in all, the longest %.3f ms%n",
                p.count(), p.totalMs(), p.maxMs());
            // a ZGC cycle stops the world at mark start, mark end and relocate start
            assertTrue(p.count() >= 3, "the forced collection's pauses are counted: " + p);
            assertTrue(p.totalMs() > 0 && p.maxMs() <= p.totalMs(), p.toString());
        }
    }
}
