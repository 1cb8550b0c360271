package io.ioarena.harness.env;

import io.ioarena.harness.run.Pinning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.Optional;

/**
 * Checks before a suite that the machine can run it meaningfully. A REFUSE finding stops the suite (the numbers
 * would measure the machine's limits, not the servers); a WARN finding is printed and recorded in the manifest, and
 * so is the NOTE that says which limit bounds the largest point ({@link ConnectionLimits}).
 */
public final class Preflight
{
    public enum Level
    {
        NOTE, WARN, REFUSE
    }

    public record Finding(Level level, String message)
    {
        @Override
        public String toString()
        {
            return level + ": " + message;
        }
    }

    /**
     * What the checks look at, so that tests can give any machine.
     *
     * @param openFiles          RLIMIT_NOFILE of the harness (after {@link OpenFileLimit}), which the processes it
     *                           starts inherit
     * @param ephemeralPorts     the ports {@code net.ipv4.ip_local_port_range} leaves one source address
     * @param autogroup          whether kernel.sched_autogroup_enabled is on
     */
    public record Facts(int cores, Optional<Long> openFiles, Optional<Long> ephemeralPorts, Optional<Long> somaxconn,
        Optional<Double> loadAverage, Optional<String> governor, Optional<Boolean> autogroup)
    {
        public static Facts ofThisMachine()
        {
            return new Facts(Machine.allowedCpus().size(), Machine.openFileLimit(), Machine.ephemeralPorts(),
                Machine.somaxconn(), Machine.loadAverage(), Machine.governor(),
                KernelSettings.autogroup(Path.of("/")));
        }
    }

    private Preflight()
    {
    }

    /** @param maxConnections the most connections any point opens at once; 0 when every point is churn. */
    public static List<Finding> check(final Facts m, final int maxConnections, final Pinning pinning)
    {
        final List<Finding> out = new ArrayList<>();
        out.add(limits(ConnectionLimits.of(m), maxConnections));
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

    /**
     * The limit that bounds the largest point: a NOTE naming it and the others, or a REFUSE when it is too small; for
     * a suite of churn points only, which hold no connections at once, a NOTE saying so.
     */
    static Finding limits(final List<ConnectionLimits.Limit> limits, final int maxConnections)
    {
        if (maxConnections == 0)
        {
            return new Finding(Level.NOTE, "no point holds connections at once: churn only, its connections come and "
                + "go, and each point spreads the ports its closed ones keep in TIME_WAIT over as many loopback source "
                + "addresses as they need");
        }
        if (limits.isEmpty())
        {
            return new Finding(Level.NOTE, String.format(Locale.ROOT, "the largest point opens %,d connections; " +
                "neither the open-file limit nor the ephemeral port range could be read here", maxConnections));
        }
        final ConnectionLimits.Limit bound = limits.getFirst();
        if (bound.allows() < maxConnections)
        {
            return new Finding(Level.REFUSE, String.format(Locale.ROOT, "the largest point opens %,d connections " +
                "but the limit of %s: %s", maxConnections, bound, bound.remedy()));
        }
        return new Finding(Level.NOTE, String.format(Locale.ROOT, "the largest point, %,d connections, is bounded " +
            "first by %s", maxConnections, limits.stream().map(ConnectionLimits.Limit::toString)
            .collect(Collectors.joining("; then "))));
    }
}
