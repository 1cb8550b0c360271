package io.ioarena.harness.report;

import io.ioarena.contract.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointTimelineTest
{
    /** The synthetic fixture's points: a warm-up interval three times slower, then three measured seconds. */
    @Test
    void theWarmUpComesBeforeTheMeasuredSecondsAndShowsItsTail(@TempDir final Path tmp) throws Exception
    {
        final Path results = SyntheticResults.write(tmp.resolve("r"));
        final Path point;
        try (Stream<Path> points = Files.list(results.resolve(ResultsDir.POINTS)))
        {
            point = points.filter(p -> p.getFileName().toString().contains("echo-rate")).sorted().findFirst()
                .orElseThrow();
        }
        final PointTimeline t = PointTimeline.read(point, Tag.LATENCY, results.resolve("no-such-gc.log"));
        System.out.println(point.getFileName() + ": p99 " + t.p99Ms() + " rate " + t.rate() + " cpu " + t.cpuCores());
        assertEquals(4, t.p99Ms().size(), "the warm-up interval and three measured ones: " + t.p99Ms());
        final List<Long> seconds = List.copyOf(t.p99Ms().keySet());
        final double warmup = t.p99Ms().get(seconds.get(0));
        for (final long s : seconds.subList(1, seconds.size()))
        {
            assertTrue(s >= 0, "measured seconds start at the window: " + seconds);
            assertTrue(t.p99Ms().get(s) < warmup, "the warm-up's tail is the longest: " + t.p99Ms());
            assertTrue(t.rate().get(s) > 0, "throughput each second: " + t.rate());
        }
        assertTrue(t.pausesMs().isEmpty(), "no log, no pauses");
    }
}
