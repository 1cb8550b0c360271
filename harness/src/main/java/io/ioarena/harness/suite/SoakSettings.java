package io.ioarena.harness.suite;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;

/**
 * The suite's {@code soak} settings: what a soak watches over each point's long measured window and how flat it
 * must stay. Present, every point of the suite (open loop only) is a soak: its server's resident set, threads, open
 * files and (a JVM's) heap after a full collection are read throughout, and the point gets a verdict
 * ({@code soak.json}). A key left out takes its default. The per-point length is the suite's {@code duration}.
 *
 * @param heapProbes     readings of a JVM's live heap (jcmd {@code GC.run}, then {@code GC.heap_info}) spread evenly
 *                       over the judged part of the window; few, since each forces a full collection that stops the
 *                       server; default 5.
 * @param fdInterval     how often the server's open files are counted ({@code /proc/<pid>/fd}, 10k entries and
 *                       more) and a JVM's resident set outside its Java heap is read ({@code /proc/<pid>/smaps});
 *                       default 5s. The whole resident set and threads come from the point's ordinary samples.
 * @param settle         the share of the measured window at its start that is not judged: the first collections
 *                       after the connections open touch heap pages for the first time, growth that stops; default
 *                       0.25.
 * @param rssMbPerMin    the largest resident-set slope that passes, MiB per minute (a JVM's resident set outside
 *                       its Java heap, where the heap's range is known; else the whole); default 2.
 * @param heapMbPerMin   the largest slope of the heap after a full collection that passes, MiB per minute; default 1.
 * @param fdsPerMin      the largest slope of open files that passes, per minute; default 1 (flat: one connection
 *                       leaked a minute fails).
 * @param threadsPerMin  the largest slope of threads that passes, per minute; default 1.
 * @param p99Window      the length of each p99 of the time series; default 1m.
 * @param p99Drift       the largest ratio of the last third's p99 to the first third's (of the judged part) that
 *                       passes; default 2.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SoakSettings(Integer heapProbes, String fdInterval, Double settle, Double rssMbPerMin,
    Double heapMbPerMin, Double fdsPerMin, Double threadsPerMin, String p99Window, Double p99Drift)
{
    public static final SoakSettings DEFAULT = new SoakSettings(null, null, null, null, null, null, null, null, null);

    public SoakSettings
    {
        heapProbes = heapProbes == null ? 5 : heapProbes;
        Sweep.require(heapProbes >= 2, "soak.heapProbes must be at least 2 (a slope needs two readings), not " +
            heapProbes);
        fdInterval = fdInterval == null ? "5s" : fdInterval;
        settle = settle == null ? 0.25 : settle;
        Sweep.require(settle >= 0 && settle < 1, "soak.settle must be a share from 0 to below 1 (0.25 = the first " +
            "quarter), not " + settle);
        rssMbPerMin = limit("soak.rssMbPerMin", rssMbPerMin, 2);
        heapMbPerMin = limit("soak.heapMbPerMin", heapMbPerMin, 1);
        fdsPerMin = limit("soak.fdsPerMin", fdsPerMin, 1);
        threadsPerMin = limit("soak.threadsPerMin", threadsPerMin, 1);
        p99Window = p99Window == null ? "1m" : p99Window;
        p99Drift = p99Drift == null ? 2.0 : p99Drift;
        Sweep.require(p99Drift >= 1 && Double.isFinite(p99Drift), "soak.p99Drift must be a ratio of at least 1, not " +
            p99Drift);
        positive("soak.fdInterval", fdInterval);
        positive("soak.p99Window", p99Window);
    }

    @JsonIgnore
    public Duration fdIntervalTime()
    {
        return positive("soak.fdInterval", fdInterval);
    }

    @JsonIgnore
    public Duration p99WindowTime()
    {
        return positive("soak.p99Window", p99Window);
    }

    /** The limits in one line, for the plan and the report. */
    public String describe()
    {
        return "judged after the first " + Math.round(settle * 100) + "% of each window: slopes within RSS (a JVM's " +
            "outside its Java heap) " + rssMbPerMin + " MiB/min, heap after GC " + heapMbPerMin + " MiB/min (" + heapProbes + " readings), " +
            "open files " + fdsPerMin + "/min, threads " + threadsPerMin + "/min; last third's p99 within " +
            p99Drift + "x the first third's; no errors";
    }

    private static Duration positive(final String name, final String text)
    {
        final Duration d = Durations.parse(name, text);
        Sweep.require(d.toMillis() >= 1, name + " must be at least 1ms, not " + text);
        return d;
    }

    private static double limit(final String name, final Double value, final double dflt)
    {
        final double v = value == null ? dflt : value;
        Sweep.require(v >= 0 && Double.isFinite(v), name + " must be a slope of 0 or more per minute, not " + v);
        return v;
    }
}
