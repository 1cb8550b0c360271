package io.ioarena.harness.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReaderTest
{
    @TempDir
    Path tmp;

    @Test
    void csvReadsQuotesCommasLineBreaksAndEmptyCells()
    {
        final CsvTable t = CsvTable.parse("a,b,c\r\n1,\"x, \"\"y\"\"\nz\",\n2,,3\n");
        assertEquals(List.of("a", "b", "c"), t.header());
        assertEquals(2, t.rows().size());
        assertEquals("x, \"y\"\nz", t.rows().get(0).get("b"));
        assertEquals("", t.rows().get(0).get("c"));
        assertEquals("3", t.rows().get(1).get("c"));
    }

    @Test
    void summaryRowsBecomePointsWithEstimatesAndUnknownColumnsAreIgnored() throws IOException
    {
        Files.writeString(tmp.resolve("summary.csv"), "variant,implementation,sweep,workload,framing,mode,connections," +
            "in_flight,rooms,message_size,rate_requested,repetitions,ok,failed,valid,ci_level,p99_us_median," +
            "p99_us_ci_low,p99_us_ci_high,some_future_column,flags,failure_reasons\n" +
            "netty-epoll,netty,echo-rate,echo,line,open,16,,,64,20000,3,3,0,false,0.75,120.5,110,130,x,SEND_LAG,\n");
        final ResultsDir r = ResultsDir.read(tmp);
        final PointStats p = r.points().get(0);
        assertEquals(new Scenario("echo-rate", "echo", "line", "open", 16, 0, 0, 64, 20000, 0), p.scenario());
        assertEquals(new Estimate(120.5, 110, 130), p.get(Metric.P99));
        assertFalse(p.get(Metric.THROUGHPUT).present());
        assertEquals(List.of("SEND_LAG"), p.flags());
        assertFalse(p.rankable());
        assertEquals("SEND_LAG", p.whyUnranked());
        assertEquals(List.of("netty-epoll"), r.variants());
    }

    @Test
    void aPointRankedOnItsValidRepetitionsSaysWhatItDropped() throws IOException
    {
        Files.writeString(tmp.resolve("summary.csv"), "variant,implementation,sweep,workload,framing,mode,connections," +
            "in_flight,rooms,message_size,rate_requested,repetitions,ok,failed,valid_repetitions,ranked,ci_level," +
            "flags,failure_reasons\n" +
            "selector,selector,echo-rate,echo,line,open,16,,,64,20000,5,5,0,3,true,0.75," +
            "SEND_LAG 14% of p99 (rep 2); CLIENT_STALL 0.6% (rep 4),\n" +
            "asyncore,asyncore,echo-rate,echo,line,open,16,,,64,20000,5,5,0,2,false,0.94," +
            "SEND_LAG 12% of p99 (rep 1),\n");
        final List<PointStats> points = ResultsDir.read(tmp).points();
        final PointStats ranked = points.get(0);
        assertTrue(ranked.rankable());
        assertEquals("", ranked.whyUnranked());
        assertEquals(2, ranked.dropped());
        assertEquals("SEND_LAG 14% of p99 (rep 2); CLIENT_STALL 0.6% (rep 4)", ranked.dropReasons());
        assertFalse(points.get(1).rankable(), "the summary's ranked decides, not the flags");
        assertEquals("SEND_LAG 12% of p99 (rep 1)", points.get(1).whyUnranked());
    }

    @Test
    void notAResultsFolder()
    {
        final IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> ResultsDir.read(tmp));
        assertTrue(e.getMessage().contains("not a results folder"), e.getMessage());
    }

    @Test
    void spectrumMergesOnlyTheRequestedTagOfEveryLog() throws IOException
    {
        final Path a = log(tmp.resolve("a.hlog"), Map.of("latency", 1_000_000L, "warmup", 900_000_000L));
        final Path b = log(tmp.resolve("b.hlog"), Map.of("latency", 3_000_000L, "service", 5L));
        final Histogram h = Spectrum.merge(List.of(a, b), "latency");
        assertEquals(2000, h.getTotalCount(), "two intervals of 1000 latency values; warmup and service left out");
        assertEquals(3.0, h.getMaxValue() / 1e6, 0.01);
        final Spectrum s = Spectrum.of(h);
        assertEquals(1.0, s.valueAt(1), 0.01, "0%: the low value (ms)");
        assertEquals(3.0, s.valueAt(10), 0.01, "90% is among the high values");
        assertTrue(Double.isNaN(s.valueAt(1e5)), "past the data");
    }

    @Test
    void spectrumFromAnHgrmFile() throws IOException
    {
        final Histogram h = new Histogram(3);
        for (int i = 1; i <= 10_000; i++)
        {
            h.recordValue(i * 1000L);
        }
        final Path hgrm = tmp.resolve("latency.hgrm");
        try (PrintStream ps = new PrintStream(Files.newOutputStream(hgrm), true, StandardCharsets.UTF_8))
        {
            h.outputPercentileDistribution(ps, 5, 1e6);
        }
        final Spectrum s = Spectrum.ofHgrm(hgrm);
        assertEquals(10_000, s.count());
        assertEquals(9.9, s.valueAt(100), 0.1, "p99 of 1..10 ms is 9.9 ms");
        assertEquals(5.0, s.valueAt(2), 0.05, "p50");
    }

    @Test
    void gridIsEvenInNines()
    {
        final double[] g = Spectrum.grid(50_000);
        assertEquals(1, g[0], 1e-12);
        assertEquals(10, g[Spectrum.STEPS_PER_DECADE], 1e-9);
        assertEquals(1e5, g[g.length - 1], 1e-6);
    }

    @Test
    void formatsForPeople()
    {
        assertEquals("85.2 µs", Fmt.micros(85.24));
        assertEquals("1.23 ms", Fmt.micros(1234));
        assertEquals("20.0k", Fmt.count(20_000));
        assertEquals("950", Fmt.count(950));
        assertEquals("1.18×", Fmt.ratio(1.18));
        assertEquals("+12.0%", Fmt.change(1.12));
        assertEquals("points/a%20b/x.hlog", Html.href("points/a b/x.hlog"));
        assertEquals("&lt;b&gt; &amp; &quot;", Html.esc("<b> & \""));
    }

    private static Path log(final Path file, final Map<String, Long> valueByTag) throws IOException
    {
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            final HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputLogFormatVersion();
            w.outputStartTime(1000);
            w.setBaseTime(1000);
            w.outputLegend();
            for (final Map.Entry<String, Long> e : valueByTag.entrySet())
            {
                final Histogram h = new Histogram(3);
                h.recordValueWithCount(e.getValue(), 1000);
                h.setStartTimeStamp(1000);
                h.setEndTimeStamp(2000);
                h.setTag(e.getKey());
                w.outputIntervalHistogram(h);
            }
        }
        return file;
    }
}
