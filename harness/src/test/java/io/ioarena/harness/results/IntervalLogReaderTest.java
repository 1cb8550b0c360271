package io.ioarena.harness.results;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one walk over a point's interval log: the intervals of the tags asked for, in order, and none without a log. */
class IntervalLogReaderTest
{
    @TempDir
    Path tmp;

    @Test
    void handsOverTheIntervalsOfTheTagsAskedForInTheLogsOrder() throws IOException
    {
        final Path hlog = tmp.resolve(IntervalLogReader.FILE);
        try (PrintStream ps = new PrintStream(Files.newOutputStream(hlog), false, StandardCharsets.UTF_8))
        {
            final HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputLogFormatVersion();
            w.outputStartTime(1000);
            w.outputLegend();
            // absolute times (no base time); an untagged interval, then one of each tag a second apart
            final String[] tags = {null, "warmup", "latency", "service", "latency"};
            for (int i = 0; i < tags.length; i++)
            {
                final Histogram h = new Histogram(3);
                h.recordValue(1000 + i);
                h.setStartTimeStamp(1000 + i * 1000L);
                h.setEndTimeStamp(2000 + i * 1000L);
                h.setTag(tags[i]);
                w.outputIntervalHistogram(h);
            }
        }
        final List<String> seen = new ArrayList<>();
        IntervalLogReader.forEach(hlog, Set.of("latency", "warmup"), h -> seen.add(h.getTag() + "@" +
            h.getStartTimeStamp()));
        assertEquals(List.of("warmup@2000", "latency@3000", "latency@5000"), seen);

        final List<Histogram> none = new ArrayList<>();
        IntervalLogReader.forEach(tmp.resolve("absent.hlog"), Set.of("latency"), none::add);
        assertTrue(none.isEmpty(), "no log, no intervals");
    }
}
