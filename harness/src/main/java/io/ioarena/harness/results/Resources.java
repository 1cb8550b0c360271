package io.ioarena.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ioarena.harness.run.GcLog;
import io.ioarena.harness.run.ProcSample;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the server process spent during the measurement window: CPU, memory, threads, context switches and GC
 * pauses.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resources(
    int samples,
    double windowSeconds,
    double cpuUserSeconds,
    double cpuSysSeconds,
    long rssMaxBytes,
    int threadsMax,
    long contextSwitchesVoluntary,
    long contextSwitchesInvoluntary,
    Integer gcPauses,
    Double gcPauseTotalMs,
    Double gcPauseMaxMs)
{
    /**
     * Resources in [from, to], or null when there are no samples. The cumulative counters (CPU time, context
     * switches) are interpolated linearly at both ends of the window, so a measurement of a few seconds is not
     * skewed by the sampling interval; RSS and threads are the highest samples inside the window (all samples when
     * the window holds none).
     */
    public static Resources of(final List<ProcSample> all, final long fromEpochMs, final long toEpochMs,
        final GcLog.Pauses gc)
    {
        if (all.isEmpty())
        {
            return null;
        }
        final long from = Math.max(fromEpochMs, all.get(0).epochMs());
        final long to = Math.min(toEpochMs, all.get(all.size() - 1).epochMs());
        long rss = 0;
        int threads = 0;
        for (final ProcSample s : all)
        {
            if (s.epochMs() >= from && s.epochMs() <= to)
            {
                rss = Math.max(rss, s.rssBytes());
                threads = Math.max(threads, s.threads());
            }
        }
        if (rss == 0)
        {
            rss = all.stream().mapToLong(ProcSample::rssBytes).max().orElse(0);
            threads = all.stream().mapToInt(ProcSample::threads).max().orElse(0);
        }
        return new Resources(all.size(), Math.max(0, to - from) / 1000.0,
            at(all, to, ProcSample::cpuUserSeconds) - at(all, from, ProcSample::cpuUserSeconds),
            at(all, to, ProcSample::cpuSysSeconds) - at(all, from, ProcSample::cpuSysSeconds), rss, threads,
            Math.round(at(all, to, ProcSample::voluntarySwitches) - at(all, from, ProcSample::voluntarySwitches)),
            Math.round(at(all, to, ProcSample::involuntarySwitches) - at(all, from, ProcSample::involuntarySwitches)),
            gc == null ? null : gc.count(), gc == null ? null : gc.totalMs(), gc == null ? null : gc.maxMs());
    }

    /** A cumulative counter at time t, interpolated between the samples around it. */
    static double at(final List<ProcSample> all, final long t, final ToDoubleFunction<ProcSample> counter)
    {
        ProcSample before = all.get(0);
        for (final ProcSample s : all)
        {
            if (s.epochMs() >= t)
            {
                if (s.epochMs() == before.epochMs())
                {
                    return counter.applyAsDouble(s);
                }
                final double f = (t - before.epochMs()) / (double) (s.epochMs() - before.epochMs());
                return counter.applyAsDouble(before) + f * (counter.applyAsDouble(s) - counter.applyAsDouble(before));
            }
            before = s;
        }
        return counter.applyAsDouble(before);
    }

    public double cpuSeconds()
    {
        return cpuUserSeconds + cpuSysSeconds;
    }
}
