package io.ioarena.microbench.roundtrip;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.launch.LaunchedServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One echo round trip over loopback on a single connection, for every server started in this JVM: write one
 * 64-byte {@code line} frame, read until the whole frame is back, check it. {@link Mode#SampleTime} samples
 * single round trips, so JMH reports a latency distribution (p50 ... p99.99, max) to set beside the harness's
 * closed-loop ping-pong numbers. The client is a blocking {@link SocketChannel} with {@code TCP_NODELAY}, on the
 * benchmark thread; the server runs with its defaults (as many event loops as processors).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RoundTripBenchmark
{
    static final int PAYLOAD_LENGTH = 64;

    @Param({"selector", "netty-nio", "netty-epoll", "netty-io_uring", "vertx-nio", "vthreads-virtual",
        "vthreads-platform"})
    public String server;

    private LaunchedServer launched;
    private SocketChannel channel;
    private ByteBuffer request;
    private ByteBuffer response;
    private ByteBuffer expected;

    @Setup(Level.Trial)
    public void start() throws Exception
    {
        launched = ServerVariant.parse(server).launch(List.of("--service", "echo", "--framing", "line"));
        channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(new InetSocketAddress(launched.host(), launched.port()));

        final byte[] payload = new byte[PAYLOAD_LENGTH];
        Arrays.fill(payload, (byte)'x');
        final byte[] frame = Framing.LINE.encode(payload);
        request = ByteBuffer.allocateDirect(frame.length).put(frame).flip();
        response = ByteBuffer.allocateDirect(frame.length);
        expected = ByteBuffer.wrap(frame).asReadOnlyBuffer();
    }

    @Benchmark
    public void echo() throws IOException
    {
        request.rewind();
        while (request.hasRemaining())
        {
            channel.write(request);
        }
        response.clear();
        while (response.hasRemaining())
        {
            if (channel.read(response) < 0)
            {
                throw new EOFException(server + " closed the connection after " + response.position() + " bytes");
            }
        }
        if (!response.flip().equals(expected))
        {
            throw new IllegalStateException(server + " echoed different bytes than it was sent");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception
    {
        if (channel != null)
        {
            channel.close();
        }
        if (launched != null)
        {
            launched.stop();
        }
    }
}
