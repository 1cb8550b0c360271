package io.ioarena.microbench.roundtrip;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every server the round-trip benchmark names starts in-process and echoes its frame exactly (echo checks it). */
class RoundTripBenchmarkTest
{
    static Stream<String> servers() throws NoSuchFieldException
    {
        return Arrays.stream(RoundTripBenchmark.class.getField("server").getAnnotation(Param.class).value());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void echoesEveryRoundTrip(final String server) throws Exception
    {
        // As in the servers' own tests, a native transport this machine cannot load is skipped, with the cause.
        assumeTrue(!server.endsWith("-epoll") || Epoll.isAvailable(), () -> "epoll: " + Epoll.unavailabilityCause());
        assumeTrue(!server.endsWith("-io_uring") || IoUring.isAvailable(),
            () -> "io_uring: " + IoUring.unavailabilityCause());
        final RoundTripBenchmark benchmark = new RoundTripBenchmark();
        benchmark.server = server;
        try
        {
            benchmark.start();
            for (int i = 0; i < 3; i++)
            {
                benchmark.echo(); // throws unless the whole 65-byte frame came back unchanged
            }
        }
        finally
        {
            benchmark.stop();
        }
    }

    @Test
    void variantNamesSplitIntoProviderAndOptionValue()
    {
        assertEquals(new ServerVariant("netty", "io_uring"), ServerVariant.parse("netty-io_uring"));
        assertEquals(new ServerVariant("vthreads", "platform"), ServerVariant.parse("vthreads-platform"));
        assertNull(ServerVariant.parse("selector").optionValue());
    }

    @Test
    void anUnknownProviderFailsWithTheNamesThatExist()
    {
        final Exception e = assertThrows(IllegalStateException.class,
            () -> ServerVariant.parse("nosuch-nio").launch(List.of()));
        assertTrue(e.getMessage().contains("no server provider named 'nosuch'"), e.getMessage());
    }
}
