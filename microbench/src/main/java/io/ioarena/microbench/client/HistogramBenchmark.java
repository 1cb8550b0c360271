package io.ioarena.microbench.client;

import io.ioarena.contract.Tag;
import io.ioarena.load.ThreadRecorders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Recording one latency in the load client's per-thread histograms ({@link ThreadRecorders}: plain HdrHistograms
 * behind one {@code WriterReaderPhaser}), as the client does two or three times per message (latency, service
 * time, and send lag in open loop): alone, as a batch of its own (two atomic operations), and inside an open batch,
 * as the client records the answers of one read.
 * The values cycle through a fixed set spread log-uniformly over 10 µs to 10 ms, so successive records hit
 * different buckets as in a run (one constant value would keep a single counter hot in cache and flatter the
 * recorder).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class HistogramBenchmark
{
    /** A power of two, so the cycling index is a mask. */
    private static final int VALUES = 4096;
    private static final double MIN_NANOS = 10_000;
    private static final double DECADES = 3;

    private final long[] latencies = new long[VALUES];
    private ThreadRecorders recorders;
    /** Held inside one batch for the whole trial, as the client thread is while it handles one read. */
    private ThreadRecorders batched;
    private int next;

    @Setup
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < VALUES; i++)
        {
            latencies[i] = (long)(MIN_NANOS * Math.pow(10, DECADES * random.nextDouble()));
        }
        recorders = new ThreadRecorders(EnumSet.of(Tag.LATENCY));
        batched = new ThreadRecorders(EnumSet.of(Tag.LATENCY));
        batched.begin();
    }

    @Benchmark
    public void record()
    {
        recorders.record(Tag.LATENCY, latencies[next++ & (VALUES - 1)]);
    }

    @Benchmark
    public void recordInBatch()
    {
        batched.record(Tag.LATENCY, latencies[next++ & (VALUES - 1)]);
    }
}
