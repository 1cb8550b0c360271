package io.ioarena.load;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Merging N instance logs of one synthetic dataset gives, tag by tag and interval by interval, exactly (bucket for
 * bucket) the histogram that one instance recording everything would have written.
 */
class MergeTest
{
    private static final long ORIGIN_MS = 1_790_000_000_000L;
    private static final int INSTANCES = 3;
    private static final int INTERVALS = 6;
    private static final List<String> TAGS = List.of("latency", "service", "sendlag");

    @Test
    void mergedLogsEqualTheCombinedHistogramBucketForBucket(@TempDir final Path dir) throws Exception
    {
        final Map<String, TreeMap<Long, Histogram>> combined = new TreeMap<>();
        final List<Path> logs = writeInstanceLogs(dir, INSTANCES, combined);

        final HlogMerge merge = new HlogMerge(1000);
        for (final Path log : logs)
        {
            merge.add(log);
        }
        assertEquals(List.of(), merge.flags());
        assertEquals(TAGS.stream().sorted().toList(), merge.tags());
        for (final String tag : TAGS)
        {
            final Map<Long, Histogram> merged = merge.intervals(tag);
            assertEquals(combined.get(tag).keySet(), merged.keySet(), "interval starts of " + tag);
            final Histogram total = new Histogram(3);
            for (final Map.Entry<Long, Histogram> e : combined.get(tag).entrySet())
            {
                // Histogram.equals compares every bucket's count (and the value range), not a summary.
                assertEquals(e.getValue(), merged.get(e.getKey()), tag + " interval at " + e.getKey());
                total.add(e.getValue());
            }
            assertEquals(total, merge.total(tag));
        }

        // The merged log is itself a valid interval log that reads back to the same sums.
        final Path mergedLog = dir.resolve("merged.hlog");
        merge.writeLog(mergedLog, "test");
        final HlogMerge reread = new HlogMerge(1000);
        reread.add(mergedLog);
        for (final String tag : TAGS)
        {
            assertEquals(merge.total(tag), reread.total(tag));
        }
    }

    @Test
    void aMissingOrRepeatedInstanceMakesTheMergeInvalid(@TempDir final Path dir) throws Exception
    {
        final List<Path> logs = writeInstanceLogs(dir, INSTANCES, new TreeMap<>());
        final HlogMerge missing = new HlogMerge(1000);
        missing.add(logs.get(0));
        missing.add(logs.get(2));
        assertTrue(missing.flags().contains("MISSING_INSTANCE"), missing.flags().toString());

        final HlogMerge twice = new HlogMerge(1000);
        for (final Path log : List.of(logs.get(0), logs.get(1), logs.get(1), logs.get(2)))
        {
            twice.add(log);
        }
        assertTrue(twice.flags().contains("DUPLICATE_INSTANCE"), twice.flags().toString());
    }

    /**
     * Spreads one random dataset over the instances (each sample to a random instance) and writes each instance's
     * log the way a run does; fills {@code combined} with what a single recorder would have held per interval.
     */
    private static List<Path> writeInstanceLogs(final Path dir, final int instances,
        final Map<String, TreeMap<Long, Histogram>> combined) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(11);
        final List<Path> logs = new ArrayList<>();
        final List<IntervalLog> writers = new ArrayList<>();
        final List<ResultFiles> files = new ArrayList<>();
        for (int i = 0; i < instances; i++)
        {
            final LoadConfig.Builder b = LoadConfig.builder(1);
            b.connections = instances;
            b.instanceCount = instances;
            b.instanceIndex = i;
            final ResultFiles f = new ResultFiles(dir.resolve("instance-" + i));
            files.add(f);
            writers.add(f.openLog(b.build(), ORIGIN_MS));
            logs.add(dir.resolve("instance-" + i).resolve(ResultFiles.LOG));
        }
        for (int k = 0; k < INTERVALS; k++)
        {
            final long start = ORIGIN_MS + k * 1000L;
            for (final String tag : TAGS)
            {
                final Histogram all = new Histogram(3);
                final List<Histogram> parts = new ArrayList<>();
                for (int i = 0; i < instances; i++)
                {
                    parts.add(new Histogram(3));
                }
                for (int n = 0; n < 1_000; n++)
                {
                    // Values over nine orders of magnitude, so many buckets and sub-bucket ranges are exercised.
                    final long value = (long)Math.pow(10, random.nextDouble(2, 11));
                    all.recordValue(value);
                    parts.get(random.nextInt(instances)).recordValue(value);
                }
                all.setStartTimeStamp(start);
                all.setEndTimeStamp(start + 1000);
                combined.computeIfAbsent(tag, t -> new TreeMap<>()).put(start, all);
                for (int i = 0; i < instances; i++)
                {
                    final Histogram part = parts.get(i);
                    // Instances' interval boundaries differ by a few ms; merging aligns them on the interval.
                    part.setStartTimeStamp(start + i);
                    part.setEndTimeStamp(start + 1000 + i);
                    part.setTag(tag);
                    writers.get(i).write(part);
                }
            }
        }
        for (int i = 0; i < instances; i++)
        {
            files.get(i).closeLog(writers.get(i));
        }
        return logs;
    }
}
