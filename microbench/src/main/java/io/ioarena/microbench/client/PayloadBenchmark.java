package io.ioarena.microbench.client;

import io.ioarena.load.Payload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The load client's per-message work on its hot path, with its own {@link Payload}: encoding a message before each
 * send (hex fields, CRC-32C over the rest) and verifying each answer (copy into the scratch array, parse, CRC).
 * Every client thread pays both for every message, so at a target rate R they cost R times the score of CPU.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PayloadBenchmark
{
    private static final int CONNECTION = 4711;
    /** Send times a realistic 50 µs apart, so the hex fields change in their low digits as in a run. */
    private static final long INTERVAL_NANOS = 50_000;

    /** Message size in bytes: the client's default, and a large message where the CRC dominates. */
    @Param({"64", "1024"})
    public int size;

    private Payload payload;
    private byte[] received;
    private long sequence;

    @Setup
    public void setUp()
    {
        payload = new Payload(size);
        received = payload.encode(CONNECTION, 12_345, 987_654_321L, 987_655_000L).clone();
    }

    /** Returns the scratch array it filled, so that no part of the encoding is dead. */
    @Benchmark
    public byte[] encode()
    {
        final long seq = sequence++;
        final long intended = seq * INTERVAL_NANOS;
        return payload.encode(CONNECTION, seq, intended, intended + 1_000);
    }

    /** What the client does with each answer: copy it into the scratch array, then check and parse it. */
    @Benchmark
    public boolean verify()
    {
        System.arraycopy(received, 0, payload.scratch(), 0, received.length);
        return payload.decode(received.length);
    }
}
