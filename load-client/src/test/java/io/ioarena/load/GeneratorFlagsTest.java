package io.ioarena.load;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The generator's validity flags, from what the watchdogs saw (no run needed: the result is built by hand). */
class GeneratorFlagsTest
{
    private static final long MS = 1_000_000;

    @Test
    void aStallLongerThanTheThresholdFlagsTheRun()
    {
        assertEquals(List.of(), result(Mode.OPEN, 10 * MS, health(10 * MS)).flags(), "at the threshold: valid");
        assertEquals(List.of("GENERATOR_HICCUP"), result(Mode.OPEN, 10 * MS, health(10 * MS + 1)).flags());
        assertEquals(List.of("GENERATOR_HICCUP"), result(Mode.CLOSED, 10 * MS, health(10 * MS + 1)).flags(),
            "a stall distorts closed-loop service times too");
        assertEquals(List.of(), result(Mode.OPEN, 50 * MS, health(20 * MS)).flags(), "--hiccup-threshold 50ms");
    }

    static GeneratorHealth health(final long hiccupMaxNanos)
    {
        return new GeneratorHealth(hiccupMaxNanos);
    }

    /** A run of 1 s at 1,000 msg/s over 2 connections that got every answer: only the generator can flag it. */
    static RunResult result(final Mode mode, final long hiccupThresholdNanos, final GeneratorHealth generator)
    {
        final LoadConfig.Builder b = LoadConfig.builder(1);
        b.mode = mode;
        b.connections = 2;
        b.durationNanos = 1000 * MS;
        b.hiccupThresholdNanos = hiccupThresholdNanos;
        final Map<Tag, Histogram> histograms = new EnumMap<>(Tag.class);
        for (final Tag tag : Tag.values())
        {
            histograms.put(tag, new Histogram(ThreadRecorders.SIGNIFICANT_DIGITS));
        }
        final ThreadStats stats = new ThreadStats();
        stats.sent = 1000;
        stats.received = 1000;
        return new RunResult(b.build(), 0, 2000, histograms, stats, 2, false, generator);
    }
}
