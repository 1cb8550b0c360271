package io.ioarena.harness.env;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How many connections a point can hold at once on this machine, limit by limit, so that the preflight says which
 * one bounds the largest point before the run instead of a point failing on it. Pure arithmetic over
 * {@link Preflight.Facts}; the limits are the client's and the servers' open files (both inherit the harness's
 * RLIMIT_NOFILE, which {@link OpenFileLimit} raises where it may) and the ephemeral ports of the client's source
 * addresses. The client's memory is not one: its connections share their thread's buffers and hold none of their
 * own while idle (load-client README, Threads).
 */
public final class ConnectionLimits
{
    /** File descriptors a process needs besides its connections: jars, logs, selectors, pipes, the listener. */
    public static final long FD_RESERVE = 1024;
    /**
     * The part of one source address's ports a point may use: the client closes first, so the connections of the
     * points before (up to 60 s ago) still hold their ports in TIME_WAIT, and bind-before-connect cannot reuse them.
     */
    static final int PORT_SHARE = 4;
    /** The loopback addresses the load client can spread over: 127.0.0.1..254 (its --source-addresses). */
    public static final int MAX_SOURCE_ADDRESSES = 254;
    /**
     * One limit: the connections it allows a point, why, and what would raise it.
     *
     * @param name   what is limited, in words
     * @param allows the most connections a point can hold under it
     * @param detail the figures it comes from
     * @param remedy what raises it
     */
    public record Limit(String name, long allows, String detail, String remedy)
    {
        @Override
        public String toString()
        {
            return String.format(Locale.ROOT, "%s: %,d connections (%s)", name, allows, detail);
        }
    }

    private ConnectionLimits()
    {
    }

    /**
     * How many loopback source addresses the client needs for {@code connections} when each address has
     * {@code portsPerAddress} ephemeral ports: one (nothing bound, as always) while a share of one address's ports
     * holds them, else as many as that share needs, at most {@link #MAX_SOURCE_ADDRESSES}.
     */
    public static int sourceAddresses(final int connections, final long portsPerAddress)
    {
        final long share = Math.max(1, portsPerAddress / PORT_SHARE);
        return (int) Math.min(MAX_SOURCE_ADDRESSES, Math.max(1, (connections + share - 1) / share));
    }

    /** How long the kernel keeps a closed connection's port in TIME_WAIT on the side that closed first (Linux). */
    static final Duration TIME_WAIT = Duration.ofSeconds(60);

    /**
     * The ports a churn run at {@code rate} connections/s for {@code run} holds at its end: the client closes first,
     * so each connection of the last {@link #TIME_WAIT} keeps its port. What {@link #sourceAddresses} spreads.
     */
    public static int churnPorts(final double rate, final Duration run)
    {
        final double seconds = Math.min(run.toMillis(), TIME_WAIT.toMillis()) / 1000.0;
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(rate * seconds));
    }

    /**
     * The ports a trial's runs of {@code connections} each hold at once: the client closes first, and a trial runs
     * its warm-up chunks of {@code chunk} back to back and its points right after, so every run of the last
     * {@link #TIME_WAIT} keeps its connections' ports (10,000 connections in 2 s chunks over two addresses failed to
     * connect at the third chunk, with 41k sockets in TIME_WAIT). What {@link #sourceAddresses} spreads.
     */
    public static int trialPorts(final int connections, final Duration chunk)
    {
        final long runs = TIME_WAIT.toMillis() / Math.max(1, chunk.toMillis()) + 1;
        return (int) Math.min(Integer.MAX_VALUE, connections * runs);
    }

    /** Every limit the facts know, the tightest first. */
    public static List<Limit> of(final Preflight.Facts m)
    {
        final List<Limit> out = new ArrayList<>();
        m.openFiles().ifPresent(files -> out.add(new Limit("open files", Math.max(0, files - FD_RESERVE),
            String.format(Locale.ROOT, "RLIMIT_NOFILE %,d, which the client and the servers inherit from the harness, " +
                "less %,d for the rest of each process", files, FD_RESERVE),
            "run the harness as root with CAP_SYS_RESOURCE (it then raises the limit to what the suite needs) or " +
                "raise the hard limit (ulimit -Hn, /etc/security/limits.conf)")));
        m.ephemeralPorts().ifPresent(ports -> out.add(new Limit("ephemeral ports",
            MAX_SOURCE_ADDRESSES * Math.max(1, ports / PORT_SHARE),
            String.format(Locale.ROOT, "net.ipv4.ip_local_port_range leaves %,d ports per source address, a point " +
                "uses a quarter of them (TIME_WAIT of earlier points holds the rest) on each of up to %d loopback " +
                "addresses", ports, MAX_SOURCE_ADDRESSES),
            "widen net.ipv4.ip_local_port_range (the harness reports sysctls, never changes them)")));
        out.sort(Comparator.comparingLong(Limit::allows));
        return out;
    }
}
