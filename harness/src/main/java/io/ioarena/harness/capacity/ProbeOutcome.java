package io.ioarena.harness.capacity;

import io.ioarena.contract.ClientSummary;
import io.ioarena.harness.results.PointResult;
import io.ioarena.harness.results.Validity;
import io.ioarena.harness.suite.ValidityLimits;

import java.util.List;
import java.util.Set;

/**
 * What one probe of a capacity search measured: the latencies the SLO is judged on, how many there were, the harness's
 * validity flags ({@link Validity}), or why the probe could not be measured at all.
 *
 * @param p99Nanos  p99 of the ranked latency (echo: round trip; chat: delivery at every recipient).
 * @param p999Nanos p99.9 of the same.
 * @param samples   latencies behind those percentiles.
 * @param flags     the probe's validity flags, each its name and its amount ({@code SEND_LAG 14% of p99}).
 * @param failure   why the server or the run failed (the point FAILED); null when it was measured.
 * @param atLimit   the server's CPU in the window when it had none to spare ({@link Validity#serverLoad}: at least
 *                  {@code serverCpuToSpare} of the cores it could use), as "0.91 of 1 cores"; null otherwise or
 *                  unknown.
 */
public record ProbeOutcome(long p99Nanos, long p999Nanos, long samples, List<String> flags, String failure,
    String atLimit)
{
    /** Flags that mean the server lost, damaged or dropped something: the search ends there, with the flag. */
    static final Set<String> BROKEN = Set.of("LOSS", "CORRUPTION", "REORDER", "DUPLICATE", "UNEXPECTED",
        "DISCONNECTED", "CONNECT_FAILED");
    /** Flags that mean the offered rate was not carried: a server behind its load, like a latency over the SLO. */
    static final Set<String> BEHIND = Set.of(Validity.UNDER_TARGET, "UNANSWERED", "UNSENT");
    /** Flags that are the client's own: latency it added, or load it did not offer. */
    static final Set<String> CLIENT = Set.of(Validity.CLIENT_STALL, Validity.SEND_LAG, Validity.CLIENT_SATURATED);

    public ProbeOutcome
    {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** A probe of a server whose CPU use is unknown or left some to spare. */
    public ProbeOutcome(final long p99Nanos, final long p999Nanos, final long samples, final List<String> flags,
        final String failure)
    {
        this(p99Nanos, p999Nanos, samples, flags, failure, null);
    }

    /**
     * A measured point as a probe: its ranked latency (delivery for chat) and its validity flags; a FAILED point, or
     * one without its client's summary, as its reason.
     */
    public static ProbeOutcome of(final PointResult point, final ClientSummary summary, final ValidityLimits limits)
    {
        if (!point.ok() || summary == null)
        {
            return failed(point.ok() ? "the client wrote no " + ClientSummary.FILE : point.reason());
        }
        final ClientSummary.Percentiles ranked = Validity.rankedLatency(point, summary);
        final List<String> flags = Validity.flags(point, summary, limits);
        final Validity.ServerLoad load = Validity.serverLoad(point);
        return ranked == null || ranked.count() == 0 ? new ProbeOutcome(0, 0, 0, flags,
            "no latency was measured (" + summary.received() + " answers)")
            : new ProbeOutcome(ranked.p99(), ranked.p999(), ranked.count(), flags, null,
            load != null && load.atLimit(limits) ? load.describe() : null);
    }

    public static ProbeOutcome failed(final String reason)
    {
        return new ProbeOutcome(0, 0, 0, List.of(), reason);
    }

    /** The flags whose name is in {@code names}. */
    List<String> flagsIn(final Set<String> names)
    {
        return flags.stream().filter(f -> names.contains(f.split(" ", 2)[0])).toList();
    }
}
