package io.ioarena.microbench.framing;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.spi.ServerConfig;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Framing cost per implementation: one operation feeds a whole {@link ByteStream} of {@link ByteStream#FRAMES}
 * frames, read by read, through one connection's decoder, and every payload goes to the {@link Blackhole}.
 * {@link OperationsPerInvocation} makes JMH report per frame: the score is ns/frame, and {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is bytes allocated per frame.
 *
 * <p>Each parameter combination runs in its own fork, so the decoder call sites see one implementation only, as
 * in a server. The stream ends on a frame boundary, so every invocation starts from the same decoder state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ByteStream.FRAMES)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class FramingBenchmark
{
    /** Fixed, so that every fork of every implementation decodes the very same bytes. */
    static final long SEED = 20_240_601L;

    @Param({"handwritten", "netty", "vertx"})
    public String decoder;

    @Param({"line", "length"})
    public String framing;

    @Param({"fragmented", "coalesced"})
    public String stream;

    private byte[][] reads;
    private ReadDecoder readDecoder;

    @Setup
    public void setUp(final Blackhole blackhole)
    {
        setUp(blackhole::consume);
    }

    /** The setup with any sink: the unit test passes one that keeps the payloads. */
    void setUp(final FrameSink<Object> sink)
    {
        final Framing f = Framing.fromCliName(framing);
        reads = ByteStream.generate(f, StreamShape.fromParamName(stream), SEED).reads();
        readDecoder = DecoderKind.fromParamName(decoder).create(f, ServerConfig.DEFAULT_MAX_FRAME, sink);
    }

    @Benchmark
    public void decode() throws Exception
    {
        for (final byte[] read : reads)
        {
            readDecoder.read(read);
        }
    }
}
