package io.ioarena.harness.suite;

import io.ioarena.contract.Units;

import java.time.Duration;
import java.util.Locale;

/** Durations of suite settings: read in the shared units, written for the client and for people. */
public final class Durations
{
    private Durations()
    {
    }

    /** A suite setting's duration, in the units every command line takes ({@link Units}). */
    public static Duration parse(final String setting, final String text)
    {
        try
        {
            return Units.parseDuration(text == null ? "" : text);
        }
        catch (final IllegalArgumentException e)
        {
            throw new IllegalArgumentException(setting + " must be a duration like 500ms, 5s or 2m, not '" + text +
                "'");
        }
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
