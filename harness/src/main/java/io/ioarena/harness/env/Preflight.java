package io.ioarena.harness.env;

import io.ioarena.harness.run.Pinning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks before a suite that the machine can run it meaningfully. A REFUSE finding stops the suite (the numbers
 * would measure the machine's limits, not the servers); a WARN finding is printed and recorded in the manifest.
 */
public final class Preflight
{
    public enum Level
    {
        WARN, REFUSE
    }

    public record Finding(Level level, String message)
    {
        @Override
        public String toString()
        {
            return level + ": " + message;
        }
    }

    /** What the checks look at, so that tests can give any machine. */
    public record Facts(int cores, Optional<Long> openFiles, Optional<Long> ephemeralPorts, Optional<Long> somaxconn,
        Optional<Double> loadAverage, Optional<String> governor, Optional<Boolean> autogroup)
    {
        public static Facts ofThisMachine()
        {
            return new Facts(Machine.allowedCpus().size(), Machine.openFileLimit(), Machine.ephemeralPorts(),
                Machine.somaxconn(), Machine.loadAverage(), Machine.governor(),
                KernelSettings.ofThisMachine().autogroup());
        }
    }

    private Preflight()
    {
    }

    /** @param maxConnections the most connections any point opens at once. */
    public static List<Finding> check(final Facts m, final int maxConnections, final Pinning pinning)
    {
        final List<Finding> out = new ArrayList<>();
        final long needFiles = maxConnections + 256L;
        m.openFiles().ifPresent(limit ->
        {
            if (limit < needFiles)
            {
                out.add(new Finding(Level.REFUSE, "the open-file limit (ulimit -n) is " + limit + " but points open up " +
                    "to " + maxConnections + " connections (need at least " + needFiles + "): raise it, e.g. " +
                    "'ulimit -n 65536', or use fewer connections"));
            }
            else if (limit < 2L * maxConnections + 1024)
            {
                out.add(new Finding(Level.WARN, "the open-file limit (ulimit -n) is only " + limit + " for " +
                    maxConnections + " connections"));
            }
        });
        m.ephemeralPorts().ifPresent(ports ->
        {
            if (ports < maxConnections + 100L)
            {
                out.add(new Finding(Level.REFUSE, "net.ipv4.ip_local_port_range leaves " + ports + " ports but points " +
                    "open up to " + maxConnections + " connections from one address: widen the range"));
            }
            else if (ports < 4L * maxConnections)
            {
                out.add(new Finding(Level.WARN, "net.ipv4.ip_local_port_range leaves only " + ports + " ports for " +
                    maxConnections + " connections per point (TIME_WAIT of earlier points holds some)"));
            }
        });
        m.somaxconn().ifPresent(backlog ->
        {
            if (backlog < maxConnections)
            {
                out.add(new Finding(Level.WARN, "net.core.somaxconn is " + backlog + ", below the " + maxConnections +
                    " connections a point opens at once: a connect burst may overflow the accept queue and retry " +
                    "after 1 s (visible in the connect histogram)"));
            }
        });
        if (m.cores() < 2)
        {
            out.add(new Finding(Level.WARN, "only " + m.cores() + " CPU: server and client share it, so every number " +
                "includes the client's own cost"));
        }
        if (!pinning.pinned() && m.cores() >= 2)
        {
            out.add(new Finding(Level.WARN, "server and client are not pinned to disjoint CPUs: " + pinning.reason()));
        }
        m.loadAverage().ifPresent(load ->
        {
            if (load > m.cores() * 0.5)
            {
                out.add(new Finding(Level.WARN, String.format(java.util.Locale.ROOT, "the 1-minute load average is %.2f " +
                    "on %d CPUs: other work on the machine will add noise", load, m.cores()) +
                    (m.autogroup().orElse(false) ? " (and with kernel.sched_autogroup_enabled=1 the CPUs are shared " +
                        "between sessions before nice values count: 'nice' on that work does not shield the run)" : "")));
            }
        });
        m.governor().ifPresent(g ->
        {
            if (!"performance".equals(g))
            {
                out.add(new Finding(Level.WARN, "the CPU frequency governor is '" + g + "', not 'performance': " +
                    "frequency changes add variance"));
            }
        });
        return out;
    }
}
