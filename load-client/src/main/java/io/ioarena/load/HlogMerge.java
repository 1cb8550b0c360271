package io.ioarena.load;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Adds the interval logs of several instances into one: per tag, interval by interval, the histograms whose start
 * times fall in the same interval (start time rounded to the interval length, so instances started with a common
 * {@code --start-at} line up exactly) are added bucket by bucket. Percentiles are computed from the sums, never
 * averaged. The inputs must be the complete set of one run's instances (indices 0..N-1, each once), or the merged
 * result is flagged.
 */
public final class HlogMerge
{
    private final long intervalMs;
    /** Per tag, per interval start (ms since the epoch), the summed interval histogram. */
    private final Map<String, TreeMap<Long, Histogram>> intervals = new TreeMap<>();
    private final List<String> flags = new ArrayList<>();
    private final TreeSet<Integer> instances = new TreeSet<>();
    private int instanceCount = -1;
    private long startMs = Long.MAX_VALUE;

    public HlogMerge(final long intervalMs)
    {
        this.intervalMs = intervalMs;
    }

    /** Adds every interval of one log. */
    public void add(final Path log) throws IOException
    {
        checkInstance(log);
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile()))
        {
            EncodableHistogram e;
            while ((e = reader.nextIntervalHistogram()) != null)
            {
                if (!(e instanceof Histogram h))
                {
                    throw new IOException(log + ": holds a " + e.getClass().getSimpleName()
                        + ", not an integer-valued Histogram");
                }
                final long key = Math.round((double)h.getStartTimeStamp() / intervalMs) * intervalMs;
                startMs = Math.min(startMs, key);
                final Histogram sum = intervals.computeIfAbsent(h.getTag() == null ? "" : h.getTag(),
                    t -> new TreeMap<>()).computeIfAbsent(key, k -> newSum(h.getTag(), k));
                sum.add(h);
                sum.setEndTimeStamp(Math.max(sum.getEndTimeStamp(), h.getEndTimeStamp()));
            }
        }
    }

    private static Histogram newSum(final String tag, final long startMs)
    {
        final Histogram sum = new Histogram(ThreadRecorders.SIGNIFICANT_DIGITS);
        sum.setTag(tag);
        sum.setStartTimeStamp(startMs);
        sum.setEndTimeStamp(startMs);
        return sum;
    }

    private void checkInstance(final Path log) throws IOException
    {
        final String first;
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8))
        {
            first = r.readLine();
        }
        final int[] instance = first == null ? null : LogHeader.instanceOf(first);
        if (instance == null)
        {
            addFlag("UNKNOWN_INSTANCE");
            return;
        }
        if (instanceCount >= 0 && instanceCount != instance[1])
        {
            addFlag("INSTANCE_COUNT_MISMATCH");
        }
        instanceCount = Math.max(instanceCount, instance[1]);
        if (!instances.add(instance[0]))
        {
            addFlag("DUPLICATE_INSTANCE");
        }
    }

    private void addFlag(final String flag)
    {
        if (!flags.contains(flag))
        {
            flags.add(flag);
        }
    }

    /** Merge flags: the inputs are not exactly instances 0..N-1 of one run. Empty means complete. */
    public List<String> flags()
    {
        final List<String> all = new ArrayList<>(flags);
        if (instanceCount >= 0 && instances.size() != instanceCount && !all.contains("MISSING_INSTANCE"))
        {
            all.add("MISSING_INSTANCE");
        }
        return all;
    }

    public List<String> tags()
    {
        return List.copyOf(intervals.keySet());
    }

    /** The summed interval histograms of {@code tag}, by interval start. */
    public Map<Long, Histogram> intervals(final String tag)
    {
        return intervals.getOrDefault(tag, new TreeMap<>());
    }

    /** The whole merged histogram of {@code tag}. */
    public Histogram total(final String tag)
    {
        final Histogram total = new Histogram(ThreadRecorders.SIGNIFICANT_DIGITS);
        intervals(tag).values().forEach(total::add);
        return total;
    }

    /** Writes the merged log (intervals in time order, tags in a fixed order within one interval). */
    public void writeLog(final Path file, final String comment) throws IOException
    {
        final TreeMap<Long, List<Histogram>> byTime = new TreeMap<>();
        intervals.forEach((tag, perInterval) -> perInterval.forEach((start, h) ->
            byTime.computeIfAbsent(start, k -> new ArrayList<>()).add(h)));
        final Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        final HistogramLogWriter writer = new HistogramLogWriter(temp.toFile());
        try
        {
            final long base = startMs == Long.MAX_VALUE ? 0 : startMs;
            writer.outputComment(comment);
            writer.outputLogFormatVersion();
            writer.outputStartTime(base);
            writer.setBaseTime(base);
            writer.outputBaseTime(base);
            writer.outputLegend();
            byTime.values().forEach(list -> list.forEach(writer::outputIntervalHistogram));
        }
        finally
        {
            writer.close();
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A summary of the merge: inputs, per-tag percentiles of the sums, flags. */
    public Map<String, Object> summary(final List<Path> inputs)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", LogHeader.TOOL);
        m.put("version", LogHeader.VERSION);
        m.put("merged", inputs.stream().map(Path::toString).toList());
        m.put("instances", List.copyOf(instances));
        m.put("instanceCount", instanceCount);
        final Map<String, Object> histograms = new LinkedHashMap<>();
        for (final String tag : tags())
        {
            @SuppressWarnings("unchecked")
            final Map<String, Object> p = ContractJson.mapper().convertValue(ClientSummary.Percentiles.of(total(tag)),
                LinkedHashMap.class);
            p.put("intervals", intervals(tag).size());
            histograms.put(tag, p);
        }
        m.put("histograms", histograms);
        m.put("flags", flags());
        m.put("valid", flags().isEmpty());
        return m;
    }
}
