package io.ioarena.load;

import java.util.SplittableRandom;

/**
 * The absolute open-loop plan of one connection: the intended send time of each of its messages, never drifting and
 * never depending on when earlier messages were actually sent.
 *
 * <p>All connections of a run (across threads and instances) share one global plan of the total rate {@code R}:
 * <ul>
 *   <li>{@code constant}: global message {@code j} is due at {@code t0 + j/R}; connection {@code c} of {@code C}
 *   sends the global messages {@code j = k*C + c}, so its message {@code k} is due at {@code t0 + (k*C + c)/R}.
 *   Connections are spread evenly over one period and their rates add up to {@code R} exactly, however they are
 *   split across threads and instances, because the union of their plans is the global plan.</li>
 *   <li>{@code poisson}: each connection is an independent Poisson process of rate {@code R/C} whose generator is
 *   seeded from the run seed and the global connection id, so a plan is reproducible and independent of which
 *   thread or instance runs the connection; the superposition is a Poisson process of rate {@code R}.</li>
 * </ul>
 * Allocation-free after construction. Not thread-safe: one per connection, used by its thread.
 */
public final class Schedule
{
    private static final double NANOS_PER_SECOND = 1e9;

    private final long t0;
    private final Arrival arrival;
    private final int connectionId;
    private final int totalConnections;
    /** Constant: nanoseconds between consecutive global messages, {@code 1e9/R}. */
    private final double globalPeriodNanos;
    /** Poisson: mean nanoseconds between this connection's messages, {@code C*1e9/R}. */
    private final double meanGapNanos;
    private final SplittableRandom random;

    private long index;
    /** Poisson: intended time of the current message, relative to t0, kept in double so rounding never accumulates. */
    private double poissonOffsetNanos;

    private Schedule(final long t0, final Arrival arrival, final double totalRate, final int totalConnections,
        final int connectionId, final long seed)
    {
        if (!(totalRate > 0) || Double.isInfinite(totalRate))
        {
            throw new IllegalArgumentException("rate must be positive and finite: " + totalRate);
        }
        if (connectionId < 0 || connectionId >= totalConnections)
        {
            throw new IllegalArgumentException("connection " + connectionId + " not in [0, " + totalConnections + ")");
        }
        this.t0 = t0;
        this.arrival = arrival;
        this.connectionId = connectionId;
        this.totalConnections = totalConnections;
        this.globalPeriodNanos = NANOS_PER_SECOND / totalRate;
        this.meanGapNanos = globalPeriodNanos * totalConnections;
        this.random = arrival == Arrival.POISSON ? new SplittableRandom(mix(seed, connectionId)) : null;
        if (arrival == Arrival.POISSON)
        {
            poissonOffsetNanos = nextGap();
        }
    }

    /**
     * The plan of global connection {@code connectionId} out of {@code totalConnections} sharing {@code totalRate}
     * messages per second from {@code t0} on.
     */
    public static Schedule of(final Arrival arrival, final long t0, final double totalRate,
        final int totalConnections, final int connectionId, final long seed)
    {
        return new Schedule(t0, arrival, totalRate, totalConnections, connectionId, seed);
    }

    /** Index of the current message (the next one to send) on this connection. */
    public long index()
    {
        return index;
    }

    /** Intended send time of the current message. */
    public long intendedTime()
    {
        return arrival == Arrival.CONSTANT
            ? t0 + (long)((index * (double)totalConnections + connectionId) * globalPeriodNanos)
            : t0 + (long)poissonOffsetNanos;
    }

    /** Moves to the next message; the current one has been sent. */
    public void advance()
    {
        index++;
        if (arrival == Arrival.POISSON)
        {
            poissonOffsetNanos += nextGap();
        }
    }

    private double nextGap()
    {
        // 1 - u is in (0, 1], so the logarithm is finite.
        return -Math.log(1.0 - random.nextDouble()) * meanGapNanos;
    }

    private static long mix(final long seed, final int connectionId)
    {
        long z = seed + 0x9E3779B97F4A7C15L * (connectionId + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
