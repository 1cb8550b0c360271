package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a JVM's heap lies, from GC.heap_info's text, and its resident set split there, from smaps' text. */
class HeapResidenceTest
{
    @Test
    void theHeapsRangesAreReadFromEveryCollectorThatPrintsThemAndJoinedWhereTheyTouch()
    {
        // ParallelGC's and SerialGC's young and old generations adjoin: one range, as the kernel's one mapping
        final HeapResidence.Range top64m = new HeapResidence.Range(0xfc000000L, 0x100000000L);
        assertEquals(List.of(top64m), HeapResidence.of(HeapInfoTexts.PARALLEL).orElseThrow().ranges());
        assertEquals(List.of(new HeapResidence.Range(0xf0000000L, 0x100000000L)),
            HeapResidence.of(HeapInfoTexts.SERIAL).orElseThrow().ranges());
        assertEquals(List.of(top64m), HeapResidence.of(HeapInfoTexts.G1).orElseThrow().ranges());
        assertEquals(List.of(top64m), HeapResidence.of(HeapInfoTexts.SHENANDOAH).orElseThrow().ranges());
        assertTrue(HeapResidence.of(HeapInfoTexts.Z).isEmpty(), "ZGC prints no range: the resident set is not split");
    }

    /**
     * A made-up smaps: the heap's reserved range holds two mappings (its committed part and a PROT_NONE rest); a
     * thread stack, the libjvm text and a mapping that starts where the heap ends lie outside.
     */
    @Test
    void theResidentSetOutsideTheHeapIsTheRestOfEveryMappingsRss() throws IOException
    {
        final String smaps = """
            00000000f0000000-00000000f8000000 rw-p 00000000 00:00 0
            Size:             131072 kB
            Rss:               40960 kB
            Pss:               40960 kB
            VmFlags: rd wr mr mw me ac sd
            00000000f8000000-0000000100000000 ---p 00000000 00:00 0
            Size:             131072 kB
            Rss:                   0 kB
            VmFlags: mr mw me nr sd
            0000000100000000-0000000100100000 rw-p 00000000 00:00 0
            Size:               1024 kB
            Rss:                 512 kB
            Anonymous:           512 kB
            VmFlags: rd wr mr mw me ac sd
            7f3a1c000000-7f3a1c100000 rw-p 00000000 00:00 0
            Rss:                  96 kB
            7f3a2e600000-7f3a2f8c0000 r-xp 00000000 08:01 1311 /usr/lib/jvm/jdk-25/lib/server/libjvm.so
            Rss:               14336 kB
            ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]
            Rss:                   0 kB
            """;
        final HeapResidence heap = new HeapResidence(List.of(new HeapResidence.Range(0xf0000000L, 0x100000000L)));
        final HeapResidence.Split split = heap.split(new BufferedReader(new StringReader(smaps)));
        assertEquals((40960 + 512 + 96 + 14336) * 1024L, split.rssBytes());
        assertEquals(40960 * 1024L, split.heapRssBytes());
        assertEquals((512 + 96 + 14336) * 1024L, split.outsideHeapBytes());
    }

    /**
     * GC.heap_info and smaps captured from a live selector server (JDK 25, ParallelGC, -Xms=-Xmx 64m, after 20 echo
     * connections; {@link HeapInfoTexts#PARALLEL}, and the smaps cut to 11 of its 190 mappings: the first three, the heap, the malloc heap, libjvm and
     * the main stack): the heap's one mapping, young and old generation together, is found inside its range.
     */
    @Test
    void aLiveServersHeapIsFoundInItsSmaps() throws IOException
    {
        final HeapResidence heap = HeapResidence.of(HeapInfoTexts.PARALLEL).orElseThrow();
        assertEquals(List.of(new HeapResidence.Range(0xfc000000L, 0x100000000L)), heap.ranges());
        final HeapResidence.Split split = heap.split(new BufferedReader(new StringReader(resource(
            "smaps-parallel.txt"))));
        assertEquals(19188 * 1024L, split.heapRssBytes(), "the Rss of fc000000-100000000: " + split);
        assertEquals((4 + 13828 + 100 + 2956 + 10992 + 1028 + 940 + 172 + 32) * 1024L, split.outsideHeapBytes(),
            "the class data archive, the malloc heap, libjvm and the stack: " + split);
    }

    private static String resource(final String name) throws IOException
    {
        try (InputStream in = Objects.requireNonNull(HeapResidenceTest.class.getResourceAsStream("/soak/" + name),
            name))
        {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
