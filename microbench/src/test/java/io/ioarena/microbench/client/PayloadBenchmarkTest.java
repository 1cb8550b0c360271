package io.ioarena.microbench.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The payload benchmark measures the real paths: messages it encodes have its size and it verifies a good one. */
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
            assertEquals(size, benchmark.encode().length);
            assertTrue(benchmark.verify(), "verify " + i);
        }
    }
}
