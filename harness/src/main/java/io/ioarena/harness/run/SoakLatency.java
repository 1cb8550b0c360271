package io.ioarena.harness.run;

import io.ioarena.contract.Tag;
import io.ioarena.harness.results.SoakRecord.Drift;
import io.ioarena.harness.results.SoakRecord.Reading;
import io.ioarena.harness.results.IntervalLogReader;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A soak point's latency over time, from the client's interval log ({@code latency.hlog}, 1 s intervals): the p99
 * of each window of the series, and the p99 of the first and of the last third of the judged part, each over the
 * merged histogram of its intervals (a p99 of p99s would weigh a quiet second as much as a busy one).
 *
 * @param p99Ms the p99 of each window, in ms, at the window's start in minutes from the start of the measured window.
 * @param drift the first and last third's p99.
 */
record SoakLatency(List<Reading> p99Ms, Drift drift)
{
    /**
     * Reads {@code hlog}'s intervals of {@code tag} from {@code fromMs} to {@code toMs} (the measured window, epoch
     * ms); the thirds are of the part from {@code judgedFromMs} on. An interval belongs where it starts.
     */
    static SoakLatency read(final Path hlog, final Tag tag, final long fromMs, final long toMs,
        final long judgedFromMs, final long windowMs) throws IOException
    {
        final TreeMap<Long, Histogram> windows = new TreeMap<>();
        final Histogram first = new Histogram(3);
        final Histogram last = new Histogram(3);
        final long third = Math.max(1, (toMs - judgedFromMs) / 3);
        IntervalLogReader.forEach(hlog, Set.of(tag.tag()), h ->
        {
            final long at = h.getStartTimeStamp();
            if (at < fromMs || at >= toMs)
            {
                return;
            }
            windows.computeIfAbsent((at - fromMs) / windowMs, k -> new Histogram(3)).add(h);
            if (at >= judgedFromMs && at < judgedFromMs + third)
            {
                first.add(h);
            }
            else if (at >= toMs - third)
            {
                last.add(h);
            }
        });
        final List<Reading> p99 = new ArrayList<>();
        windows.forEach((k, h) -> p99.add(new Reading(k * windowMs / 60_000.0, h.getValueAtPercentile(99) / 1e6)));
        return new SoakLatency(p99, new Drift(p99Ms(first), p99Ms(last)));
    }

    private static double p99Ms(final Histogram h)
    {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1e6;
    }
}
