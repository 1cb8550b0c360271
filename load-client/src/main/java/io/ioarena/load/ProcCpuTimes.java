package io.ioarena.load;

import io.ioarena.protocol.launch.Schedstat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle and total time of the CPUs this process may run on, from Linux's {@code /proc}: the CPU list is
 * {@code Cpus_allowed_list} of {@code /proc/self/status} (what {@code taskset} set), the times are the per-CPU lines
 * of {@code /proc/stat}, in clock ticks. Elsewhere (or when {@code /proc} cannot be read) there is none.
 */
final class ProcCpuTimes
{
    private final Path stat;
    private final String cpuList;
    private final int[] cpus;

    private ProcCpuTimes(final Path stat, final String cpuList, final int[] cpus)
    {
        this.stat = stat;
        this.cpuList = cpuList;
        this.cpus = cpus;
    }

    /** The CPU times under {@code proc} (normally {@code /proc}), or null when they cannot be read there. */
    static ProcCpuTimes open(final Path proc)
    {
        try
        {
            for (final String line : Files.readAllLines(proc.resolve("self").resolve("status")))
            {
                if (line.startsWith("Cpus_allowed_list:"))
                {
                    final String list = line.substring(line.indexOf(':') + 1).trim();
                    final ProcCpuTimes times = new ProcCpuTimes(proc.resolve("stat"), list, parseCpuList(list));
                    return times.sample() == null ? null : times;
                }
            }
            return null;
        }
        catch (final IOException | RuntimeException e)
        {
            return null;
        }
    }

    /** The allowed CPUs as the kernel lists them, e.g. {@code 0} or {@code 0-3,8}. */
    String cpuList()
    {
        return cpuList;
    }

    int cpuCount()
    {
        return cpus.length;
    }

    /** {@code {idle, total}} clock ticks of the allowed CPUs so far, or null when {@code /proc/stat} cannot be read. */
    long[] sample()
    {
        try
        {
            // Schedstat.procFile reads through java.io: see there why not through NIO.
            return idleAndTotal(Schedstat.procFile(stat).lines().toList(), cpus);
        }
        catch (final IOException | RuntimeException e)
        {
            return null;
        }
    }

    /** {@code 0-2,5,7-8} is 0, 1, 2, 5, 7, 8. */
    static int[] parseCpuList(final String list)
    {
        final List<Integer> cpus = new ArrayList<>();
        for (final String part : list.split(","))
        {
            final String range = part.trim();
            final int dash = range.indexOf('-');
            final int first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
            final int last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
            for (int cpu = first; cpu <= last; cpu++)
            {
                cpus.add(cpu);
            }
        }
        return cpus.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Sums the {@code cpu<N>} lines of the given CPUs: idle is {@code idle + iowait} (a CPU waiting for I/O runs
     * nothing), total is every field up to {@code steal} ({@code guest} time is already counted in {@code user}).
     *
     * @throws IllegalArgumentException when a CPU of the list has no line
     */
    static long[] idleAndTotal(final List<String> statLines, final int[] cpus)
    {
        long idle = 0;
        long total = 0;
        for (final int cpu : cpus)
        {
            final String prefix = "cpu" + cpu + " ";
            final String line = statLines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no line for cpu" + cpu));
            final String[] f = line.trim().split("\\s+");
            // f[0] is the name; then user nice system idle iowait irq softirq steal [guest guest_nice]
            for (int i = 1; i <= 8 && i < f.length; i++)
            {
                total += Long.parseLong(f[i]);
            }
            idle += Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        }
        return new long[] {idle, total};
    }
}
