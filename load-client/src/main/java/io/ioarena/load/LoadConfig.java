package io.ioarena.load;

import io.ioarena.contract.Mode;
import io.ioarena.contract.Units;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of a run, in one place, validated once: each rule's message names the flag. The command line builds
 * it; tests and other code may build it directly. {@link #toMap()} is what the JSON summary records.
 *
 * @param rate            total open-loop rate in messages per second over all instances (ignored in closed loop)
 * @param inFlight        closed loop: messages in flight per connection
 * @param connections     total connections over all instances
 * @param size            echo: payload bytes; chat: bytes of the message text
 * @param startAtEpochMs  the common start instant of several instances, or -1 to start when ready
 * @param outputDir       where the files go, or null for none
 * @param socketBuffer    SO_SNDBUF and SO_RCVBUF of each connection, or 0 for the operating system's default
 * @param hiccupThresholdNanos a stall of the generator longer than this in the measured phase flags the run
 *                        ({@code GENERATOR_HICCUP})
 * @param cycleRate       closed loop: the total messages per second the run is expected to cycle at, over all
 *                        instances, for the {@code compensated} tag; 0 for none
 * @param sourceAddresses the loopback addresses the connections come from
 * @param activeConnections open-loop echo: how many of the connections carry the rate ({@link ActiveConnections}),
 *                        the others held idle; every connection is then first proven live with one echo. 0: every
 *                        connection carries the rate, with no such proof (the default)
 * @param chatChurn       open-loop chat: joins per second over all instances, each by a visitor connection that
 *                        leaves again half a period later ({@link VisitPlan}, {@link VisitorConnection}); 0 for none
 */
public record LoadConfig(
    String host, int port, Service workload, Framing framing, Mode mode, double rate, int inFlight,
    Arrival arrival, long seed, int connections, int threads, int size,
    long warmupNanos, long durationNanos, long drainTimeoutNanos, long connectTimeoutNanos,
    int rooms, int instanceIndex, int instanceCount, long startAtEpochMs, Path outputDir, String label,
    int maxFrame, int socketBuffer, long hiccupThresholdNanos, double cycleRate, SourceAddresses sourceAddresses,
    int activeConnections, double chatChurn)
{
    public LoadConfig
    {
        require(port > 0 && port < 65536, "--port must be in 1..65535, got " + port);
        require(workload == Service.ECHO || framing != Framing.RAW,
            "--framing raw is for --service echo only (chat needs line or length)");
        require(mode == Mode.CLOSED || (rate > 0 && !Double.isInfinite(rate)),
            "--rate must be > 0 in open loop (the total messages per second), got " + rate);
        require(inFlight >= 1, "--in-flight must be >= 1, got " + inFlight);
        require(connections >= 1, "--connections must be >= 1, got " + connections);
        require(instanceCount >= 1, "--instance-count must be >= 1, got " + instanceCount);
        require(instanceIndex >= 0 && instanceIndex < instanceCount,
            "--instance-index must be in 0.." + (instanceCount - 1) + ", got " + instanceIndex);
        require(connections >= instanceCount, "--connections (" + connections
            + ") must be at least --instance-count (" + instanceCount + "): every instance needs a connection");
        final int mine = Slice.of(connections, instanceCount, instanceIndex).count();
        require(threads >= 1 && threads <= mine, "--threads must be in 1.." + mine
            + " (this instance's connections), got " + threads);
        require(size >= Payload.HEADER_LENGTH, "--size must be >= " + Payload.HEADER_LENGTH
            + " bytes (the sequence, times and checksum every message carries), got " + size);
        require(size <= maxFrame - (workload == Service.CHAT ? 4 + 1 + roomName(rooms - 1).length() : 0),
            "--size must fit in --max-frame (" + maxFrame + "), got " + size);
        require(warmupNanos >= 0, "--warmup must be >= 0");
        require(durationNanos > 0, "--duration must be > 0");
        require(drainTimeoutNanos >= 0, "--drain-timeout must be >= 0");
        require(connectTimeoutNanos > 0, "--connect-timeout must be > 0");
        require(rooms >= 1 && rooms <= connections, "--rooms must be in 1..--connections (" + connections
            + "), got " + rooms);
        require(maxFrame >= Payload.HEADER_LENGTH, "--max-frame must be >= " + Payload.HEADER_LENGTH);
        require(socketBuffer >= 0, "--socket-buffer must be >= 0 (0 = the OS default)");
        require(hiccupThresholdNanos >= HiccupMeter.RESOLUTION_NANOS, "--hiccup-threshold must be >= "
            + Units.formatNanos(HiccupMeter.RESOLUTION_NANOS) + " (the hiccup meter's resolution), got "
            + Units.formatNanos(hiccupThresholdNanos));
        require(cycleRate >= 0 && !Double.isInfinite(cycleRate),
            "--cycle-rate must be > 0 (or 0 for none), got " + cycleRate);
        require(cycleRate == 0 || mode == Mode.CLOSED, "--cycle-rate is for --mode closed (open loop measures from "
            + "the intended send time already)");
        require(label == null || !label.contains("\n"), "--label must be one line");
        require(sourceAddresses != null, "--source-addresses is required");
        sourceAddresses.requireReachable(host);
        require(activeConnections >= 0 && activeConnections <= connections, "--active-connections must be in 1.."
            + "--connections (" + connections + "), or 0 for all of them, got " + activeConnections);
        require(activeConnections == 0 || (mode == Mode.OPEN && workload == Service.ECHO), "--active-connections is "
            + "for open-loop echo (a closed loop has no rate to carry; in chat every member receives its room's messages)");
        require(chatChurn >= 0 && !Double.isInfinite(chatChurn), "--chat-churn must be >= 0 (joins per second, 0 for "
            + "none), got " + chatChurn);
        require(chatChurn == 0 || (mode == Mode.OPEN && workload == Service.CHAT), "--chat-churn is for open-loop "
            + "chat (its joins follow an open-loop plan, into the rooms of --service chat)");
        require(VisitPlan.visitors(chatChurn) <= VisitPlan.MAX_VISITORS, "--chat-churn must be at most "
            + (int)(VisitPlan.MAX_VISITORS / VisitPlan.PERIOD_SECONDS) + " joins/s (a visitor connection per "
            + VisitPlan.PERIOD_SECONDS + " s of joins, at most " + VisitPlan.MAX_VISITORS + "), got " + chatChurn);
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    /** The name of chat room {@code k}: {@code room<k>}. */
    public static String roomName(final int k)
    {
        return "room" + k;
    }

    /** The connections this instance opens, in global ids. */
    public Slice instanceSlice()
    {
        return Slice.of(connections, instanceCount, instanceIndex);
    }

    /** The visitors of {@code --chat-churn} this instance runs, in visitor indices (0 without churn). */
    public Slice visitorSlice()
    {
        return Slice.of(VisitPlan.visitors(chatChurn), instanceCount, instanceIndex);
    }

    /** The connections that carry the rate: all of them unless {@code --active-connections} says fewer. */
    public ActiveConnections active()
    {
        return new ActiveConnections(connections, activeConnections == 0 ? connections : activeConnections);
    }

    /**
     * Whether every connection proves itself live with one echo before the run starts, as idle connections must (an
     * idle connection that was never answered could be one the server never took).
     */
    public boolean provesLiveness()
    {
        return activeConnections > 0;
    }

    /**
     * This instance's share of the open-loop rate: exact, since every active connection carries
     * {@code rate/active}.
     */
    public double instanceRate()
    {
        final ActiveConnections a = active();
        return mode == Mode.OPEN ? rate * a.count(instanceSlice()) / a.active() : 0.0;
    }

    /**
     * Closed loop with {@code --cycle-rate}: how often each in-flight slot (a connection has {@code --in-flight} of
     * them, each sending its next message when the previous is answered) should send to make that rate; 0 for none.
     */
    public long cycleIntervalNanos()
    {
        return cycleRate == 0 ? 0 : Math.round(1e9 * connections * inFlight / cycleRate);
    }

    /** Every effective setting, for the summary and the log header. */
    public Map<String, Object> toMap()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host);
        m.put("port", port);
        m.put("workload", workload.cliName());
        m.put("framing", framing.cliName());
        m.put("mode", mode.cliName());
        m.put("rate", mode == Mode.OPEN ? rate : 0.0);
        m.put("inFlight", mode == Mode.CLOSED ? inFlight : 0);
        m.put("arrival", arrival.cliName());
        m.put("seed", seed);
        m.put("connections", connections);
        m.put("threads", threads);
        m.put("size", size);
        m.put("warmupNanos", warmupNanos);
        m.put("durationNanos", durationNanos);
        m.put("drainTimeoutNanos", drainTimeoutNanos);
        m.put("connectTimeoutNanos", connectTimeoutNanos);
        m.put("rooms", rooms);
        m.put("instanceIndex", instanceIndex);
        m.put("instanceCount", instanceCount);
        m.put("instanceConnections", instanceSlice().count());
        m.put("instanceRate", instanceRate());
        m.put("startAtEpochMs", startAtEpochMs);
        m.put("outputDir", outputDir == null ? null : outputDir.toString());
        m.put("label", label);
        m.put("maxFrame", maxFrame);
        m.put("socketBuffer", socketBuffer);
        m.put("hiccupThresholdNanos", hiccupThresholdNanos);
        m.put("cycleRate", cycleRate);
        m.put("cycleIntervalNanos", cycleIntervalNanos());
        m.put("sourceAddresses", sourceAddresses.labels());
        m.put("activeConnections", active().active());
        m.put("chatChurn", chatChurn);
        m.put("chatVisitors", VisitPlan.visitors(chatChurn));
        return m;
    }

    /** A builder with the command line's defaults, for code and tests. */
    public static Builder builder(final int port)
    {
        return new Builder(port);
    }

    /** Mutable defaults; {@link #build()} validates. */
    public static final class Builder
    {
        public String host = "127.0.0.1";
        public int port;
        public Service workload = Service.ECHO;
        public Framing framing = Framing.LINE;
        public Mode mode = Mode.OPEN;
        public double rate = 1000;
        public int inFlight = 1;
        public Arrival arrival = Arrival.CONSTANT;
        public long seed = 1;
        public int connections = 16;
        public int threads = 1;
        public int size = 64;
        public long warmupNanos = 2_000_000_000L;
        public long durationNanos = 10_000_000_000L;
        public long drainTimeoutNanos = 2_000_000_000L;
        public long connectTimeoutNanos = 5_000_000_000L;
        public int rooms = 1;
        public int instanceIndex;
        public int instanceCount = 1;
        public long startAtEpochMs = -1;
        public Path outputDir;
        public String label;
        public int maxFrame = 65536;
        public int socketBuffer;
        public long hiccupThresholdNanos = 10_000_000;
        public double cycleRate;
        public SourceAddresses sourceAddresses = new SourceAddresses(1);
        public int activeConnections;
        public double chatChurn;

        Builder(final int port)
        {
            this.port = port;
        }

        public LoadConfig build()
        {
            return new LoadConfig(host, port, workload, framing, mode, rate, inFlight, arrival, seed, connections,
                threads, size, warmupNanos, durationNanos, drainTimeoutNanos, connectTimeoutNanos, rooms,
                instanceIndex, instanceCount, startAtEpochMs, outputDir, label, maxFrame, socketBuffer,
                hiccupThresholdNanos, cycleRate, sourceAddresses, activeConnections, chatChurn);
        }
    }
}
