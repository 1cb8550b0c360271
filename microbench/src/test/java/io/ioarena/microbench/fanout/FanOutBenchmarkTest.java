package io.ioarena.microbench.fanout;

import io.ioarena.protocol.Framing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every sharing strategy hands every member exactly the framed delivery, however it shares it. */
class FanOutBenchmarkTest
{
    @ParameterizedTest
    @EnumSource(FrameSharing.class)
    void everyMemberGetsTheFramedDelivery(final FrameSharing sharing)
    {
        final FanOutBenchmark benchmark = benchmark(16, sharing);
        benchmark.setUp();
        benchmark.deliver();
        final byte[] expected = Framing.LINE.encode(benchmark.payload());
        for (int m = 0; m < 16; m++)
        {
            assertArrayEquals(expected, benchmark.socket(m).lastFrame(), sharing + ", member " + m);
        }
    }

    @ParameterizedTest
    @EnumSource(FrameSharing.class)
    void memberCountsMustDivideTheDeliveries(final FrameSharing sharing)
    {
        assertThrows(IllegalArgumentException.class, benchmark(24, sharing)::setUp);
    }

    private static FanOutBenchmark benchmark(final int members, final FrameSharing sharing)
    {
        final FanOutBenchmark benchmark = new FanOutBenchmark();
        benchmark.members = members;
        benchmark.frame = sharing;
        return benchmark;
    }
}
