package io.ioarena.microbench.client;

import io.ioarena.load.Payload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The payload benchmark measures the real paths: the messages it encodes are intact, and it verifies a good one. */
class PayloadBenchmarkTest
{
    @ParameterizedTest
    @ValueSource(ints = {64, 1024})
    void encodesMessagesOfTheSizeAndVerifiesThem(final int size)
    {
        final PayloadBenchmark benchmark = new PayloadBenchmark();
        benchmark.size = size;
        benchmark.setUp();
        for (int i = 0; i < 3; i++)
        {
            final ByteBuffer sent = benchmark.encode();
            assertTrue(new Payload(size).decode(sent, 0, size), "encoded " + i);
            assertEquals(0, sent.position());
            assertTrue(benchmark.verify(), "verify " + i);
        }
    }
}
