package io.ioarena.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stop-the-world pauses from a server JVM's unified log, written with
 * {@code -Xlog:gc*,safepoint:file=...:time,uptime,level,tags}: its {@code [safepoint]} lines, one per pause, each with
 * its wall-clock time (only pauses inside the measurement window count) and its {@code Total}: from the request to
 * stop to leaving the safepoint, so the time the threads took to reach it is counted too. The safepoint log, not the
 * {@code [gc]} pause lines, because it is the JVM's own accounting of every pause under every collector: ZGC reports
 * its pauses on {@code [gc,phases]} lines that a {@code [gc]} reader misses, and without the time to reach the
 * safepoint (a ZGC "Pause Mark Start 0.034ms" was a 0.50 ms safepoint, 0.40 ms of it reaching it). Safepoints that are
 * not collections (deoptimisation, handshakes the JVM could not do per thread) stop the server all the same, and
 * count.
 */
public final class GcLog
{
    private static final Pattern PAUSE = Pattern.compile(
        "^\\[([^\\]]+)\\]\\[[^\\]]+\\]\\[[^\\]]+\\]\\[safepoint\\s*\\] Safepoint \".*, Total: ([0-9]+) ns(?:,.*)?$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** Pauses inside a window. */
    public record Pauses(int count, double totalMs, double maxMs)
    {
    }

    private GcLog()
    {
    }

    public static Pauses pauses(final Path log, final long fromEpochMs, final long toEpochMs) throws IOException
    {
        if (!Files.exists(log))
        {
            return null;
        }
        return pauses(Files.readAllLines(log), fromEpochMs, toEpochMs);
    }

    static Pauses pauses(final List<String> lines, final long fromEpochMs, final long toEpochMs)
    {
        final List<Pause> each = each(lines, fromEpochMs, toEpochMs);
        return new Pauses(each.size(), each.stream().mapToDouble(Pause::ms).sum(),
            each.stream().mapToDouble(Pause::ms).max().orElse(0));
    }

    /** One stop-the-world pause: when it ended and how long it stopped the JVM. */
    public record Pause(long epochMs, double ms)
    {
    }

    /** Every pause inside a window, in the log's order. */
    public static List<Pause> each(final List<String> lines, final long fromEpochMs, final long toEpochMs)
    {
        final List<Pause> out = new ArrayList<>();
        for (final String line : lines)
        {
            final Matcher m = PAUSE.matcher(line.trim());
            if (!m.matches())
            {
                continue;
            }
            final long at = OffsetDateTime.parse(m.group(1), TIME).toInstant().toEpochMilli();
            if (at >= fromEpochMs && at <= toEpochMs)
            {
                out.add(new Pause(at, Long.parseLong(m.group(2)) / 1e6));
            }
        }
        return out;
    }
}
