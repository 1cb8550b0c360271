package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ProcSample} over a /proc tree written here, with the kernel's own file layouts. */
class ProcSampleTest
{
    private static final long PID = 4242;
    private static final Pattern REACTORS = Pattern.compile("\\Qselector-reacto\\E.*");

    @Test
    void aCsvRowReadsBackAsTheSampleItWasWrittenFrom()
    {
        final ProcSample full = new ProcSample(1_764_450_000_123L, 3.7, 4.83, 124_096_512, 20, 10_798, 4_080,
            8_481.973, 1, 4_511.247, 971_744);
        assertEquals(full, ProcSample.parse(full.csv()));
        // a kernel without schedstat and an unreadable io file: empty cells, read back as NaN and -1
        final ProcSample bare = new ProcSample(1, 0.5, 0.25, 1024, 3, 7, 8, Double.NaN, 0, Double.NaN, -1);
        assertEquals(bare, ProcSample.parse(bare.csv()));
        // an older harness's row stops after the context switches
        assertEquals(new ProcSample(1, 0.5, 0.25, 1024, 3, 7, 8, Double.NaN, 0, Double.NaN, -1),
            ProcSample.parse("1,0.500,0.250,1024,3,7,8"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProcSample.parse("1,2,3")).getMessage()
            .contains("epoch_ms"));
    }

    @Test
    void sumsEveryThreadAndTheEventLoopsApart(@TempDir final Path proc) throws IOException
    {
        final Path p = process(proc);
        Files.writeString(p.resolve("schedstat"), "1000 2000 3\n");
        thread(p, 4242, "java", "5 1", "1000000 2000000 10\n");
        thread(p, 4250, "selector-reacto", "100 40", "900000000 30000000 140\n");
        thread(p, 4251, "selector-reacto", "200 60", "800000000 20500000 260\n");
        thread(p, 4260, "C2 CompilerThre", "7 90", "50000000 1000000 97\n");

        final ProcSample s = ProcSample.read(proc, List.of(PID), 123, 100, REACTORS, new ProcSample.TreeTotals());
        assertEquals(123, s.epochMs());
        assertEquals(12.34, s.cpuUserSeconds(), 1e-9, "utime ticks / CLK_TCK");
        assertEquals(5.67, s.cpuSysSeconds(), 1e-9);
        assertEquals(4, s.threads());
        assertEquals(2048L * 1024, s.rssBytes());
        assertEquals(312, s.voluntarySwitches());
        assertEquals(191, s.involuntarySwitches());
        assertEquals(2, s.eventLoopThreads());
        assertEquals(50.5, s.eventLoopRunQueueWaitMs(), 1e-9, "30 + 20.5 ms waited by the two reactors");
        assertEquals(53.5, s.runQueueWaitMs(), 1e-9, "and 2 + 1 ms by the others");
        assertEquals(120 + 37, s.rwSyscalls(), "syscr + syscw of the process's io file");
        assertEquals("123,12.340,5.670,2097152,4,312,191,53.500,2,50.500,157", s.csv());
    }

    @Test
    void aKernelWithoutSchedstatLeavesTheWaitsEmpty(@TempDir final Path proc) throws IOException
    {
        final Path p = process(proc);
        thread(p, 4250, "selector-reacto", "100 40", null);

        final ProcSample s = ProcSample.read(proc, List.of(PID), 123, 100, REACTORS, new ProcSample.TreeTotals());
        assertEquals(1, s.eventLoopThreads());
        assertEquals(40, s.involuntarySwitches());
        assertTrue(Double.isNaN(s.runQueueWaitMs()) && Double.isNaN(s.eventLoopRunQueueWaitMs()));
        assertTrue(s.csv().endsWith(",40,,1,,157"), s.csv());
    }

    @Test
    void anUnreadableIoFileLeavesTheSystemCallsEmpty(@TempDir final Path proc) throws IOException
    {
        final Path p = process(proc);
        Files.delete(p.resolve("io"));
        thread(p, 4250, "selector-reacto", "100 40", null);

        final ProcSample s = ProcSample.read(proc, List.of(PID), 123, 100, REACTORS, new ProcSample.TreeTotals());
        assertEquals(-1, s.rwSyscalls());
        assertEquals(40, s.involuntarySwitches(), "the rest is still read");
        assertTrue(s.csv().endsWith(",1,,"), s.csv());
    }

