package io.ioarena.microbench.fanout;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The chat fan-out's own cost per delivery, without sockets: one room message framed and handed to every member's
 * (simulated) socket, encoded once and shared or encoded per member ({@link FrameSharing}). Every invocation makes
 * {@value #DELIVERIES} deliveries ({@value #DELIVERIES}/members messages to all members), so the score is ns per
 * delivery and {@code gc.alloc.rate.norm} is bytes allocated per delivery, for any member count.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class FanOutBenchmark
{
    static final int DELIVERIES = 256;

    /** Members of the room (every one, the sender included, gets each message); divides {@value #DELIVERIES}. */
    @Param({"4", "16", "64", "256"})
    int members;

    @Param
    FrameSharing frame;

    private MemberSocket[] sockets;
    private byte[] payload;

    @Setup
    public void setUp()
    {
        if (members < 1 || DELIVERIES % members != 0)
        {
            throw new IllegalArgumentException("members must divide " + DELIVERIES + ": " + members);
        }
        sockets = new MemberSocket[members];
        Arrays.setAll(sockets, i -> new MemberSocket());
        // What ChatSession makes of "MSG lobby <64 bytes>" from "alice": the load client's default message size.
        payload = ("MSG lobby alice " + "x".repeat(64)).getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    @OperationsPerInvocation(DELIVERIES)
    public void deliver()
    {
        for (int message = DELIVERIES / members; message > 0; message--)
        {
            frame.deliver(payload, sockets);
        }
    }

    MemberSocket socket(final int member)
    {
        return sockets[member];
    }

    byte[] payload()
    {
        return payload;
    }
}
