package io.ioarena.harness.run;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which CPUs the server and the client get. With two or more CPUs and {@code taskset}, the upper half of the CPUs
 * this process may use goes to the server and the lower half to the client, so they never compete for a core;
 * the server's event loops (and carrier threads) equal its CPU count.
 *
 * @param reason why the run is not pinned, or empty.
 */
public record Pinning(boolean pinned, List<Integer> serverCpus, List<Integer> clientCpus, String reason)
{
    public static Pinning decide(final List<Integer> allowed, final boolean tasksetAvailable, final boolean wanted)
    {
        if (!wanted)
        {
            return new Pinning(false, allowed, allowed, "pinning turned off (--no-pin)");
        }
        if (allowed.size() < 2)
        {
            return new Pinning(false, allowed, allowed, "only " + allowed.size() + " CPU: server and client share it");
        }
        if (!tasksetAvailable)
        {
            return new Pinning(false, allowed, allowed, "taskset not found (util-linux): server and client unpinned");
        }
        final int half = allowed.size() / 2;
        return new Pinning(true, List.copyOf(allowed.subList(half, allowed.size())),
            List.copyOf(allowed.subList(0, half)), "");
    }

    /** The server's event loops: the cores it gets (all of them when unpinned). */
    public int serverCores()
    {
        return serverCpus.size();
    }

    public int clientCores()
    {
        return clientCpus.size();
    }

    /** {@code taskset -c <cpus>} when pinned, else nothing. */
    public List<String> prefix(final List<Integer> cpus)
    {
        return pinned ? List.of("taskset", "-c", cpuList(cpus)) : List.of();
    }

    public static String cpuList(final List<Integer> cpus)
    {
        return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Parses a kernel CPU list such as {@code 0-3,6}. */
    public static List<Integer> parseCpuList(final String text)
    {
        final List<Integer> out = new ArrayList<>();
        for (final String part : text.trim().split(","))
        {
            if (part.isBlank())
            {
                continue;
            }
            final String[] range = part.trim().split("-");
            final int from = Integer.parseInt(range[0]);
            final int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int c = from; c <= to; c++)
            {
                out.add(c);
            }
        }
        return out;
    }
}
