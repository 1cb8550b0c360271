package io.ioarena.harness.results;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A point's interval log ({@code latency.hlog}, the load client's histograms of each interval, by tag), read for the
 * intervals of some tags: the one walk over it that the soak's p99 series, the report's timeline and its spectra
 * share.
 */
public final class IntervalLogReader
{
    /** The file in a point's folder. */
    public static final String FILE = "latency.hlog";

    private IntervalLogReader()
    {
    }

    /**
     * Hands {@code each} every interval of {@code hlog} whose tag is one of {@code tags}, in the log's order; nothing
     * when there is no such file.
     */
    public static void forEach(final Path hlog, final Set<String> tags, final Consumer<Histogram> each)
        throws IOException
    {
        if (!Files.isRegularFile(hlog))
        {
            return;
        }
        final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        try
        {
            EncodableHistogram e;
            while ((e = reader.nextIntervalHistogram()) != null)
            {
                // an untagged interval is no tag's (Set.of rejects a null lookup); the client logs integer
                // histograms only, so a DoubleHistogram would be another tool's
                if (e.getTag() != null && tags.contains(e.getTag()) && e instanceof Histogram h)
                {
                    each.accept(h);
                }
            }
        }
        finally
        {
            reader.close();
        }
    }
}
