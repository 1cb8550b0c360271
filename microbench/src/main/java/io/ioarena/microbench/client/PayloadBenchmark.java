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

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The load client's per-message work on its hot path, with its own {@link Payload}: encoding a message into the
 * direct socket buffer before each send (hex fields, check, filler) and verifying each answer in place in the direct
 * buffer it was read into (hex digits, check, filler).
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

    /** Message size in bytes: the client's default, and a large message where the filler dominates. */
    @Param({"64", "1024"})
    public int size;

    private Payload payload;
    private ByteBuffer sent;
    private ByteBuffer received;
    private long sequence;

    @Setup
    public void setUp()
    {
        payload = new Payload(size);
        sent = ByteBuffer.allocateDirect(size);
        received = ByteBuffer.allocateDirect(size);
        payload.encode(received, 0, CONNECTION, 12_345, 987_654_321L, 987_655_000L);
    }

    /** Returns the buffer it filled, so that no part of the encoding is dead. */
    @Benchmark
    public ByteBuffer encode()
    {
        final long seq = sequence++;
        final long intended = seq * INTERVAL_NANOS;
        payload.encode(sent, 0, CONNECTION, seq, intended, intended + 1_000);
        return sent;
    }

    /** What the client does with each answer: check and parse it where it was read. */
    @Benchmark
    public boolean verify()
    {
        return payload.decode(received, 0, size);
    }
}
