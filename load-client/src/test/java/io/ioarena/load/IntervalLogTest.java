package io.ioarena.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The client's own interval lines are HdrHistogram's: its reader gets back what was written, its writer's text. */
class IntervalLogTest
{
    private static final long BASE_MS = 1_796_400_000_123L;

    @Test
    void hdrHistogramsReaderGetsBackEveryIntervalWithItsTagAndTimes()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final Histogram[] written = new Histogram[3];
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        final HistogramLogWriter header = new HistogramLogWriter(out);
        header.outputLogFormatVersion();
        header.setBaseTime(BASE_MS);
        header.outputBaseTime(BASE_MS);
        header.outputLegend();
        try (IntervalLog log = new IntervalLog(header, out))
        {
            for (int i = 0; i < written.length; i++)
            {
                // presized like the reporter's, with values over nine orders of magnitude
                final Histogram h = ThreadRecorders.presized();
                for (int n = 0; n < 5_000; n++)
                {
                    h.recordValue((long)Math.pow(10, random.nextDouble(2, 11)));
                }
                h.setStartTimeStamp(BASE_MS + i * 1000L);
                h.setEndTimeStamp(BASE_MS + (i + 1) * 1000L + 1);
                h.setTag(i == 1 ? null : "latency");
                log.write(h);
                written[i] = h;
            }
        }

        final HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(bytes.toByteArray()));
        for (final Histogram h : written)
        {
            final Histogram read = (Histogram)reader.nextIntervalHistogram();
            assertEquals(h, read, "the same counts");
            assertEquals(h.getTag(), read.getTag());
            // the reader adds seconds as doubles: a millisecond either way
            assertEquals(h.getStartTimeStamp(), read.getStartTimeStamp(), 1.0);
            assertEquals(h.getEndTimeStamp(), read.getEndTimeStamp(), 1.0);
        }
        assertNull(reader.nextIntervalHistogram());
    }

    @Test
    void aLineIsWhatHdrHistogramsWriterPrintsApartFromTheCompressedBytes()
    {
        final Histogram h = new Histogram(3);
        h.recordValue(12_345_678);
        h.setStartTimeStamp(BASE_MS + 2_005);
        h.setEndTimeStamp(BASE_MS + 3_010);
        h.setTag("sendlag");
        final String ours = lineOf(h, false);
        final String theirs = lineOf(h, true);
        assertEquals(prefix(theirs), prefix(ours));
        // the max is the value's highest equivalent at 3 digits: 12,353,535 ns
        assertEquals("Tag=sendlag,2.005,1.005,12.354,", prefix(ours));
    }

    @Test
    void thousandthsAreWrittenAsFormatterWritesThem()
    {
        for (final long t : new long[] {0, 5, 42, 999, 1000, 1001, 1234, 60_000, 3_600_000_001L, -5, -1234})
        {
            assertEquals(String.format(Locale.US, "%.3f", t / 1000.0),
                IntervalLog.appendThousandths(new StringBuilder(), t).toString(), t + " thousandths");
        }
    }

    /** The interval line written for {@code h} by HdrHistogram's writer or by ours. */
    private static String lineOf(final Histogram h, final boolean hdrHistograms)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        final HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.setBaseTime(BASE_MS);
        if (hdrHistograms)
        {
            writer.outputIntervalHistogram(h);
            writer.close();
        }
        else
        {
            try (IntervalLog log = new IntervalLog(writer, out))
            {
                log.write(h);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The line up to its base64 histogram. */
    private static String prefix(final String line)
    {
        return line.substring(0, line.indexOf("HISTF"));
    }
}
