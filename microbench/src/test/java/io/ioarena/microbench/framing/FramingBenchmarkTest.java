package io.ioarena.microbench.framing;

import io.ioarena.protocol.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every parameter combination of {@link FramingBenchmark}, set up as JMH sets it up, decodes exactly its stream. */
class FramingBenchmarkTest
{
    static Stream<Arguments> combinations()
    {
        final List<Arguments> all = new ArrayList<>();
        for (final DecoderKind decoder : DecoderKind.values())
        {
            for (final Framing framing : List.of(Framing.LINE, Framing.LENGTH))
            {
                for (final StreamShape shape : StreamShape.values())
                {
                    all.add(Arguments.of(decoder.paramName(), framing.cliName(), shape.paramName()));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("combinations")
    void everyInvocationDecodesEveryPayloadExactly(final String decoder, final String framing, final String stream)
        throws Exception
    {
        final FramingBenchmark benchmark = new FramingBenchmark();
        benchmark.decoder = decoder;
        benchmark.framing = framing;
        benchmark.stream = stream;
        final List<byte[]> decoded = new ArrayList<>();
        benchmark.setUp(payload -> decoded.add(bytesOf(payload)));

        final List<byte[]> expected = ByteStream.generate(
            Framing.fromCliName(framing), StreamShape.fromParamName(stream), FramingBenchmark.SEED).payloads();
        assertEquals(ByteStream.FRAMES, expected.size());
        for (int invocation = 1; invocation <= 3; invocation++)
        {
            decoded.clear();
            benchmark.decode();
            assertEquals(ByteStream.FRAMES, decoded.size(), "frames decoded in invocation " + invocation);
            for (int i = 0; i < expected.size(); i++)
            {
                assertArrayEquals(expected.get(i), decoded.get(i), "payload " + i + " of invocation " + invocation);
            }
        }
    }

    /** A copy of the payload in each implementation's own type. */
    private static byte[] bytesOf(final Object payload)
    {
        return switch (payload)
        {
            case ByteBuffer buffer ->
            {
                final byte[] bytes = new byte[buffer.remaining()];
                buffer.duplicate().get(bytes);
                yield bytes;
            }
            case ByteBuf buf -> ByteBufUtil.getBytes(buf);
            case Buffer buffer -> buffer.getBytes();
            default -> throw new AssertionError("unexpected payload type " + payload.getClass());
        };
    }
}
