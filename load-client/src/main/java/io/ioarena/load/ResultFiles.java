package io.ioarena.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ioarena.contract.ChurnSummary;
import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The files of a run in its output directory, each written to a temporary name and renamed into place, so a reader
 * never sees half a file: {@code latency.hlog} (every tag, 1 s intervals), {@code latency.hgrm} (and
 * {@code delivery.hgrm} for chat) and {@code summary.json}.
 */
public final class ResultFiles
{
    public static final String LOG = "latency.hlog";
    /** Percentile distribution ticks per half distance, and ns to ms: wrk2's and HistogramLogProcessor's defaults. */
    static final int TICKS_PER_HALF_DISTANCE = 5;
    static final double NANOS_PER_MS = 1e6;

    /** One line: a log comment must not span lines. */
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

    private final Path dir;

    public ResultFiles(final Path dir) throws IOException
    {
        this.dir = Files.createDirectories(dir);
    }

    /**
     * Opens the interval log under a temporary name and writes its header: a comment naming the tool, instance and
     * configuration, the format version, StartTime = BaseTime = the run's origin, and the legend.
     */
    public IntervalLog openLog(final LoadConfig config, final long originEpochMs) throws IOException
    {
        final PrintStream out = new PrintStream(new BufferedOutputStream(Files.newOutputStream(tempOf(LOG))), false,
            StandardCharsets.UTF_8);
        final HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.outputComment(LogHeader.comment(config.instanceIndex(), config.instanceCount(),
            JSON_LINE.writeValueAsString(config.toMap())));
        writer.outputLogFormatVersion();
        writer.outputStartTime(originEpochMs);
        writer.setBaseTime(originEpochMs);
        writer.outputBaseTime(originEpochMs);
        writer.outputLegend();
        return new IntervalLog(writer, out);
    }

    /** Closes the interval log and moves it into place. */
    public void closeLog(final IntervalLog log) throws IOException
    {
        log.close();
        Files.move(tempOf(LOG), dir.resolve(LOG), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void writeSummary(final ClientSummary summary) throws IOException
    {
        write(ClientSummary.FILE, ContractJson.bytes(summary));
    }

    public void writeChurn(final ChurnSummary summary) throws IOException
    {
        write(ChurnSummary.FILE, ContractJson.bytes(summary));
    }

    public void writeJson(final String name, final Map<String, Object> content) throws IOException
    {
        write(name, ContractJson.bytes(content));
    }

    /** {@code <tag>.hgrm}: the classic percentile distribution in milliseconds, as HistogramLogProcessor writes it. */
    public void writeDistribution(final String tag, final Histogram histogram) throws IOException
    {
        write(tag + ".hgrm", distribution(histogram).getBytes(StandardCharsets.UTF_8));
    }

    static String distribution(final Histogram histogram)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(out, TICKS_PER_HALF_DISTANCE, NANOS_PER_MS);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void write(final String name, final byte[] content) throws IOException
    {
        final Path temp = tempOf(name);
        Files.write(temp, content);
        Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path tempOf(final String name)
    {
        return dir.resolve("." + name + ".tmp");
    }
}
