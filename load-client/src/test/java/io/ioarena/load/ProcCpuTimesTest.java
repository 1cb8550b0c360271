package io.ioarena.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reading the CPUs the process may run on, and their idle time, from a {@code /proc} laid out by the test. */
class ProcCpuTimesTest
{
    private static final List<String> STAT = List.of(
        "cpu  300 0 150 2000 20 0 5 0 0 0",
        "cpu0 100 0 50 1000 10 0 5 0 40 0",
        "cpu1 200 0 100 1000 10 0 0 0 0 0",
        "cpu2 7 0 3 90 0 0 0 0 0 0",
        "cpu10 1 0 1 8 0 0 0 0 0 0",
        "intr 12345 0 1",
        "ctxt 999");

    @Test
    void parsesTheKernelsCpuLists()
    {
        assertArrayEquals(new int[] {0}, ProcCpuTimes.parseCpuList("0"));
        assertArrayEquals(new int[] {0, 1, 2, 5, 7, 8}, ProcCpuTimes.parseCpuList("0-2,5,7-8"));
    }

    @Test
    void sumsIdleAndIowaitOverTheAllowedCpusOnly()
    {
        // cpu0: idle 1000 + iowait 10 of 1165 (guest 40 is inside user, not added); cpu2: 90 of 100.
        assertArrayEquals(new long[] {1010 + 90, 1165 + 100}, ProcCpuTimes.idleAndTotal(STAT, new int[] {0, 2}));
        assertArrayEquals(new long[] {1010, 1310}, ProcCpuTimes.idleAndTotal(STAT, new int[] {1}),
            "cpu1's line, not cpu10's");
    }

    @Test
    void opensAProcTreeAndIsAbsentWithoutOne(@TempDir final Path proc) throws IOException
    {
        assertNull(ProcCpuTimes.open(proc), "no /proc: unavailable, never a failure");
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self").resolve("status"), "Name:\tjava\nCpus_allowed:\t5\n"
            + "Cpus_allowed_list:\t0,2\nMems_allowed_list:\t0\n");
        assertNull(ProcCpuTimes.open(proc), "no /proc/stat: unavailable");
        Files.write(proc.resolve("stat"), STAT);
        final ProcCpuTimes times = ProcCpuTimes.open(proc);
        assertNotNull(times);
        assertEquals("0,2", times.cpuList());
        assertEquals(2, times.cpuCount());
        assertArrayEquals(new long[] {1100, 1265}, times.sample());
        Files.write(proc.resolve("stat"), List.of("cpu0 1 2 3 4 5 6 7 8 0 0"));
        assertNull(times.sample(), "an allowed CPU missing from /proc/stat: no sample");
    }

    @Test
    void readsThisMachinesProcWhereThereIsOne()
    {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")) && Files.isReadable(Path.of("/proc/stat")));
        final ProcCpuTimes times = ProcCpuTimes.open(Path.of("/proc"));
        assertNotNull(times);
        assertTrue(times.cpuCount() >= 1 && times.cpuCount() <= Runtime.getRuntime().availableProcessors() * 4L,
            times.cpuList());
        final long[] sample = times.sample();
        assertTrue(sample[0] >= 0 && sample[1] >= sample[0], sample[0] + " idle of " + sample[1]);
    }
}
