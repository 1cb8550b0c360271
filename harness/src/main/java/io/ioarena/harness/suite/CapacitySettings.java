package io.ioarena.harness.suite;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;

/**
 * The suite's {@code capacity} settings: what a capacity search holds a server to and how it looks. Present, every
 * open-loop sweep of the suite is searched (its {@code rates} unused) instead of swept; a key left out takes its
 * default. The defaults come from this project's 2-vCPU machines, measured with a C echo server and a C open-loop
 * client (no JVM on either side) in probes of 2 s: p99 0.13-1.25 ms (1.25 ms at 1,000 connections and 20k msg/s),
 * p99.9 1.8-5.4 ms, and a maximum of 3-7 ms in every probe (the kernel's DAMON thread and the host take the vCPUs for
 * milliseconds at a time; docs/findings/jvm-stalls-on-small-vms.md). An SLO a healthy server can miss by the
 * machine's doing alone decides nothing, so the defaults are four times that floor, 5 ms and 20 ms: a server crosses
 * them when it queues. The search starts at 20,000 msg/s, which the default servers carried at both connection
 * counts in most searches (the lowest capacity found in four runs: 19,375, vertx-epoll), so it brackets a capacity
 * of tens of thousands in a few doublings.
 *
 * @param p99             the SLO on p99 (delivery p99 for chat), a duration; default 5ms.
 * @param p999            the SLO on p99.9, a duration; default 20ms. Judged only where the probe has
 *                        {@code p999Samples} latencies or more.
 * @param p999Samples     the fewest latencies in a probe for its p99.9 to count: 10,000 puts ten of them above it;
 *                        default 10000.
 * @param startRate       the first rate probed, messages per second; default 20000.
 * @param minRate         the search gives up below this rate (no rate within the SLO); default 100.
 * @param maxRate         the search stops at this rate and reports "at least" it; default 1000000.
 * @param precision       the search ends once the lowest rate over the SLO is within this share above the highest
 *                        within it, so the capacity is at most this share below the true one; default 0.05.
 * @param maxProbes       probes one search may run, confirmations, retries and rechecks included; default 16.
 * @param confirmations   extra measurements of the rate found, each of which must stay within the SLO; default 1.
 * @param perMember       present, the search is over the members of one chat room (every sweep chat, one room)
 *                        instead of the rate: each member sends this many msg/s, so n members offer n x perMember
 *                        msg/s and receive n times that; absent (the default), the rate is searched.
 * @param startMembers    a room-size search's first room; default 8.
 * @param maxMembers      a room-size search stops at this room and reports "at least" it; default 1024.
 * @param retries         a probe the client disturbed (a validity flag that is the client's: stall, send lag) is
 *                        measured again this often before the search reports "at least" the last good rate; default 1.
 * @param rechecks        a probe over the SLO whose server had CPU to spare (less than {@code serverCpuToSpare} of
 *                        the cores it could use, or unknown) is measured again this often, and counts as over only if
 *                        every measurement is: a server past its capacity has no CPU to spare, so an over with CPU
 *                        left may be a transient (a collection, a recompilation, the host) that would end the search
 *                        far too low; default 1.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacitySettings(String p99, String p999, Integer p999Samples, Double startRate, Double minRate,
    Double maxRate, Double precision, Integer maxProbes, Integer confirmations, Integer retries, Double perMember,
    Integer startMembers, Integer maxMembers, Integer rechecks)
{
    public static final CapacitySettings DEFAULT = new CapacitySettings(null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);

    public CapacitySettings
    {
        p99 = p99 == null ? "5ms" : p99;
        p999 = p999 == null ? "20ms" : p999;
        p999Samples = atLeast("capacity.p999Samples", p999Samples, 10_000, 1);
        startRate = positive("capacity.startRate", startRate, 20_000);
        minRate = positive("capacity.minRate", minRate, 100);
        maxRate = positive("capacity.maxRate", maxRate, 1_000_000);
        precision = precision == null ? 0.05 : precision;
        maxProbes = atLeast("capacity.maxProbes", maxProbes, 16, 2);
        confirmations = atLeast("capacity.confirmations", confirmations, 1, 0);
        retries = atLeast("capacity.retries", retries, 1, 0);
        rechecks = atLeast("capacity.rechecks", rechecks, 1, 0);
        startMembers = atLeast("capacity.startMembers", startMembers, 8, 1);
        maxMembers = atLeast("capacity.maxMembers", maxMembers, 1024, startMembers);
        Sweep.require(perMember == null || perMember > 0 && Double.isFinite(perMember),
            "capacity.perMember must be a positive rate in messages per second per member, not " + perMember);
        slo("capacity.p99", p99);
        slo("capacity.p999", p999);
        Sweep.require(precision > 0 && precision < 1,
            "capacity.precision must be a share above 0 and below 1 (0.05 = 5%), not " + precision);
        Sweep.require(minRate <= startRate && startRate <= maxRate,
            "capacity needs minRate <= startRate <= maxRate, not " + minRate + ", " + startRate + ", " + maxRate);
    }

    @JsonIgnore
    public long p99Nanos()
    {
        return slo("capacity.p99", p99).toNanos();
    }

    @JsonIgnore
    public long p999Nanos()
    {
        return slo("capacity.p999", p999).toNanos();
    }

    /** The settings in one line, for the plan and the report. */
    public String describe()
    {
        return "p99 <= " + p99 + ", p99.9 <= " + p999 + " (from " + p999Samples + " latencies), " + (perMember == null
            ? "start " + PointSpec.formatRate(startRate) + " msg/s, " + PointSpec.formatRate(minRate) + "-" +
            PointSpec.formatRate(maxRate) + " msg/s"
            : "room size searched at " + PointSpec.formatRate(perMember) + " msg/s per member, from " + startMembers +
            " to at most " + maxMembers + " members") + ", precision " + Math.round(precision * 100) + "%, at most " +
            maxProbes + " probes, " + confirmations + " confirmation(s), " + retries + " retry(ies), " + rechecks +
            " recheck(s)";
    }

    private static Duration slo(final String name, final String text)
    {
        final Duration d = Durations.parse(name, text);
        Sweep.require(d.toNanos() > 0, name + " must be longer than 0, not " + text);
        return d;
    }

    private static double positive(final String name, final Double value, final double dflt)
    {
        final double v = value == null ? dflt : value;
        Sweep.require(v > 0 && Double.isFinite(v), name + " must be a positive rate in messages per second, not " + v);
        return v;
    }

    private static int atLeast(final String name, final Integer value, final int dflt, final int min)
    {
        final int v = value == null ? dflt : value;
        Sweep.require(v >= min, name + " must be at least " + min + ", not " + v);
        return v;
    }
}
