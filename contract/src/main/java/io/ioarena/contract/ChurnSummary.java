package io.ioarena.contract;

import java.util.List;
import java.util.Map;

/**
 * {@code churn.json}: what one load-client churn run measured (its {@code churn} command: open-loop connection
 * arrivals, each connect, one echo, close). Latencies in nanoseconds from each arrival's intended time, as every
 * latency of the client; every field is described in load-client/README.md (Churn).
 *
 * @param tool               {@code ioarena-load-client}
 * @param config             every effective setting of the run, by the client's names
 * @param closeMode          {@code fin} (an orderly close: the client's side keeps TIME_WAIT) or {@code linger0}
 *                           ({@code SO_LINGER 0}: a reset, no TIME_WAIT; a labelled variant, not the default)
 * @param sourceAddresses    the loopback addresses the connections came from
 * @param startEpochMs       the run's origin (the first planned arrival, the start of the warm-up), ms since the epoch
 * @param endEpochMs         when it finished (its last connection done or timed out), ms since the epoch
 * @param requestedRate      connections per second asked for
 * @param achievedRate       completed connections (connected, echoed, closed) per second of the run
 * @param measuredSeconds    the length of the arrival plan
 * @param arrivals           connections the plan started
 * @param completed          connections whose echo came back whole and exact
 * @param failures           the others, by {@code ChurnFailure} kind ({@code refused}, {@code reset}, ...)
 * @param histograms         {@code connect} (connected minus intended arrival), {@code latency} (the echo back minus
 *                           intended arrival) and {@code sendlag} (the connect call minus intended arrival: how late
 *                           the client itself was)
 */
public record ChurnSummary(
    String tool,
    String version,
    Map<String, Object> config,
    String closeMode,
    List<String> sourceAddresses,
    long startEpochMs,
    long endEpochMs,
    double requestedRate,
    double achievedRate,
    double measuredSeconds,
    long arrivals,
    long completed,
    Map<String, Long> failures,
    Map<String, ClientSummary.Percentiles> histograms) implements Versioned
{
    public static final String FILE = "churn.json";
}
