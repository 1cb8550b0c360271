package io.ioarena.load;

import io.ioarena.contract.Units;
import io.ioarena.protocol.Framing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of a churn run (the {@code churn} command), validated once: each rule's message names the flag.
 *
 * @param rate            connection arrivals per second
 * @param warmupNanos     arrivals before the measured ones, on the same plan, recorded nowhere (the client's JIT and
 *                        the server's accept path warm up)
 * @param durationNanos   how long measured arrivals come; every arrival's echo is then awaited for at most
 *                        {@code timeout}
 * @param size            bytes of the one echoed payload
 * @param timeoutNanos    how long one connection may take from its intended arrival to its echo
 * @param lingerZero      close with {@code SO_LINGER 0} (a reset, no TIME_WAIT): a labelled variant
 * @param outputDir       where {@code churn.json} and the {@code .hgrm} files go, or null for none
 */
public record ChurnConfig(String host, int port, Framing framing, double rate, Arrival arrival, long seed,
    long warmupNanos, long durationNanos, int size, long timeoutNanos, boolean lingerZero, SourceAddresses sourceAddresses,
    Path outputDir)
{
    /** The most connections a run may hold at once ({@code --rate} x {@code --timeout}): file descriptors. */
    public static final long MAX_OPEN = 100_000;

    public ChurnConfig
    {
        require(port > 0 && port < 65536, "--port must be in 1..65535, got " + port);
        require(rate > 0 && !Double.isInfinite(rate), "--rate must be > 0 (connections per second), got " + rate);
        require(warmupNanos >= 0, "--warmup must be >= 0");
        require(durationNanos > 0, "--duration must be > 0");
        require(size >= 1 && size <= 65_536 - framing.frameLength(0), "--size must be in 1.." +
            (65_536 - framing.frameLength(0)) + " (one frame), got " + size);
        require(timeoutNanos > 0, "--timeout must be > 0");
        require(rate * timeoutNanos / 1e9 <= MAX_OPEN, "--rate x --timeout is how many connections may be open at "
            + "once; it must be at most " + MAX_OPEN + ", got " + (long) (rate * timeoutNanos / 1e9));
        require(sourceAddresses != null, "--source-addresses is required");
        sourceAddresses.requireReachable(host);
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    /** {@code fin} or {@code linger0}: how connections are closed, the label of a run. */
    public String closeMode()
    {
        return lingerZero ? "linger0" : "fin";
    }

    /** Every effective setting, for {@code churn.json}. */
    public Map<String, Object> toMap()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host);
        m.put("port", port);
        m.put("framing", framing.cliName());
        m.put("rate", rate);
        m.put("arrival", arrival.cliName());
        m.put("seed", seed);
        m.put("warmupNanos", warmupNanos);
        m.put("durationNanos", durationNanos);
        m.put("size", size);
        m.put("timeoutNanos", timeoutNanos);
        m.put("closeMode", closeMode());
        m.put("sourceAddresses", sourceAddresses.labels());
        m.put("outputDir", outputDir == null ? null : outputDir.toString());
        return m;
    }

    /** The run in words, for the header. */
    public String describe()
    {
        return String.format(java.util.Locale.ROOT, "Churn %s (after %s warm-up) @ %s:%d: %s arrivals at %.2f connections/s, each "
            + "connect, one %d-byte echo (%s framing), close (%s), timeout %s, from %d source address%s",
            Units.formatNanos(durationNanos), Units.formatNanos(warmupNanos), host, port, arrival.cliName(), rate, size, framing.cliName(), closeMode(),
            Units.formatNanos(timeoutNanos), sourceAddresses.count(), sourceAddresses.count() == 1 ? "" : "es");
    }
}
