package io.ioarena.load;

import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The reporter's intervals and totals (its thread never started: the test collects, on its own clock). */
class IntervalReporterTest
{
    private static final long MS = 1_000_000;

    @Test
    void theCompensatedTagIsTheLatencyCorrectedForTheExpectedInterval() throws InterruptedException
    {
        final ThreadRecorders a = new ThreadRecorders(EnumSet.allOf(Tag.class));
        final ThreadRecorders b = new ThreadRecorders(EnumSet.allOf(Tag.class));
        // Nine quick answers and one that took 10 ms, on a slot expected to cycle every 2 ms: the slow one stands
        // for the four sends it held up, which would have waited 8, 6, 4 and 2 ms.
        for (int i = 0; i < 9; i++)
        {
            (i % 2 == 0 ? a : b).record(Tag.LATENCY, MS / 2);
        }
        b.record(Tag.LATENCY, 10 * MS);
        final IntervalReporter reporter = new IntervalReporter(List.of(a, b), List.of(Tag.LATENCY, Tag.COMPENSATED),
            () -> 5_000 * MS, 4_000 * MS, 1_700_000_000_000L, null, 2 * MS);
        final Map<Tag, Histogram> totals = reporter.stop();

        assertEquals(10, totals.get(Tag.LATENCY).getTotalCount(), "the latency itself stays uncorrected");
        final Histogram compensated = totals.get(Tag.COMPENSATED);
        assertEquals(14, compensated.getTotalCount());
        assertEquals(9, compensated.getCountAtValue(MS / 2));
        for (final long v : new long[] {2 * MS, 4 * MS, 6 * MS, 8 * MS, 10 * MS})
        {
            assertEquals(1, compensated.getCountBetweenValues(v - MS / 100, v + MS / 100), v + " ns");
        }
    }

    @Test
    void intervalsAreWrittenAtTheEndInTheirOrderEachWithItsOwnValues() throws InterruptedException
    {
        final ThreadRecorders a = new ThreadRecorders(EnumSet.of(Tag.LATENCY));
        final ThreadRecorders b = new ThreadRecorders(EnumSet.of(Tag.LATENCY));
        final long origin = 4_000 * MS;
        final long originEpochMs = 1_700_000_000_000L;
        final long[] now = {origin};
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        final HistogramLogWriter header = new HistogramLogWriter(out);
        header.setBaseTime(originEpochMs);
        header.outputBaseTime(originEpochMs);
        final int headerLength = bytes.size();
        final IntervalReporter reporter = new IntervalReporter(List.of(a, b), List.of(Tag.LATENCY), () -> now[0],
            origin, originEpochMs, new IntervalLog(header, out), 0);

        a.record(Tag.LATENCY, MS);
        b.record(Tag.LATENCY, 2 * MS);
        reporter.collect(origin + 1_000 * MS);
        out.flush();
        assertEquals(headerLength, bytes.size(), "nothing is written while the run goes on");
        a.record(Tag.LATENCY, 3 * MS);
        now[0] = origin + 1_500 * MS;
        reporter.stop();
        out.flush();

        final HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(bytes.toByteArray()));
        final Histogram first = (Histogram)reader.nextIntervalHistogram();
        assertEquals(2, first.getTotalCount(), "both threads' values of the first second");
        assertEquals(originEpochMs, first.getStartTimeStamp());
        assertEquals(originEpochMs + 1_000, first.getEndTimeStamp());
        final Histogram second = (Histogram)reader.nextIntervalHistogram();
        assertEquals(1, second.getTotalCount());
        assertEquals(3 * MS, second.getMaxValue(), MS / 100.0);
        assertEquals(originEpochMs + 1_500, second.getEndTimeStamp());
        assertNull(reader.nextIntervalHistogram());
    }
}
