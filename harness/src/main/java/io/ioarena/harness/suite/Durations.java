package io.ioarena.harness.suite;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them in suite files and flags: {@code 500ms}, {@code 5s}, {@code 2m}. */
public final class Durations
{
    private Durations()
    {
    }

    public static Duration parse(final String setting, final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        try
        {
            if (t.endsWith("ms"))
            {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s"))
            {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m"))
            {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
            }
        }
        catch (final NumberFormatException e)
        {
            // falls through to the message below
        }
        throw new IllegalArgumentException(setting + " must be a duration like 500ms, 5s or 2m, not '" + text + "'");
    }

    /** The client's notation for a duration: whole milliseconds. */
    public static String format(final Duration d)
    {
        return d.toMillis() + "ms";
    }

    /** For people: {@code 1m05s}, {@code 42s}. */
    public static String human(final Duration d)
    {
        final long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
