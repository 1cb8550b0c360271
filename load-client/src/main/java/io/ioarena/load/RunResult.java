package io.ioarena.load;

import io.ioarena.contract.GeneratorHealth;
import io.ioarena.contract.Mode;
import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a run measured: the totals of every histogram tag, the counters of all threads, the connections, and the
 * validity flags derived from them. A flagged run keeps all its data; it is only marked invalid.
 *
 * @param lateStart {@code --start-at} had already passed when the client was ready
 * @param generator what the watchdogs saw of the client itself during the measured phase
 * @param timer     the worst of the client threads' start-up timer self-checks; null if none was made
 */
public record RunResult(LoadConfig config, long startEpochMs, long endEpochMs, Map<Tag, Histogram> histograms,
    ThreadStats stats, int established, boolean lateStart, GeneratorHealth generator,
    TimerCheck.Result timer)
{
    /** A send-lag p99 above this means the generator fell behind its own plan. */
    public static final long MAX_SEND_LAG_P99_NANOS = 1_000_000;
    /** The achieved rate must be at least this share of the requested rate. */
    public static final double MIN_RATE_RATIO = 0.99;
    /**
     * Open loop: below this share of its CPUs' time idle or spent by its own I/O threads, other work starved the
     * client: a client with less than a fifth of its CPUs to spare measures itself, not the server (its deliberate
     * poll counts as spare: see {@link GeneratorHealth}).
     */
    public static final double MIN_CPU_AVAILABLE = 0.20;

    public double measuredSeconds()
    {
        return config.durationNanos() / 1e9;
    }

    /** Answers (echo) or own deliveries (chat) to measured messages, per measured second. */
    public double achievedRate()
    {
        return stats.received / measuredSeconds();
    }

    /** This instance's share of the requested rate; 0 in closed loop, which has no target. */
    public double requestedRate()
    {
        return config.instanceRate();
    }

    public int requestedConnections()
    {
        return config.instanceSlice().count();
    }

    public int failedConnections()
    {
        return requestedConnections() - established;
    }

    public Histogram histogram(final Tag tag)
    {
        return histograms.get(tag);
    }

    /**
     * The timer self-check's warning, in open loop, when the client threads' waits are coarser than the gap between a thread's
     * messages; null otherwise. A warning, not a flag: the send lag shows what it really cost.
     */
    public String timerWarning()
    {
        return config.mode() == Mode.OPEN && timer != null
            ? timer.warning(1e9 * config.threads() / requestedRate(), threadsBlock()) : null;
    }

    /**
     * Whether a client thread ever has longer than the poll margin to wait for its next message, so that it blocks
     * in the selector: always possible with Poisson gaps. With constant arrivals a thread's longest gap is from the
     * message of its last connection to the next one of its first: {@code (connections - its connections + 1) /
     * rate} (global message j is due at {@code t0 + j/rate} on connection {@code j mod connections}), counting only
     * the connections that carry the rate.
     */
    private boolean threadsBlock()
    {
        final ActiveConnections active = config.active();
        final int fewest = active.count(config.instanceSlice()) / config.threads();
        return config.arrival() == Arrival.POISSON
            || 1e9 * (active.active() - fewest + 1) / config.rate() > ClientThread.SPIN_NANOS;
    }

    /** The validity flags, in a fixed order; empty means valid. */
    public List<String> flags()
    {
        final List<String> flags = new ArrayList<>();
        if (config.mode() == Mode.OPEN && achievedRate() < MIN_RATE_RATIO * requestedRate())
        {
            flags.add("UNDER_TARGET");
        }
        if (config.mode() == Mode.OPEN
            && histogram(Tag.SENDLAG).getValueAtPercentile(99) > MAX_SEND_LAG_P99_NANOS)
        {
            flags.add("SEND_LAG");
        }
        // Closed loop sends as fast as answers come back: a busy client is what it is for, so never flagged.
        addIf(flags, config.mode() == Mode.OPEN && generator.cpuAvailable() != null
            && generator.cpuAvailable() < MIN_CPU_AVAILABLE, "GENERATOR_CPU");
        addIf(flags, generator.hiccupMaxNanos() > config.hiccupThresholdNanos(), "GENERATOR_HICCUP");
        addIf(flags, stats.unsent > 0, "UNSENT");
        addIf(flags, stats.lost > 0, "LOSS");
        addIf(flags, stats.corrupted > 0, "CORRUPTION");
        addIf(flags, stats.reordered > 0, "REORDER");
        addIf(flags, stats.duplicated > 0, "DUPLICATE");
        addIf(flags, stats.unexpected > 0, "UNEXPECTED");
        addIf(flags, stats.unanswered > 0, "UNANSWERED");
        addIf(flags, failedConnections() > 0, "CONNECT_FAILED");
        addIf(flags, stats.disconnects > 0, "DISCONNECTED");
        addIf(flags, lateStart, "LATE_START");
        return Collections.unmodifiableList(flags);
    }

    public boolean valid()
    {
        return flags().isEmpty();
    }

    private static void addIf(final List<String> flags, final boolean condition, final String flag)
    {
        if (condition)
        {
            flags.add(flag);
        }
    }
}
