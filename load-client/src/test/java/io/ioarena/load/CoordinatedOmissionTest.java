package io.ioarena.load;

import io.ioarena.contract.Tag;
import io.ioarena.contract.Units;
import io.ioarena.protocol.Framing;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The known answer for coordinated omission: a server that stalls for 1 s during a 20 s run
 * at 1,000 msg/s. About 1,000 messages are due during the stall; measured from their intended send times they wait
 * 0..1 s, so they are ~5% of the 20,000 samples and the response-time p99 is at least 0.7 s. A client that timed
 * from the actual write would see almost nothing: the stall fills the (deliberately small) socket buffers within a
 * few messages, the others wait in the client's plan, unwritten, and go out when the server reads again, so the
 * service time (actual write to answer) stays small. (With 1 KiB messages and 4 KiB socket buffers only about a
 * dozen messages fit in the kernel during the stall; those few have a large service time, well under 1%.) This is the one real-time test of the module (~22 s).
 */
class CoordinatedOmissionTest
{
    private static final long MS = 1_000_000;

    @Test
    void aOneSecondStallShowsInResponseTimeButNotInServiceTime() throws Exception
    {
        final int smallBuffer = 4096;
        try (FaultyServer server = new FaultyServer(Framing.LINE, false,
            FaultyServer.Faults.none().stall(5_000, 1_000, smallBuffer)))
        {
            final LoadConfig.Builder b = LoadConfig.builder(server.port());
            b.rate = 1000;
            b.connections = 1;
            b.warmupNanos = 0;
            b.durationNanos = 20_000 * MS;
            b.drainTimeoutNanos = 3_000 * MS;
            b.socketBuffer = smallBuffer;
            // 1 KiB messages: the small kernel buffers then hold only a dozen of them during the stall.
            b.size = 1024;
            final RunResult r = new LoadRun(b.build(), NanoClock.SYSTEM).run(null);

            final Histogram latency = r.histogram(Tag.LATENCY);
            final Histogram service = r.histogram(Tag.SERVICE);
            System.out.printf("CO known answer: latency p50 %s p99 %s max %s; service p50 %s p99 %s max %s; "
                    + "send lag p99 %s; flags %s; generator %s%n",
                Units.formatNanos(latency.getValueAtPercentile(50)), Units.formatNanos(latency.getValueAtPercentile(99)),
                Units.formatNanos(latency.getMaxValue()), Units.formatNanos(service.getValueAtPercentile(50)),
                Units.formatNanos(service.getValueAtPercentile(99)), Units.formatNanos(service.getMaxValue()),
                Units.formatNanos(r.histogram(Tag.SENDLAG).getValueAtPercentile(99)), r.flags(), r.generator());

            assertEquals(20_000, r.stats().received, "every message of the plan answered");
            assertEquals(20_000, latency.getTotalCount());
            assertEquals(0, r.stats().lost + r.stats().corrupted + r.stats().reordered + r.stats().unanswered);
            assertTrue(latency.getValueAtPercentile(99) >= 700 * MS, "response-time p99 shows the stall");
            final double delayedShare = 1.0 - latency.getPercentileAtOrBelowValue(500 * MS) / 100.0;
            assertTrue(delayedShare >= 0.02, "at least 2% of samples >= 0.5 s, got " + delayedShare);
            assertTrue(latency.getMaxValue() >= 900 * MS, "the first message due in the stall waited it out");
            assertTrue(service.getValueAtPercentile(99) < 100 * MS, "service-time p99 stays small (measured ~25 ms)");
            // The plan queued during the stall, it did not skip: the generator lagged and the flags say so.
            assertTrue(r.flags().contains("SEND_LAG"), r.flags().toString());
        }
    }
}
