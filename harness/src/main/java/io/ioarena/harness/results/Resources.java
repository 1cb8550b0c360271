package io.ioarena.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ioarena.harness.run.GcLog;
import io.ioarena.harness.run.ProcSample;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the server process spent during the measurement window: CPU, memory, threads, context switches, system
 * calls, GC pauses, and how long its threads waited for a CPU.
 *
 * @param eventLoopThreads                the most event-loop threads (ProcSample) seen in the window.
 * @param eventLoopRunQueueMsPerSecond    milliseconds the event-loop threads, summed, spent runnable but not running
 *                                        per second of the window; null when no thread matched or the kernel keeps
 *                                        no schedstat.
 * @param runQueueMsPerSecond             the same over all the process's threads; null without schedstat.
 * @param rwSyscalls                      read- and write-family system calls of the process (ProcSample); null when
 *                                        a sample could not read them.
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
    Double gcPauseMaxMs,
    Integer eventLoopThreads,
    Double eventLoopRunQueueMsPerSecond,
    Double runQueueMsPerSecond,
    Long rwSyscalls)
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
        int loops = 0;
        for (final ProcSample s : all)
        {
            if (s.epochMs() >= from && s.epochMs() <= to)
            {
                rss = Math.max(rss, s.rssBytes());
                threads = Math.max(threads, s.threads());
                loops = Math.max(loops, s.eventLoopThreads());
            }
        }
        if (rss == 0)
        {
            rss = all.stream().mapToLong(ProcSample::rssBytes).max().orElse(0);
            threads = all.stream().mapToInt(ProcSample::threads).max().orElse(0);
            loops = all.stream().mapToInt(ProcSample::eventLoopThreads).max().orElse(0);
        }
        return new Resources(all.size(), Math.max(0, to - from) / 1000.0,
            at(all, to, ProcSample::cpuUserSeconds) - at(all, from, ProcSample::cpuUserSeconds),
            at(all, to, ProcSample::cpuSysSeconds) - at(all, from, ProcSample::cpuSysSeconds), rss, threads,
            Math.round(at(all, to, ProcSample::voluntarySwitches) - at(all, from, ProcSample::voluntarySwitches)),
            Math.round(at(all, to, ProcSample::involuntarySwitches) - at(all, from, ProcSample::involuntarySwitches)),
            gc == null ? null : gc.count(), gc == null ? null : gc.totalMs(), gc == null ? null : gc.maxMs(), loops,
            loops == 0 ? null : perSecond(all, from, to, ProcSample::eventLoopRunQueueWaitMs),
            perSecond(all, from, to, ProcSample::runQueueWaitMs),
            all.stream().allMatch(s -> s.rwSyscalls() >= 0)
                ? Math.round(at(all, to, ProcSample::rwSyscalls) - at(all, from, ProcSample::rwSyscalls)) : null);
    }

    /** A cumulative counter's growth over [from, to] per second, or null over an empty window or unsampled (NaN). */
    private static Double perSecond(final List<ProcSample> all, final long from, final long to,
        final ToDoubleFunction<ProcSample> counter)
    {
        final double grown = at(all, to, counter) - at(all, from, counter);
        return to > from && !Double.isNaN(grown) ? grown * 1000.0 / (to - from) : null;
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

    public long contextSwitches()
    {
        return contextSwitchesVoluntary + contextSwitchesInvoluntary;
    }
}
