package io.ioarena.harness.results;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ClientSummary.Percentiles;
import io.ioarena.contract.GeneratorHealth;
import io.ioarena.contract.Tag;
import io.ioarena.harness.suite.ValidityLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The harness's validity rules: which measured points may be ranked. A flag is raised only for what could change the
 * metric a scenario is ranked on, and says by how much ({@code CLIENT_STALL 0.6%}); the client's own flags, and every
 * raw measure behind these, stay in results.csv. Pure: the point's files in, flags out.
 */
public final class Validity
{
    public static final String CLIENT_STALL = "CLIENT_STALL";
    public static final String SEND_LAG = "SEND_LAG";
    public static final String CLIENT_SATURATED = "CLIENT_SATURATED";
    public static final String UNDER_TARGET = "UNDER_TARGET";

    private Validity()
    {
    }

    /** The flags of a measured point, in a fixed order; empty means valid. */
    public static List<String> flags(final PointResult point, final ClientSummary s, final ValidityLimits limits)
    {
        final List<String> flags = new ArrayList<>();
        final GeneratorHealth g = s.generator();
        final double window = s.measuredSeconds() * 1e9;
        final Long stalled = clientStalledNanos(g);
        if (stalled != null && window > 0 && stalled / window > limits.clientStall())
        {
            flags.add(CLIENT_STALL + " " + percent(stalled / window));
        }
        if (point.spec().open())
        {
            final Percentiles ranked = rankedLatency(point, s);
            final Percentiles lag = s.histogram(Tag.SENDLAG);
            if (ranked != null && lag != null && ranked.p99() > 0 && lag.p99() > limits.sendLag() * ranked.p99())
            {
                flags.add(SEND_LAG + " " + percent(lag.p99() / (double) ranked.p99()) + " of " +
                    (ranked == s.histogram(Tag.DELIVERY) ? "delivery p99" : "p99"));
            }
            final double shortfall = 1 - s.achievedRate() / point.spec().rate();
            if (s.achievedRate() < (1 - limits.underTarget()) * point.spec().rate())
            {
                flags.add(UNDER_TARGET + " " + percent(shortfall));
            }
        }
        else
        {
            saturation(point, g, limits, flags);
        }
        errors(s, flags);
        return List.copyOf(flags);
    }

    /**
     * The time the client itself was held up in the measured window: its I/O threads' own stalls (gaps of 1 ms or
     * more in their polling loop, which a GC pause or a lost CPU makes) where the client measured them; else (an older
     * client) its hiccup meter's gaps. Not the meter's gaps first: on the client's one core the meter waits behind
     * the busy I/O thread (closed loop, and the poll before each send in open loop), so its gaps count the client
     * working, not stalled. Not the I/O threads' run-queue wait either: about half of it is the meter's own thousand short
     * wake-ups a second, tens of microseconds each, which move no percentile.
     */
    static Long clientStalledNanos(final GeneratorHealth g)
    {
        if (g == null)
        {
            return null;
        }
        return g.ioStalledNanos() != null ? g.ioStalledNanos() : g.stalledNanos();
    }

    /** The latency the scenario is ranked on in open loop: delivery for chat, where the client has it. */
    public static Percentiles rankedLatency(final PointResult point, final ClientSummary s)
    {
        final Percentiles delivery = s.histogram(Tag.DELIVERY);
        return point.spec().chat() && delivery != null && delivery.count() > 0 ? delivery
            : s.histogram(Tag.LATENCY);
    }

    /**
     * Closed loop: a client whose threads were nearly always busy while the server left CPU unused measured itself.
     * The server could use its CPUs, or fewer when it has fewer threads (a single-threaded server is at its limit on
     * one core). Unknown without the client's busy share or the server's samples: no flag.
     */
    private static void saturation(final PointResult point, final GeneratorHealth g, final ValidityLimits limits,
        final List<String> flags)
    {
        final Resources r = point.resources();
        if (g == null || g.threadBusy() == null || r == null || r.windowSeconds() <= 0)
        {
            return;
        }
        final int usable = Math.max(1, Math.min(point.eventLoops(), r.threadsMax() > 0 ? r.threadsMax()
            : point.eventLoops()));
        final double serverCores = r.cpuSeconds() / r.windowSeconds();
        if (g.threadBusy() >= limits.saturatedClient() && serverCores < limits.serverCpuToSpare() * usable)
        {
            flags.add(CLIENT_SATURATED + " " + percent(g.threadBusy()) + " busy, server " +
                String.format(Locale.ROOT, "%.2f", serverCores) + " of " + usable + " cores");
        }
    }

    /** Any answer lost, corrupted, out of order or doubled, and any connection that failed, as the client counted. */
    private static void errors(final ClientSummary s, final List<String> flags)
    {
        final ClientSummary.Errors e = s.errors();
        if (e != null)
        {
            count(flags, "LOSS", e.lost());
            count(flags, "CORRUPTION", e.corrupted());
            count(flags, "REORDER", e.reordered());
            count(flags, "DUPLICATE", e.duplicated());
            count(flags, "UNEXPECTED", e.unexpected());
            count(flags, "UNANSWERED", e.unanswered());
            count(flags, "UNSENT", e.unsent());
            count(flags, "DISCONNECTED", e.disconnects());
        }
        if (s.connections() != null)
        {
            count(flags, "CONNECT_FAILED", s.connections().failed());
        }
    }

    private static void count(final List<String> flags, final String flag, final long n)
    {
        if (n > 0)
        {
            flags.add(flag + " " + n);
        }
    }

    /** A share as people read it: {@code 0.6%}, {@code 14%}. */
    static String percent(final double share)
    {
        final double p = share * 100;
        return (p < 10 ? String.format(Locale.ROOT, "%.1f", p) : String.format(Locale.ROOT, "%.0f", p)) + "%";
    }
}
