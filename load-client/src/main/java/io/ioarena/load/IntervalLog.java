package io.ioarena.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.Closeable;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.Deflater;

/**
 * The interval log a run writes while it runs ({@code latency.hlog}): HdrHistogram's log format, read by its own
 * tools. The header is written by HdrHistogram's {@link HistogramLogWriter}; the interval lines are written here, in
 * that writer's line format and HdrHistogram's compressed encoding, because its own interval lines cost what the
 * reporter must not (it shares the client's CPU with the I/O threads: see {@link IntervalReporter}). Per histogram,
 * HdrHistogram compresses at {@link Deflater#BEST_COMPRESSION} with a new {@link Deflater} (a fresh 256 KB of zlib
 * state to fault in) into a fresh buffer: 1.4-3.4 ms of CPU each on this project's VMs. Here one deflater at
 * {@link Deflater#BEST_SPEED} and two buffers serve every line. Only the compression level differs from HdrHistogram's
 * own lines, and any reader decodes either.
 */
public final class IntervalLog implements Closeable
{
    private final HistogramLogWriter header;
    private final PrintStream out;
    private final long baseTimeMs;
    /** HdrHistogram's cookie of a compressed histogram, read off its own encoder so that it cannot drift. */
    private static final int COMPRESSED_COOKIE = compressedCookie();
    private static final int COMPRESSED_HEADER = 8;

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private ByteBuffer plain = ByteBuffer.allocate(0);
    private ByteBuffer packed = ByteBuffer.allocate(0);
    private final StringBuilder line = new StringBuilder(4096);

    /**
     * @param header     the writer that wrote the header to {@code out} (its base time is the lines' time zero)
     * @param out        the log's stream
     */
    public IntervalLog(final HistogramLogWriter header, final PrintStream out)
    {
        this.header = header;
        this.out = out;
        this.baseTimeMs = header.getBaseTime();
    }

    /**
     * Writes one interval line: {@code Tag=<tag>,<start s>,<length s>,<max ms>,<base64 histogram>}, times relative
     * to the base time, as {@link HistogramLogWriter#outputIntervalHistogram(org.HdrHistogram.EncodableHistogram)}
     * does for a histogram of nanoseconds.
     */
    public void write(final Histogram interval)
    {
        final int needed = interval.getNeededByteBufferCapacity();
        if (plain.capacity() < needed)
        {
            plain = ByteBuffer.allocate(needed);
            // zlib's bound for incompressible input, and the cookie and length in front
            packed = ByteBuffer.allocate(COMPRESSED_HEADER + needed + needed / 1000 + 64);
        }
        plain.clear();
        final int plainLength = interval.encodeIntoByteBuffer(plain);
        deflater.reset();
        deflater.setInput(plain.array(), 0, plainLength);
        deflater.finish();
        final int packedLength = deflater.deflate(packed.array(), COMPRESSED_HEADER,
            packed.capacity() - COMPRESSED_HEADER);
        packed.putInt(0, COMPRESSED_COOKIE);
        packed.putInt(4, packedLength);
        line.setLength(0);
        if (interval.getTag() != null)
        {
            line.append("Tag=").append(interval.getTag()).append(',');
        }
        // HdrHistogram's "%.3f,%.3f,%.3f,%s": start and length in s, max in ms, written as thousandths by hand
        // (java.util.Formatter took 0.1-2 ms a line in the client's C1 code)
        final long startMs = interval.getStartTimeStamp() - baseTimeMs;
        appendThousandths(line, startMs).append(',');
        appendThousandths(line, interval.getEndTimeStamp() - baseTimeMs - startMs).append(',');
        appendThousandths(line, Math.round(interval.getMaxValue() / 1_000.0)).append(',');
        line.append(Base64.getEncoder().encodeToString(Arrays.copyOf(packed.array(), COMPRESSED_HEADER + packedLength)))
            .append('\n');
        out.append(line);
    }

    /** {@code thousandths / 1000} with three decimals ({@code 1234 -> "1.234"}, {@code -5 -> "-0.005"}). */
    static StringBuilder appendThousandths(final StringBuilder to, final long thousandths)
    {
        if (thousandths < 0)
        {
            to.append('-');
        }
        final long abs = Math.abs(thousandths);
        final long fraction = abs % 1000;
        to.append(abs / 1000).append('.');
        if (fraction < 100)
        {
            to.append(fraction < 10 ? "00" : "0");
        }
        return to.append(fraction);
    }

    @Override
    public void close()
    {
        deflater.end();
        header.close();
    }

    private static int compressedCookie()
    {
        final Histogram empty = new Histogram(ThreadRecorders.SIGNIFICANT_DIGITS);
        final ByteBuffer b = ByteBuffer.allocate(empty.getNeededByteBufferCapacity());
        empty.encodeIntoCompressedByteBuffer(b, Deflater.BEST_SPEED);
        return b.getInt(0);
    }
}
