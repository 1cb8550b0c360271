package io.ioarena.contract;

/**
 * The {@code generator} section of the client's summary: what the watchdogs saw of the generator itself during the measured phase: whether the client, rather than the
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
 * @param stalledNanos   the client's stalled time in the measured phase: the hiccup meter's gaps of at least one
 *                       whole sleep (1 ms) summed, so a harness can judge what share of the window the client lost;
 *                       the shorter gaps are timer slack, tens of microseconds on every wake-up, not stalls. Null
 *                       from clients older than this field
 */
public record GeneratorHealth(long hiccupMaxNanos, Double threadBusy, Double cpuIdle, Double cpuAvailable, String cpus,
    Long gcPauses, Long gcPauseNanos, Long stalledNanos)
{
    /** Only the hiccup meter's results: nothing else was measured. */
    public static GeneratorHealth hiccupsOnly(final long hiccupMaxNanos, final long stalledNanos)
    {
        return new GeneratorHealth(hiccupMaxNanos, null, null, null, null, null, null, stalledNanos);
    }
}
