package io.ioarena.contract;

/**
 * The {@code generator} section of the client's summary: what the watchdogs saw of the generator itself during the measured phase: whether the client, rather than the
 * server, may have set the pace of what was measured. Null where it is unknown.
 *
 * @param hiccupMaxNanos the longest stall of the hiccup meter's sleeps in the measured phase, in ns
 * @param threadBusy     CPU time of the client I/O threads / (threads x measured wall time). In open loop it
 *                       includes the deliberate poll of the last 3 ms before each due message, so it is near 1
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
 * @param ioWaitNanos    how long the client I/O threads were ready to run but had no CPU in the measured phase,
 *                       per thread (the second field of their {@code /proc/<pid>/task/<tid>/schedstat}, summed over
 *                       them and divided by their number): the time the
 *                       instrument itself was held up by whatever else ran on its cores. Unlike the hiccup meter's
 *                       gaps it does not count the meter's own wait behind a busy I/O thread. Null where unknown
 *                       (not Linux) and from clients older than this field. It counts every short preemption too:
 *                       2-2.6% of the window at 20k msg/s on a 2-vCPU VM, about half of it the hiccup meter's
 *                       thousand wake-ups a second, in slices of tens of microseconds that move no percentile
 * @param ioStalledNanos the client I/O threads' own stalls in the measured phase, per thread: gaps of 1 ms or more
 *                       between two turns of their loop when the first ended with a poll rather than a blocking wait
 *                       (the thread was descheduled or stopped by the JVM while it had messages to send or answers to
 *                       read). A closed-loop thread that blocks waiting for answers is not measured while it blocks.
 *                       Null from clients older than this field
 * @param jitNanos       time the client JVM's JIT compilers spent compiling in the measured phase (the JVM's
 *                       {@code CompilationMXBean}, counted in milliseconds, summed over its compiler threads): they
 *                       share the client's cores, so a client still compiling its hot path measures late. Null where
 *                       the JVM does not tell, and from clients older than this field
 */
public record GeneratorHealth(long hiccupMaxNanos, Double threadBusy, Double cpuIdle, Double cpuAvailable, String cpus,
    Long gcPauses, Long gcPauseNanos, Long stalledNanos, Long ioWaitNanos, Long ioStalledNanos, Long jitNanos)
{
    /** Only the hiccup meter's and the I/O threads' own results: nothing else was measured. */
    public static GeneratorHealth hiccupsOnly(final long hiccupMaxNanos, final long stalledNanos,
        final long ioStalledNanos)
    {
        return new GeneratorHealth(hiccupMaxNanos, null, null, null, null, null, null, stalledNanos, null,
            ioStalledNanos, null);
    }
}
