package io.ioarena.harness.report;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.Tag;
import io.ioarena.harness.run.GcLog;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One point's run second by second, so a stall or a warm-up tail is seen, not guessed: the client's p99 and
 * throughput from its interval log (the warm-up's intervals too), the server's CPU from its /proc samples, and the
 * server JVM's stop-the-world pauses from its trial's log. Keys are whole seconds from the start of the measured
 * window (negative in the warm-up); a second holds the interval or sample that starts in it.
 *
 * @param p99Ms    the p99 of each second's interval, in ms (latency, or delivery for chat).
 * @param rate     answers per second in each interval (deliveries for chat).
 * @param cpuCores the server's CPU in each sampling interval, in cores.
 * @param pausesMs the longest stop-the-world pause in each second, in ms; seconds without one are absent.
 */
public record PointTimeline(SortedMap<Long, Double> p99Ms, SortedMap<Long, Double> rate,
    SortedMap<Long, Double> cpuCores, SortedMap<Long, Double> pausesMs)
{
    /**
     * Reads a point's folder. {@code tag} is what the point measured ({@link Tag#LATENCY} or {@link Tag#DELIVERY});
     * the warm-up's {@link Tag#WARMUP} intervals come too where the tag is latency. {@code gcLog} may be absent.
     */
    public static PointTimeline read(final Path pointDir, final Tag tag, final Path gcLog) throws IOException
    {
        final ClientSummary summary = ContractJson.read(pointDir.resolve(ClientSummary.FILE), ClientSummary.class);
        final long origin = summary.measuredFromEpochMs();
        final SortedMap<Long, Double> p99 = new TreeMap<>();
        final SortedMap<Long, Double> rate = new TreeMap<>();
        final Path hlog = pointDir.resolve("latency.hlog");
        if (Files.isRegularFile(hlog))
        {
            final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
            try
            {
                EncodableHistogram e;
                while ((e = reader.nextIntervalHistogram()) != null)
                {
                    final boolean measured = tag.tag().equals(e.getTag());
                    final boolean warmup = tag == Tag.LATENCY && Tag.WARMUP.tag().equals(e.getTag());
                    if ((measured || warmup) && e instanceof Histogram h && h.getTotalCount() > 0)
                    {
                        final long second = Math.floorDiv(h.getStartTimeStamp() - origin, 1000);
                        final double seconds = Math.max(1, h.getEndTimeStamp() - h.getStartTimeStamp()) / 1000.0;
                        p99.merge(second, h.getValueAtPercentile(99) / 1e6, Math::max);
                        rate.merge(second, h.getTotalCount() / seconds, Double::sum);
                    }
                }
            }
            finally
            {
                reader.close();
            }
        }
        final SortedMap<Long, Double> pauses = new TreeMap<>();
        if (gcLog != null && Files.isRegularFile(gcLog) && !p99.isEmpty())
        {
            final long from = origin + p99.firstKey() * 1000;
            final long to = origin + (p99.lastKey() + 1) * 1000;
            for (final GcLog.Pause p : GcLog.each(Files.readAllLines(gcLog), from, to))
            {
                pauses.merge(Math.floorDiv(p.epochMs() - origin, 1000), p.ms(), Math::max);
            }
        }
        return new PointTimeline(p99, rate, cpu(pointDir.resolve("server-samples.csv"), origin), pauses);
    }

    /** The server's CPU between consecutive samples, in cores, at the second the interval starts. */
    private static SortedMap<Long, Double> cpu(final Path samples, final long origin) throws IOException
    {
        final SortedMap<Long, Double> cores = new TreeMap<>();
        if (!Files.isRegularFile(samples))
        {
            return cores;
        }
        final List<String> lines = Files.readAllLines(samples);
        long lastMs = -1;
        double lastCpu = 0;
        for (final String line : lines.subList(Math.min(1, lines.size()), lines.size()))
        {
            final String[] f = line.split(",");
            final long ms = Long.parseLong(f[0]);
            final double cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
            if (lastMs >= 0 && ms > lastMs)
            {
                cores.put(Math.floorDiv(lastMs - origin, 1000), (cpu - lastCpu) * 1000 / (ms - lastMs));
            }
            lastMs = ms;
            lastCpu = cpu;
        }
        return cores;
    }
}
