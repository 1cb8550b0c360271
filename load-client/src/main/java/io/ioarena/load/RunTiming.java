package io.ioarena.load;

/**
 * The phases of a run on the client's nanosecond clock: warm-up from {@code origin}, measurement from
 * {@code measureStart} to {@code end}, then draining answers until {@code drainDeadline}. A message belongs to the
 * phase its intended send time falls in; none is scheduled at or after {@code end}.
 */
public record RunTiming(long origin, long measureStart, long end, long drainDeadline)
{
    /** {@link #phase} of a message outside the measured phase (the warm-up). */
    public static final int WARMUP = 0;
    /** {@link #phase} of a message of the measured phase. */
    public static final int MEASURED = 1;

    public static RunTiming of(final long origin, final LoadConfig config)
    {
        final long measureStart = origin + config.warmupNanos();
        final long end = measureStart + config.durationNanos();
        return new RunTiming(origin, measureStart, end, end + config.drainTimeoutNanos());
    }

    /**
     * {@link #MEASURED} when {@code intended} is in {@code [measureStart, end)}, else {@link #WARMUP}, computed
     * without a branch. The hot path uses it as data (an index, an increment) rather than as a condition: code the
     * JIT compiles in the warm-up then takes the same branches in the measured phase, where a branch first taken at
     * the switch would be an uncommon trap in C2 code and a recompilation inside the measured window (seen with
     * {@code -Xlog:deoptimization=debug}: {@code unstable_if} in every compiled caller at the switch).
     */
    public int phase(final long intended)
    {
        // Both differences are >= 0 exactly inside the phase; the sign bit of either says "outside".
        return (int)(((intended - measureStart) | (end - 1 - intended)) >>> 63) ^ MEASURED;
    }

    /**
     * {@code intended} when it is before {@code end}, else {@link Long#MAX_VALUE} (never due), without a branch for
     * the same reason as {@link #phase}: the plan's end is reached inside the measured window's last period.
     */
    public long dueBeforeEnd(final long intended)
    {
        final long before = (intended - end) >> 63;
        return (intended & before) | (Long.MAX_VALUE & ~before);
    }
}
