package io.ioarena.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stop-the-world pauses from a unified JVM GC log written with {@code -Xlog:gc*:file=...:time,uptime,level,tags}:
 * the {@code [gc]} lines {@code GC(n) Pause ... 1.234ms}, with their wall-clock time so only pauses inside the
 * measurement window count.
 */
public final class GcLog
{
    private static final Pattern PAUSE = Pattern.compile(
        "^\\[([^\\]]+)\\]\\[[^\\]]+\\]\\[[^\\]]+\\]\\[gc\\s*\\] GC\\(\\d+\\) Pause.* ([0-9]+(?:\\.[0-9]+)?)ms$");
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
        int count = 0;
        double total = 0;
        double max = 0;
        for (final String line : lines)
        {
            final Matcher m = PAUSE.matcher(line.trim());
            if (!m.matches())
            {
                continue;
            }
            final long at = OffsetDateTime.parse(m.group(1), TIME).toInstant().toEpochMilli();
            if (at < fromEpochMs || at > toEpochMs)
            {
                continue;
            }
            final double ms = Double.parseDouble(m.group(2));
            count++;
            total += ms;
            max = Math.max(max, ms);
        }
        return new Pauses(count, total, max);
    }
}
