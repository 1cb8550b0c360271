package io.ioarena.harness.run;

import io.ioarena.harness.env.Machine;
import io.ioarena.protocol.launch.Schedstat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One reading of a process and the processes it started (a server run through {@code sh -c} or {@code npm start} is
 * the wrapper's child) from {@code /proc}: cumulative CPU time, resident set, threads, and context switches
 * summed over all their threads (a process's own {@code status} counts only its main thread), and the time their
 * threads spent runnable but waiting for a CPU ({@code schedstat}), over all threads and over the event-loop threads.
 * The cumulative sums count every thread and process seen by any reading so far ({@link TreeTotals}), so they never
 * fall.
 * The read- and write-family system calls come from the process's {@code io} file, which the kernel keeps for the
 * whole process, its ended threads included; it counts only the calls that go through the VFS (read, readv, pread,
 * write, writev, pwrite, sendfile…), not recv/send/recvmsg/sendmsg, epoll or io_uring (results/README.md).
 *
 * @param runQueueWaitMs          waiting on a run queue, summed over the threads; NaN when the kernel keeps no
 *                                {@code schedstat}.
 * @param eventLoopThreads        the threads whose kernel name matches the event-loop pattern.
 * @param eventLoopRunQueueWaitMs waiting on a run queue, summed over those threads; NaN as above.
 * @param rwSyscalls              {@code syscr + syscw} of each process's {@code /proc/<pid>/io}; -1 where the root's
 *                                file cannot be read.
 */
public record ProcSample(long epochMs, double cpuUserSeconds, double cpuSysSeconds, long rssBytes, int threads,
    long voluntarySwitches, long involuntarySwitches, double runQueueWaitMs, int eventLoopThreads,
    double eventLoopRunQueueWaitMs, long rwSyscalls)
{
    public static final String CSV_HEADER = "epoch_ms,cpu_user_s,cpu_sys_s,rss_bytes,threads,ctx_switches_voluntary," +
        "ctx_switches_involuntary,runqueue_wait_ms,eventloop_threads,eventloop_runqueue_wait_ms,rw_syscalls";

    private static final int COLUMNS = CSV_HEADER.split(",").length;
    /** The columns every harness has written, up to {@code ctx_switches_involuntary}. */
    private static final int FIRST_COLUMNS = 7;

    private static final Path PROC = Path.of("/proc");

    // a process's cumulative counters, summed over the tree by TreeTotals
    private static final int USER_TICKS = 0;
    private static final int SYS_TICKS = 1;
    private static final int RW_SYSCALLS = 2;
    private static final int PROCESS_COUNTERS = 3;

    /**
     * Reads a process tree now: the process {@code pids.get(0)} and the processes it started, listed anew for each
     * reading (a wrapper's child may start late). Throws when the root has gone; a child that has gone is left out.
     *
     * @param eventLoops matches the kernel names ({@code comm}) of the threads counted as event-loop threads.
     * @param totals     the tree's counters so far: one instance for all the readings of a tree.
     */
    static ProcSample read(final List<Long> pids, final long epochMs, final long clockTicks, final Pattern eventLoops,
        final TreeTotals totals) throws IOException
    {
        return read(PROC, pids, epochMs, clockTicks, eventLoops, totals);
    }

    /** {@link #read(List, long, long, Pattern, TreeTotals)} under another root than {@code /proc}, for tests. */
    static ProcSample read(final Path procRoot, final List<Long> pids, final long epochMs, final long clockTicks,
        final Pattern eventLoops, final TreeTotals totals) throws IOException
    {
        if (pids.isEmpty())
        {
            throw new IOException("the process has ended");
        }
        // a kernel without CONFIG_SCHED_INFO has no schedstat files at all
        final boolean schedstat = Files.exists(procRoot.resolve(Long.toString(pids.getFirst())).resolve("schedstat"));
        boolean rwReadable = false;
        long rss = 0;
        int threads = 0;
        int loopThreads = 0;
        for (final long pid : pids)
        {
            final Member m;
            try
            {
                m = Member.read(procRoot.resolve(Long.toString(pid)), schedstat, eventLoops, totals.threads);
            }
            catch (final IOException gone)
            {
                if (pid == pids.getFirst())
                {
                    throw gone;
                }
                continue; // a child that ended between the listing and the reading
            }
            rwReadable |= pid == pids.getFirst() && m.ioReadable;
            rss += m.rssBytes;
            threads += m.threads;
            loopThreads += m.eventLoopThreads;
            totals.processes.add(Long.toString(pid), m.cumulative);
        }
        final long[] t = totals.threads.endReading();
        final long[] p = totals.processes.endReading();
        return new ProcSample(epochMs, p[USER_TICKS] / (double) clockTicks, p[SYS_TICKS] / (double) clockTicks, rss,
            threads, t[ThreadTotals.VOLUNTARY_SWITCHES], t[ThreadTotals.INVOLUNTARY_SWITCHES],
            schedstat ? t[ThreadTotals.WAIT_NANOS] / 1e6 : Double.NaN, loopThreads,
            schedstat ? t[ThreadTotals.EVENT_LOOP_WAIT_NANOS] / 1e6 : Double.NaN, rwReadable ? p[RW_SYSCALLS] : -1);
    }

    /**
     * A process tree's counters that never fall: per thread (context switches, run-queue wait) and per process (CPU
     * ticks, system calls), so that neither a thread nor a child process that ends takes back what it counted.
     */
    static final class TreeTotals
    {
        private final ThreadTotals threads = new ThreadTotals(ThreadTotals.COUNTERS);
        private final ThreadTotals processes = new ThreadTotals(PROCESS_COUNTERS);
    }

    /** One process of the tree: what is summed as it is now, and its cumulative counters for {@link TreeTotals}. */
    private record Member(long rssBytes, int threads, int eventLoopThreads, long[] cumulative, boolean ioReadable)
    {
        static Member read(final Path proc, final boolean schedstat, final Pattern eventLoops,
            final ThreadTotals threadTotals) throws IOException
        {
            final String stat = Machine.readFile(proc.resolve("stat"));
            // the command name (field 2) may hold blanks and parentheses: the fields after it follow the last ')'
            final String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
            final long rss = statusValue(Machine.readFile(proc.resolve("status")), "VmRSS:") * 1024;
            int loopThreads = 0;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task")))
            {
                for (final Path task : tasks)
                {
                    final String status;
                    final long wait;
                    try
                    {
                        status = Machine.readFile(task.resolve("status"));
                        wait = schedstat ? Schedstat.read(task).waitNanos() : 0;
                    }
                    catch (final IOException threadEnded)
                    {
                        continue; // ended between listing and reading
                    }
                    final boolean loop = eventLoops.matcher(statusText(status, "Name:")).matches();
                    loopThreads += loop ? 1 : 0;
                    final long[] counters = new long[ThreadTotals.COUNTERS];
                    counters[ThreadTotals.VOLUNTARY_SWITCHES] = statusValue(status, "voluntary_ctxt_switches:");
                    counters[ThreadTotals.INVOLUNTARY_SWITCHES] = statusValue(status, "nonvoluntary_ctxt_switches:");
                    counters[ThreadTotals.WAIT_NANOS] = wait;
                    counters[ThreadTotals.EVENT_LOOP_WAIT_NANOS] = loop ? wait : 0;
                    threadTotals.add(task.getFileName().toString(), counters);
                }
            }
            final long rw = rwSyscalls(proc.resolve("io"));
            final long[] cumulative = new long[PROCESS_COUNTERS];
            cumulative[USER_TICKS] = Long.parseLong(f[11]);
            cumulative[SYS_TICKS] = Long.parseLong(f[12]);
            cumulative[RW_SYSCALLS] = Math.max(0, rw);
            return new Member(rss, Integer.parseInt(f[17]), loopThreads, cumulative, rw >= 0);
        }
    }

    /** {@code syscr + syscw}, or -1 without the file: a kernel without task I/O accounting, or no right to read it. */
    private static long rwSyscalls(final Path io)
    {
        final String text;
        try
        {
            text = Machine.readFile(io);
        }
        catch (final IOException unreadable)
        {
            return -1;
        }
        return statusValue(text, "syscr:") + statusValue(text, "syscw:");
    }

    static long statusValue(final String status, final String key)
    {
        final String text = statusText(status, key);
        return text.isEmpty() ? 0 : Long.parseLong(text.replaceAll("[^0-9]", ""));
    }

    /** The value of a {@code status} line, without its key and the tab after it; empty when there is none. */
    static String statusText(final String status, final String key)
    {
        for (final String line : status.split("\n"))
        {
            if (line.startsWith(key))
            {
                return line.substring(key.length()).strip();
            }
        }
        return "";
    }

    /** The CSV row; a wait the kernel does not keep, or an unreadable {@code io} file, is an empty cell. */
    public String csv()
    {
        return String.format(Locale.ROOT, "%d,%.3f,%.3f,%d,%d,%d,%d,%s,%d,%s,%s", epochMs, cpuUserSeconds,
            cpuSysSeconds, rssBytes, threads, voluntarySwitches, involuntarySwitches, millis(runQueueWaitMs),
            eventLoopThreads, millis(eventLoopRunQueueWaitMs), rwSyscalls < 0 ? "" : Long.toString(rwSyscalls));
    }

    /**
     * A row {@link #csv()} wrote, read back; its empty cells as {@link #csv()} writes them (NaN, -1). A row of an
     * older harness ends sooner (the columns after {@code ctx_switches_involuntary} came later): what it lacks reads
     * as not recorded.
     */
    public static ProcSample parse(final String row)
    {
        final String[] cells = row.split(",", -1);
        if (cells.length < FIRST_COLUMNS || cells.length > COLUMNS)
        {
            throw new IllegalArgumentException("not a server-samples row (" + CSV_HEADER + "): " + row);
        }
        final String[] f = Arrays.copyOf(cells, COLUMNS);
        return new ProcSample(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
            Long.parseLong(f[3]), Integer.parseInt(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), orNaN(f[7]),
            f[8] == null ? 0 : Integer.parseInt(f[8]), orNaN(f[9]),
            f[10] == null || f[10].isEmpty() ? -1 : Long.parseLong(f[10]));
    }

    private static double orNaN(final String cell)
    {
        return cell == null || cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    private static String millis(final double ms)
    {
        return Double.isNaN(ms) ? "" : String.format(Locale.ROOT, "%.3f", ms);
    }
}
