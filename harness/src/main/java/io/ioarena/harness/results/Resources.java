package io.ioarena.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ioarena.harness.run.GcLog;
import io.ioarena.harness.run.ProcSample;

import java.util.List;

/**
 * What the server process spent during the measurement window: CPU, memory, threads, context switches and GC
 * pauses. Counters are the difference between the last sample before the window and the first after it.
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
    /** Resources in [from, to], or null when no sample covers the window. */
    public static Resources of(final List<ProcSample> all, final long fromEpochMs, final long toEpochMs,
        final GcLog.Pauses gc)
    {
        if (all.isEmpty())
        {
            return null;
        }
        ProcSample first = all.get(0);
        ProcSample last = null;
        long rss = 0;
        int threads = 0;
        for (final ProcSample s : all)
        {
            if (s.epochMs() <= fromEpochMs)
            {
                first = s;
            }
            if (last == null && s.epochMs() >= toEpochMs)
            {
                last = s;
            }
            if (s.epochMs() >= fromEpochMs && s.epochMs() <= toEpochMs)
            {
                rss = Math.max(rss, s.rssBytes());
                threads = Math.max(threads, s.threads());
            }
        }
        if (last == null)
        {
            last = all.get(all.size() - 1);
        }
        if (rss == 0)
        {
            rss = all.stream().mapToLong(ProcSample::rssBytes).max().orElse(0);
            threads = all.stream().mapToInt(ProcSample::threads).max().orElse(0);
        }
        return new Resources(all.size(), (last.epochMs() - first.epochMs()) / 1000.0,
            last.cpuUserSeconds() - first.cpuUserSeconds(), last.cpuSysSeconds() - first.cpuSysSeconds(), rss, threads,
            last.voluntarySwitches() - first.voluntarySwitches(),
            last.involuntarySwitches() - first.involuntarySwitches(),
            gc == null ? null : gc.count(), gc == null ? null : gc.totalMs(), gc == null ? null : gc.maxMs());
    }

    public double cpuSeconds()
    {
        return cpuUserSeconds + cpuSysSeconds;
    }
}
