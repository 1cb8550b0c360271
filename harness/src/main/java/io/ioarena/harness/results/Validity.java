package io.ioarena.harness.results;

import io.ioarena.contract.ChurnSummary;
import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ClientSummary.Percentiles;
import io.ioarena.contract.GeneratorHealth;
import io.ioarena.contract.Tag;
import io.ioarena.harness.suite.ValidityLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
    public static final String CHURN_FAILED = "CHURN_FAILED";

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
            sendLag(ranked, s.histogram(Tag.SENDLAG), ranked == s.histogram(Tag.DELIVERY) ? "delivery p99" : "p99",
                limits, flags);
            underTarget(s.achievedRate(), point.spec().rate(), limits, flags);
        }
        else
        {
            saturation(point, g, limits, flags);
        }
        errors(s, flags);
        return List.copyOf(flags);
    }

    /**
     * The flags of a measured churn point: the client late to its own arrivals ({@code SEND_LAG}, against the first
     * echo's p99), fewer connections completed per second than arrived ({@code UNDER_TARGET}), and any connection
     * that failed ({@code CHURN_FAILED}, with the count of each kind).
     */
    public static List<String> flags(final PointResult point, final ChurnSummary c, final ValidityLimits limits)
    {
        final List<String> flags = new ArrayList<>();
        final Map<String, Percentiles> h = c.histograms() == null ? Map.of() : c.histograms();
        sendLag(h.get(Tag.LATENCY.tag()), h.get(Tag.SENDLAG.tag()), "p99", limits, flags);
        underTarget(c.achievedRate(), point.spec().rate(), limits, flags);
        final Map<String, Long> failed = new TreeMap<>(c.failures() == null ? Map.of() : c.failures());
        failed.values().removeIf(n -> n <= 0);
        if (!failed.isEmpty())
        {
            flags.add(CHURN_FAILED + " " + failed.values().stream().mapToLong(Long::longValue).sum() + " (" +
                String.join(", ", failed.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()) +
                ")");
        }
        return List.copyOf(flags);
    }

    /** The client's send lag over the latency the point is ranked on ({@code what}, its name in the flag). */
    private static void sendLag(final Percentiles ranked, final Percentiles lag, final String what,
        final ValidityLimits limits, final List<String> flags)
    {
        if (ranked != null && lag != null && ranked.p99() > 0 && lag.p99() > limits.sendLag() * ranked.p99())
        {
            flags.add(SEND_LAG + " " + percent(lag.p99() / (double) ranked.p99()) + " of " + what);
        }
    }

    private static void underTarget(final double achieved, final double requested, final ValidityLimits limits,
        final List<String> flags)
    {
        if (achieved < (1 - limits.underTarget()) * requested)
        {
            flags.add(UNDER_TARGET + " " + percent(1 - achieved / requested));
        }
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
     * Closed loop: a client whose threads were nearly always busy while the server left CPU unused ({@link
     * #serverLoad}) measured itself. Unknown without the client's busy share or the server's samples: no flag.
     */
    private static void saturation(final PointResult point, final GeneratorHealth g, final ValidityLimits limits,
        final List<String> flags)
    {
        final ServerLoad load = serverLoad(point);
        if (g == null || g.threadBusy() == null || load == null)
        {
            return;
        }
        if (g.threadBusy() >= limits.saturatedClient() && !load.atLimit(limits))
        {
            flags.add(CLIENT_SATURATED + " " + percent(g.threadBusy()) + " busy, server " + load.describe());
        }
    }

    /**
     * The CPU the server used in the measured window, in cores, and the cores it could use: its event loops, or fewer
     * when it has fewer threads (a single-threaded server is at its limit on one core). Null without its samples.
     */
    public static ServerLoad serverLoad(final PointResult point)
    {
        final Resources r = point.resources();
        if (r == null || r.windowSeconds() <= 0)
        {
            return null;
        }
        final int usable = Math.max(1, Math.min(point.eventLoops(), r.threadsMax() > 0 ? r.threadsMax()
            : point.eventLoops()));
        return new ServerLoad(r.cpuSeconds() / r.windowSeconds(), usable);
    }

    /** @param cores the server's CPU use in cores; @param usable the cores it could use. */
    public record ServerLoad(double cores, int usable)
    {
        /** Whether the server used at least {@code serverCpuToSpare} of what it could: it had none to spare. */
        public boolean atLimit(final ValidityLimits limits)
        {
            return cores >= limits.serverCpuToSpare() * usable;
        }

        public String describe()
        {
            return String.format(Locale.ROOT, "%.2f", cores) + " of " + usable + " cores";
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
