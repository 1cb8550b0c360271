package io.ioarena.harness.report;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.Tag;
import io.ioarena.harness.results.IntervalLogReader;
import io.ioarena.harness.run.GcLog;
import io.ioarena.harness.run.ProcSample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
        // the warm-up's intervals too where the tag is latency, so the timeline shows the run's start
        IntervalLogReader.forEach(pointDir.resolve(IntervalLogReader.FILE), tag == Tag.LATENCY ? Set.of(tag.tag(),
            Tag.WARMUP.tag()) : Set.of(tag.tag()), h ->
        {
            if (h.getTotalCount() > 0)
            {
                final long second = Math.floorDiv(h.getStartTimeStamp() - origin, 1000);
                final double seconds = Math.max(1, h.getEndTimeStamp() - h.getStartTimeStamp()) / 1000.0;
                p99.merge(second, h.getValueAtPercentile(99) / 1e6, Math::max);
                rate.merge(second, h.getTotalCount() / seconds, Double::sum);
            }
        });
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
        final List<String> rows = Files.readAllLines(samples);
        ProcSample last = null;
        for (final String row : rows.subList(Math.min(1, rows.size()), rows.size()))
        {
            final ProcSample now = ProcSample.parse(row);
            if (last != null && now.epochMs() > last.epochMs())
            {
                cores.put(Math.floorDiv(last.epochMs() - origin, 1000),
                    (cpu(now) - cpu(last)) * 1000 / (now.epochMs() - last.epochMs()));
            }
            last = now;
        }
        return cores;
    }

    private static double cpu(final ProcSample s)
    {
        return s.cpuUserSeconds() + s.cpuSysSeconds();
    }
}
