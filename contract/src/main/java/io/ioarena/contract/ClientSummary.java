package io.ioarena.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: what one load client run measured, as the client writes it and the harness reads it. Latencies
 * in nanoseconds, counts as longs; every field is described in load-client/README.md.
 *
 * @param tool           {@code ioarena-load-client} (a stand-in client writes its own name)
 * @param config         every effective setting of the client, by its own names
 * @param mode           {@code open} or {@code closed}
 * @param modeLabel      how reports name the mode ({@link Mode#label()})
 * @param startEpochMs   the run's origin: the start of the warm-up
 * @param endEpochMs     when it finished draining
 * @param requestedRate  this instance's share of the requested rate; 0 in closed loop
 * @param achievedRate   answers (echo) or own deliveries (chat) to measured messages, per measured second
 * @param chat           null for echo
 * @param histograms     per {@link Tag#tag()}
 * @param timer          the client threads' start-up timer self-check, worst over the threads
 * @param flags          validity flags, in a fixed order; empty means valid
 */
public record ClientSummary(
    String tool,
    String version,
    Map<String, Object> config,
    String mode,
    String modeLabel,
    String workload,
    String framing,
    long startEpochMs,
    long endEpochMs,
    double measuredSeconds,
    double requestedRate,
    double achievedRate,
    long sent,
    long received,
    long warmupSent,
    long warmupReceived,
    long bytesRead,
    long clientAllocatedBytes,
    long clientCpuNanos,
    Connections connections,
    Errors errors,
    Chat chat,
    Map<String, Percentiles> histograms,
    GeneratorHealth generator,
    Timer timer,
    List<String> flags,
    boolean valid) implements Versioned
{
    public static final String FILE = "summary.json";

    /** This instance's connections: {@code requested}, {@code established} (ready when the run started), failed. */
    public record Connections(int requested, int established, int failed)
    {
    }

    /** The client's error counts by class (load-client/README.md, Errors and validity flags). */
    public record Errors(long corrupted, long reordered, long lost, long duplicated, long unexpected, long disconnects,
        long unanswered, long unsent)
    {
        /** Every class together: what {@code errors} in results.csv counts. */
        @JsonIgnore
        public long total()
        {
            return corrupted + reordered + lost + duplicated + unexpected + disconnects + unanswered + unsent;
        }
    }

    /**
     * @param expectedDeliveries for each measured message, the room's members at send time
     * @param receivedDeliveries copies of measured messages that arrived
     * @param churn              membership churn ({@code --chat-churn}); null without it
     */
    public record Chat(long expectedDeliveries, long receivedDeliveries, ChatChurn churn)
    {
    }

    /**
     * What the visitors of {@code --chat-churn} did and saw (load-client/README.md, Chat churn). Their errors are
     * also counted in {@link Errors} by class; {@code errors} is their share of it.
     *
     * @param joins          measured visits that joined ({@code OK JOIN} received)
     * @param leaves         measured visits that left ({@code OK LEAVE} received)
     * @param errors         the visitors' errors of every class (a refused or unanswered command, a lost, corrupted,
     *                       duplicated or reordered copy, a visitor disconnected or never set up)
     * @param requiredCopies copies the visitors had to receive: sent by this instance's members after the visitor had
     *                       its {@code OK JOIN} and delivered back to their sender before it sent its {@code LEAVE}
     * @param receivedCopies copies the visitors received while in their room, required or not
     */
    public record ChatChurn(long joins, long leaves, long errors, long requiredCopies, long receivedCopies)
    {
    }

    /** One histogram's percentiles, in nanoseconds. */
    public record Percentiles(long count, long min, double mean, double stddev, long p50, long p75, long p90, long p99,
        long p999, long p9999, long p99999, long max)
    {
        /** The percentiles of {@code h}; an empty histogram has 0 for its minimum, mean and deviation. */
        public static Percentiles of(final Histogram h)
        {
            final boolean empty = h.getTotalCount() == 0;
            return new Percentiles(h.getTotalCount(), empty ? 0 : h.getMinValue(), empty ? 0.0 : h.getMean(),
                empty ? 0.0 : h.getStdDeviation(), h.getValueAtPercentile(50), h.getValueAtPercentile(75),
                h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                h.getValueAtPercentile(99.99), h.getValueAtPercentile(99.999), h.getMaxValue());
        }
    }

    /**
     * The start-up timer self-check: how late {@code select(1 ms)} woke (median and worst), how late past the poll
     * margin, one poll's cost; {@code warning} when the waits are coarser than the gap between a thread's messages.
     * Every value is null when no check was made.
     */
    public record Timer(Long selectLatenessP50Nanos, Long selectLatenessMaxNanos, Long postSpinLatenessNanos,
        Long pollNanos, String warning)
    {
    }

    /** The histogram of {@code tag}, or null when the run has none (delivery for echo, say). */
    public Percentiles histogram(final Tag tag)
    {
        return histograms == null ? null : histograms.get(tag.tag());
    }

    /** The measured window's start: its end less the measured time (the run's origin includes the warm-up). */
    @JsonIgnore
    public long measuredFromEpochMs()
    {
        return endEpochMs - Math.round(measuredSeconds * 1000);
    }
}
