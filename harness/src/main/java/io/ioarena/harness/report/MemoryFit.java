package io.ioarena.harness.report;

import io.ioarena.harness.results.LinearFit;
import io.ioarena.harness.results.MemoryReading;
import io.ioarena.harness.results.MemoryUse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a connection costs each server in a sweep that read memory ({@code memoryProbe}): per server, a line
 * through every measured repetition's reading, memory against the connections held, for each measure. The slope is
 * the cost per connection; R² says whether a line describes it.
 *
 * @param variant the server.
 * @param fits    by measure ({@link #MEASURES}' names), the fit in KB against connections; a measure the server
 *                does not have (a foreign server's heap), or with fewer than two connection counts, is absent.
 */
public record MemoryFit(String variant, Map<String, LinearFit> fits)
{
    /** The measures fitted, by the name the report shows, in its order. */
    public static final Map<String, Function<MemoryReading, Long>> MEASURES = measures();

    private static Map<String, Function<MemoryReading, Long>> measures()
    {
        final Map<String, Function<MemoryReading, Long>> m = new LinkedHashMap<>();
        m.put("heap", MemoryReading::heapUsedAfterGcBytes);
        m.put("native", MemoryReading::nmtNativeBytes);
        m.put("pss", MemoryReading::pssBytes);
        return m;
    }

    /** The fits of every server with memory readings in a sweep, in {@code variants}' order; empty without any. */
    public static List<MemoryFit> of(final ResultsDir results, final String sweep, final List<String> variants)
        throws IOException
    {
        final List<MemoryFit> out = new ArrayList<>();
        for (final String variant : variants)
        {
            final List<MemoryUse> uses = new ArrayList<>();
            for (final Run run : results.runs())
            {
                if (run.ok() && run.variant().equals(variant) && run.scenario().sweep().equals(sweep))
                {
                    MemoryUse.read(results.pointDir(run)).ifPresent(uses::add);
                }
            }
            final Map<String, LinearFit> fits = new LinkedHashMap<>();
            MEASURES.forEach((name, measure) -> fit(uses, measure).ifPresent(f -> fits.put(name, f)));
            if (!fits.isEmpty())
            {
                out.add(new MemoryFit(variant, fits));
            }
        }
        return out;
    }

    /** KB against connections over the readings that have the measure; none with fewer than two counts. */
    static Optional<LinearFit> fit(final List<MemoryUse> uses, final Function<MemoryReading, Long> measure)
    {
        final List<MemoryUse> with = uses.stream().filter(u -> measure.apply(u.during()) != null).toList();
        if (with.stream().map(MemoryUse::connections).distinct().count() < 2)
        {
            return Optional.empty();
        }
        final double[] x = with.stream().mapToDouble(MemoryUse::connections).toArray();
        final double[] y = with.stream().mapToDouble(u -> measure.apply(u.during()) / 1024.0).toArray();
        return Optional.of(LinearFit.of(x, y));
    }
}
