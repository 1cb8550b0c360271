package io.ioarena.load;

/**
 * What the watchdogs saw of the generator itself during the measured phase: whether the client, rather than the
 * server, may have set the pace of what was measured. Null where it is unknown.
 *
 * @param hiccupMaxNanos the longest stall of the hiccup meter's sleeps in the measured phase, in ns
 * @param threadBusy     CPU time of the client I/O threads / (threads x measured wall time). In open loop it
 *                       includes the deliberate poll of the last millisecond before each due message, so it is near 1
 *                       whenever messages are due more often than every millisecond per thread: not a saturation
 *                       measure there
 * @param cpuIdle        idle share of the CPUs the process may run on ({@code /proc}, Linux)
 * @param cpuAvailable   share of those CPUs' time that was idle or spent by the client I/O threads themselves: what
 *                       the client had or could have had; the rest went to other processes and the JVM's own threads
 * @param cpus           those CPUs, as the kernel lists them ({@code Cpus_allowed_list}, e.g. {@code 0-1})
 * @param gcPauses       stop-the-world GC pauses of the client JVM in the measured phase
 * @param gcPauseNanos   their total time (the JVM counts it in milliseconds)
 */
public record GeneratorHealth(long hiccupMaxNanos, Double threadBusy, Double cpuIdle, Double cpuAvailable, String cpus,
    Long gcPauses, Long gcPauseNanos)
{
    /** Only the hiccup meter's result: nothing else was measured. */
    static GeneratorHealth hiccupsOnly(final long hiccupMaxNanos)
    {
        return new GeneratorHealth(hiccupMaxNanos, null, null, null, null, null, null);
    }

    /**
     * The differences between two snapshots of {@link GeneratorProbe}; everything but the hiccups unknown when either
     * is missing.
     */
    static GeneratorHealth between(final GeneratorProbe.Snapshot start, final GeneratorProbe.Snapshot end,
        final int threads, final String cpus, final int cpuCount, final long hiccupMaxNanos)
    {
        if (start == null || end == null || end.wallNanos() <= start.wallNanos())
        {
            return hiccupsOnly(hiccupMaxNanos);
        }
        final double wall = end.wallNanos() - start.wallNanos();
        final Double threadBusy = start.threadsCpuNanos() < 0 || end.threadsCpuNanos() < 0 ? null
            : (end.threadsCpuNanos() - start.threadsCpuNanos()) / (threads * wall);
        Double cpuIdle = null;
        Double cpuAvailable = null;
        if (start.cpuIdleAndTotal() != null && end.cpuIdleAndTotal() != null && cpuCount > 0)
        {
            final long total = end.cpuIdleAndTotal()[1] - start.cpuIdleAndTotal()[1];
            if (total > 0)
            {
                cpuIdle = (double)(end.cpuIdleAndTotal()[0] - start.cpuIdleAndTotal()[0]) / total;
                // The threads' CPU time as a share of the CPUs' capacity over the same wall time: ticks need no
                // conversion this way. Capped at 1: the two clocks are sampled a few microseconds apart.
                cpuAvailable = threadBusy == null ? null
                    : Math.min(1.0, cpuIdle + threadBusy * threads / cpuCount);
            }
        }
        return new GeneratorHealth(hiccupMaxNanos, threadBusy, cpuIdle, cpuAvailable, cpuIdle == null ? null : cpus,
            end.gcPauses() - start.gcPauses(), (end.gcPauseMillis() - start.gcPauseMillis()) * 1_000_000);
    }
}
