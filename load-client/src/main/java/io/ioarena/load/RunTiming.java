package io.ioarena.load;

/**
 * The phases of a run on the client's nanosecond clock: warm-up from {@code origin}, measurement from
 * {@code measureStart} to {@code end}, then draining answers until {@code drainDeadline}. A message belongs to the
 * phase its intended send time falls in; none is scheduled at or after {@code end}.
 */
public record RunTiming(long origin, long measureStart, long end, long drainDeadline)
{
    public static RunTiming of(final long origin, final LoadConfig config)
    {
        final long measureStart = origin + config.warmupNanos();
        final long end = measureStart + config.durationNanos();
        return new RunTiming(origin, measureStart, end, end + config.drainTimeoutNanos());
    }

    public boolean isMeasured(final long intended)
    {
        return intended >= measureStart && intended < end;
    }
}
