package io.ioarena.harness.run;

import io.ioarena.harness.env.Machine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One reading of a process from {@code /proc}: cumulative CPU time, resident set, threads, and context switches
 * summed over all its threads (the process's own {@code status} counts only its main thread).
 */
public record ProcSample(long epochMs, double cpuUserSeconds, double cpuSysSeconds, long rssBytes, int threads,
    long voluntarySwitches, long involuntarySwitches)
{
    public static final String CSV_HEADER =
        "epoch_ms,cpu_user_s,cpu_sys_s,rss_bytes,threads,ctx_switches_voluntary,ctx_switches_involuntary";

    /** Reads the process now; throws when it has gone. */
    public static ProcSample read(final long pid, final long epochMs, final long clockTicks) throws IOException
    {
        final Path proc = Path.of("/proc", Long.toString(pid));
        final String stat = Machine.readFile(proc.resolve("stat"));
        // the command name (field 2) may hold blanks and parentheses: the fields after it follow the last ')'
        final String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        final double user = Long.parseLong(f[11]) / (double) clockTicks;
        final double sys = Long.parseLong(f[12]) / (double) clockTicks;
        final int threads = Integer.parseInt(f[17]);
        final long rss = statusValue(Machine.readFile(proc.resolve("status")), "VmRSS:") * 1024;
        long voluntary = 0;
        long involuntary = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task")))
        {
            for (final Path task : tasks)
            {
                try
                {
                    final String status = Machine.readFile(task.resolve("status"));
                    voluntary += statusValue(status, "voluntary_ctxt_switches:");
                    involuntary += statusValue(status, "nonvoluntary_ctxt_switches:");
                }
                catch (final IOException threadEnded)
                {
                    // a thread that ended between listing and reading: its switches are gone with it
                }
            }
        }
        return new ProcSample(epochMs, user, sys, rss, threads, voluntary, involuntary);
    }

    static long statusValue(final String status, final String key)
    {
        for (final String line : status.split("\n"))
        {
            if (line.startsWith(key))
            {
                return Long.parseLong(line.substring(key.length()).replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    public String csv()
    {
        return String.format(Locale.ROOT, "%d,%.3f,%.3f,%d,%d,%d,%d", epochMs, cpuUserSeconds, cpuSysSeconds, rssBytes,
            threads, voluntarySwitches, involuntarySwitches);
    }

    public static ProcSample parseCsv(final String line)
    {
        final String[] f = line.split(",");
        return new ProcSample(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
            Long.parseLong(f[3]), Integer.parseInt(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
    }
}
