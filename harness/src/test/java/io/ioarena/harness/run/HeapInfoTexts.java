package io.ioarena.harness.run;

/**
 * {@code jcmd <pid> GC.heap_info} as JDK 25 prints it under each collector: ParallelGC, G1, Shenandoah and ZGC
 * captured from a live selector server (-Xms=-Xmx 64m, after 20 echo connections); SerialGC's is the text
 * MemoryProbeTest had before (a 256m heap), not captured again. What {@link MemoryProbe} reads the heap in use from
 * and {@link HeapResidence} the heap's address ranges.
 */
final class HeapInfoTexts
{
    static final String PARALLEL = """
        32589:
        PSYoungGen      total 18944K, used 7804K [0x00000000feb00000, 0x0000000100000000, 0x0000000100000000)
         eden space 16384K, 35% used [0x00000000feb00000,0x00000000ff0aa278,0x00000000ffb00000)
         from space 2560K, 78% used [0x00000000ffb00000,0x00000000ffcf5148,0x00000000ffd80000)
         to   space 2560K, 0% used [0x00000000ffd80000,0x00000000ffd80000,0x0000000100000000)
        ParOldGen       total 44032K, used 1174K [0x00000000fc000000, 0x00000000feb00000, 0x00000000feb00000)
         object space 44032K, 2% used [0x00000000fc000000,0x00000000fc125ab8,0x00000000feb00000)
        """;
    static final String G1 = """
        317:
        garbage-first heap   total reserved 65536K, committed 65536K, used 10318K [0x00000000fc000000, 0x0000000100000000)
         region size 1024K, 9 young (9216K), 2 survivors (2048K)
        """;
    static final String SERIAL = """
        2052:
        DefNew     total 78656K, used 0K [0x00000000f0000000, 0x00000000f5550000, 0x00000000f5550000)
         eden space 69952K,   0% used [0x00000000f0000000, 0x00000000f0000000, 0x00000000f4450000)
        Tenured    total 174784K, used 3055K [0x00000000f5550000, 0x0000000100000000, 0x0000000100000000)
         the  space 174784K,   1% used [0x00000000f5550000, 0x00000000f584bd88, 0x0000000100000000)
        """;
    static final String SHENANDOAH = """
        367:
        Shenandoah Heap
         65536K max, 65536K soft max, 65536K committed, 9950K used
         256 x 256 K regions
        Status: not cancelled
        Reserved region:
         - [0x00000000fc000000, 0x0000000100000000)\s
        Collection set:
         - map (vanilla): 0x0000000000004f00
         - map (biased):  0x0000000000001000
        """;
    static final String Z = """
        414:
        ZHeap            used 12M, capacity 64M, max capacity 64M
         Cache           52M (4)
          size classes   2M (2), 16M (1), 32M (1)
        """;

    private HeapInfoTexts()
    {
    }
}
