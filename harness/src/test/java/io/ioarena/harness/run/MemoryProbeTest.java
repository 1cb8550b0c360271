package io.ioarena.harness.run;

import io.ioarena.harness.results.MemoryReading;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MemoryProbeTest
{
    private static final String SMAPS = """
        55d0c0000000-7ffd3b5fe000 ---p 00000000 00:00 0                          [rollup]
        Rss:               39640 kB
        Pss:               19428 kB
        Pss_Dirty:         17228 kB
        """;

    @Test
    void theHeapInUseIsTheSumOfTheTopLevelLinesOfEachCollector()
    {
        assertEquals((7804 + 1174) * 1024L, heap(HeapInfoTexts.PARALLEL));
        assertEquals(10318 * 1024L, heap(HeapInfoTexts.G1));
        assertEquals(12L << 20, heap(HeapInfoTexts.Z));
        assertEquals(3055 * 1024L, heap(HeapInfoTexts.SERIAL));
    }

    @Test
    void nativeMemoryIsTheCommittedTotalLessTheHeapAndAbsentWithoutTracking()
    {
        final String nmt = """
            4303:

            Native Memory Tracking:

            Total: reserved=1669009KB, committed=299069KB
                   malloc: 9325KB #4266, peak=9250KB #4268
            -                 Java Heap (reserved=262144KB, committed=262144KB)
            """;
        final MemoryReading tracked = MemoryProbe.reading(SMAPS, "1: ZHeap used 1M", nmt);
        assertEquals(299069 * 1024L, tracked.nmtCommittedBytes());
        assertEquals((299069 - 262144) * 1024L, tracked.nmtNativeBytes());
        final MemoryReading untracked = MemoryProbe.reading(SMAPS, "1: ZHeap used 1M",
            "4303:\nNative memory tracking is not enabled\n");
        assertNull(untracked.nmtCommittedBytes());
        assertNull(untracked.nmtNativeBytes());
    }

    @Test
    void aProcessThatIsNotAJvmHasOnlyItsResidentSets()
    {
        final MemoryReading r = MemoryProbe.reading(SMAPS, null, null);
        assertEquals(39640 * 1024L, r.rssBytes());
        assertEquals(19428 * 1024L, r.pssBytes());
        assertNull(r.heapUsedAfterGcBytes());
    }

    /** The probe against a real server JVM holding a few hundred live connections. */
    @Test
    void readsAServerThatHoldsConnections(@org.junit.jupiter.api.io.TempDir final Path dir) throws Exception
    {
        assumeTrue(Files.exists(Path.of("/proc/self/smaps_rollup")), "no /proc/<pid>/smaps_rollup on this system");
        final List<SocketChannel> connections = new ArrayList<>();
        try (SelectorProcess server = SelectorProcess.start(List.of("-Xms64m", "-Xmx64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:NativeMemoryTracking=summary"), dir))
        {
            final MemoryProbe probe = MemoryProbe.ofThisJdk();
            final MemoryReading idle = probe.read(server.pid(), true);
            for (int i = 0; i < 300; i++)
            {
                final SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.ready().port()));
                connections.add(c);
                echo(c);
            }
            final MemoryReading busy = probe.read(server.pid(), true);
            System.out.printf("selector server, 0 -> 300 connections: heap after GC %d -> %d KB, NMT native %d -> %d" +
                    " KB, RSS %d -> %d KB, PSS %d -> %d KB%n", idle.heapUsedAfterGcBytes() >> 10,
                busy.heapUsedAfterGcBytes() >> 10, idle.nmtNativeBytes() >> 10,
                busy.nmtNativeBytes() >> 10, idle.rssBytes() >> 10, busy.rssBytes() >> 10,
                idle.pssBytes() >> 10, busy.pssBytes() >> 10);
            for (final MemoryReading r : List.of(idle, busy))
            {
                assertTrue(r.heapUsedAfterGcBytes() > 0 && r.heapUsedAfterGcBytes() < 64L << 20,
                    "live heap within -Xmx64m: " + r);
                assertTrue(r.nmtCommittedBytes() > r.nmtHeapCommittedBytes(), r.toString());
                assertTrue(r.pssBytes() > 0 && r.pssBytes() <= r.rssBytes(), r.toString());
            }
            // 300 connections hold at least their sockets' objects on the heap after a full collection
            assertTrue(busy.heapUsedAfterGcBytes() > idle.heapUsedAfterGcBytes(),
                "heap after GC grew with 300 connections: " + idle + " -> " + busy);
        }
        finally
        {
            for (final SocketChannel c : connections)
            {
                c.close();
            }
        }
    }

    private static long heap(final String heapInfo)
    {
        return MemoryProbe.reading(SMAPS, heapInfo, null).heapUsedAfterGcBytes();
    }

    private static void echo(final SocketChannel c) throws Exception
    {
        c.write(ByteBuffer.wrap("live?\n".getBytes(StandardCharsets.US_ASCII)));
        final ByteBuffer reply = ByteBuffer.allocate(6);
        while (reply.hasRemaining() && c.read(reply) >= 0)
        {
            // blocking reads until the whole echo is back
        }
        assertEquals("live?\n", new String(reply.array(), StandardCharsets.US_ASCII));
    }
}