    @Test
    void threadSumsDoNotFallWhenThreadsEnd(@TempDir final Path proc) throws IOException
    {
        final Path p = process(proc);
        Files.writeString(p.resolve("schedstat"), "1000 2000 3\n");
        thread(p, 4250, "selector-reacto", "100 40", "0 10000000 1\n");
        thread(p, 4300, "vthreads-conn-0", "50 5", "0 4000000 1\n");
        final ProcSample.TreeTotals totals = new ProcSample.TreeTotals();
        final ProcSample first = ProcSample.read(proc, List.of(PID), 1000, 100, REACTORS, totals);
        assertEquals(150, first.voluntarySwitches());
        assertEquals(14, first.runQueueWaitMs(), 1e-9);

        // the connection thread ends; the reactor counts 10 more switches and 1 ms more wait; a new thread starts
        deleteRecursively(p.resolve("task").resolve("4300"));
        thread(p, 4250, "selector-reacto", "110 40", "0 11000000 2\n");
        thread(p, 4301, "vthreads-conn-1", "3 0", "0 500000 1\n");
        final ProcSample second = ProcSample.read(proc, List.of(PID), 2000, 100, REACTORS, totals);
        assertEquals(150 + 10 + 3, second.voluntarySwitches(), "what the ended thread counted stays counted");
        assertEquals(14 + 1 + 0.5, second.runQueueWaitMs(), 1e-9);
        assertEquals(10 + 1, second.eventLoopRunQueueWaitMs(), 1e-9);

        // a new thread under a reused id starts from zero: all it counted is new
        thread(p, 4301, "vthreads-conn-2", "1 0", "0 200000 1\n");
        final ProcSample third = ProcSample.read(proc, List.of(PID), 3000, 100, REACTORS, totals);
        assertEquals(163 + 1, third.voluntarySwitches());
        assertEquals(15.5 + 0.2, third.runQueueWaitMs(), 1e-9);
    }

    @Test
    void aTreeSumsItsProcessesAndKeepsWhatAnEndedChildCounted(@TempDir final Path proc) throws IOException
    {
        final Path root = process(proc);
        thread(root, 4242, "sh", "5 1", null);
        final Path child = process(proc, 4243, 3000, 700, 40960);
        thread(child, 4243, "python3", "20 2", null);
        final ProcSample.TreeTotals totals = new ProcSample.TreeTotals();

        final ProcSample both = ProcSample.read(proc, List.of(PID, 4243L), 1000, 100, REACTORS, totals);
        assertEquals(12.34 + 30, both.cpuUserSeconds(), 1e-9, "the wrapper's CPU and its child's");
        assertEquals(5.67 + 7, both.cpuSysSeconds(), 1e-9);
        assertEquals((2048L + 40960) * 1024, both.rssBytes());
        assertEquals(8, both.threads(), "4 + 4 in the stat files");
        assertEquals(25, both.voluntarySwitches());
        assertEquals(2 * 157, both.rwSyscalls());

        deleteRecursively(child);
        final ProcSample after = ProcSample.read(proc, List.of(PID, 4243L), 2000, 100, REACTORS, totals);
        assertEquals(12.34 + 30, after.cpuUserSeconds(), 1e-9, "the ended child's CPU stays counted");
        assertEquals(2048L * 1024, after.rssBytes(), "its memory is gone with it");
        assertEquals(2 * 157, after.rwSyscalls());
        assertThrows(IOException.class, () -> ProcSample.read(proc, List.of(), 3000, 100, REACTORS, totals),
            "an ended root ends the sampling");
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        try (var files = Files.walk(dir))
        {
            for (final Path f : files.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList())
            {
                Files.delete(f);
            }
        }
    }

    private static Path process(final Path proc) throws IOException
    {
        return process(proc, PID, 1234, 567, 2048);
    }

    private static Path process(final Path proc, final long pid, final long utime, final long stime, final long rssKb)
        throws IOException
    {
        final Path p = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("task"));
        // fields 14 and 15 are utime and stime in ticks, 20 the thread count; the name may hold ") ("
        Files.writeString(p.getParent().resolve("stat"), pid + " (odd) (name) S 1 4242 4242 0 -1 4194560 9 0 0 0 " +
            utime + " " + stime + " 0 0 20 0 4 0 5 0 512 0 0\n");
        Files.writeString(p.getParent().resolve("status"), "Name:\tjava\nVmRSS:\t    " + rssKb + " kB\nThreads:\t4\n");
        Files.writeString(p.getParent().resolve("io"), "rchar: 52000\nwchar: 31000\nsyscr: 120\nsyscw: 37\n" +
            "read_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n");
        return p.getParent();
    }

    private static void thread(final Path p, final long tid, final String name, final String switches,
        final String schedstat) throws IOException
    {
        final Path t = Files.createDirectories(p.resolve("task").resolve(Long.toString(tid)));
        final String[] s = switches.split(" ");
        Files.writeString(t.resolve("status"), "Name:\t" + name + "\nUmask:\t0022\nState:\tS (sleeping)\n" +
            "voluntary_ctxt_switches:\t" + s[0] + "\nnonvoluntary_ctxt_switches:\t" + s[1] + "\n");
        if (schedstat != null)
        {
            Files.writeString(t.resolve("schedstat"), schedstat);
        }
    }
}
