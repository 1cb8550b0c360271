package io.ioarena.contract;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;

/**
 * The one grammar of human units, for every command line (as picocli converters) and the suite files: durations like
 * {@code 250us}, {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} (a bare number is seconds, as in wrk2); rates and
 * counts like {@code 500}, {@code 20k}, {@code 1.5m} ({@code k} = thousand, {@code m} = million).
 */
public final class Units
{
    private Units()
    {
    }

    /** Nanoseconds of {@code 250us}, {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}; a bare number is seconds (as in wrk2). */
    public static long parseDurationNanos(final String text)
    {
        final String s = text.trim().toLowerCase(Locale.ROOT);
        final String[] suffixes = {"ns", "us", "ms", "s", "m", "h"};
        final double[] nanos = {1, 1e3, 1e6, 1e9, 60e9, 3600e9};
        for (int i = 0; i < suffixes.length; i++)
        {
            if (s.endsWith(suffixes[i]) && !(suffixes[i].equals("s") && (s.endsWith("ns") || s.endsWith("us") || s.endsWith("ms"))))
            {
                return toLong(number(s.substring(0, s.length() - suffixes[i].length()), text) * nanos[i], text);
            }
        }
        return toLong(number(s, text) * 1e9, text);
    }

    /** A rate or count with an optional {@code k} (thousand) or {@code m} (million) suffix. */
    public static double parseQuantity(final String text)
    {
        final String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("k"))
        {
            return number(s.substring(0, s.length() - 1), text) * 1e3;
        }
        if (s.endsWith("m"))
        {
            return number(s.substring(0, s.length() - 1), text) * 1e6;
        }
        return number(s, text);
    }

    public static Duration parseDuration(final String text)
    {
        return Duration.ofNanos(parseDurationNanos(text));
    }

    /** A whole count with an optional {@code k}/{@code m} suffix. */
    public static long parseCount(final String text)
    {
        final double value = parseQuantity(text);
        if (value != Math.rint(value))
        {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        return toLong(value, text);
    }

    /** A whole count that fits an int. */
    public static int parseIntCount(final String text)
    {
        final long n = parseCount(text);
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)
        {
            throw new IllegalArgumentException("'" + text + "' is out of range");
        }
        return (int) n;
    }

    /** A rate or count that must be above zero, as every rate, connection count and size is. */
    public static double parsePositive(final String text)
    {
        final double v = parseQuantity(text);
        if (!(v > 0))
        {
            throw new IllegalArgumentException("'" + text + "' is not above zero");
        }
        return v;
    }

    /** A whole count above zero that fits an int: connections, sizes. */
    public static int parsePositiveInt(final String text)
    {
        final int n = parseIntCount(text);
        if (n <= 0)
        {
            throw new IllegalArgumentException("'" + text + "' is not above zero");
        }
        return n;
    }

    /** A flag's value in these units; picocli names the flag in front of the message. */
    private abstract static class Converter<T> implements CommandLine.ITypeConverter<T>
    {
        abstract T parse(String text);

        @Override
        public final T convert(final String text)
        {
            try
            {
                return parse(text);
            }
            catch (final IllegalArgumentException e)
            {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --flag <duration>}. */
    public static final class DurationConverter extends Converter<Duration>
    {
        @Override
        Duration parse(final String text)
        {
            return parseDuration(text);
        }
    }

    /** {@code --flag <rate>}: a quantity with an optional {@code k}/{@code m}. */
    public static final class QuantityConverter extends Converter<Double>
    {
        @Override
        Double parse(final String text)
        {
            return parseQuantity(text);
        }
    }

    /** {@code --flag <rate>} where only a positive value means anything. */
    public static final class PositiveConverter extends Converter<Double>
    {
        @Override
        Double parse(final String text)
        {
            return parsePositive(text);
        }
    }

    /** {@code --flag <count>}: a whole number with an optional {@code k}/{@code m}. */
    public static final class IntCountConverter extends Converter<Integer>
    {
        @Override
        Integer parse(final String text)
        {
            return parseIntCount(text);
        }
    }

    /** {@code --flag <count>} where only a positive count means anything. */
    public static final class PositiveIntConverter extends Converter<Integer>
    {
        @Override
        Integer parse(final String text)
        {
            return parsePositiveInt(text);
        }
    }

    /** {@code 1.50s}, {@code 12.34ms}, {@code 567.00us}: wrk2's way of printing a duration. */
    public static String formatNanos(final double nanos)
    {
        if (nanos >= 1e9)
        {
            return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
        }
        if (nanos >= 1e6)
        {
            return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2fus", nanos / 1e3);
    }

    private static double number(final String s, final String original)
    {
        try
        {
            final double value = Double.parseDouble(s);
            if (Double.isNaN(value) || Double.isInfinite(value))
            {
                throw new NumberFormatException();
            }
            return value;
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException("'" + original + "' is not a number with an optional unit");
        }
    }

    private static long toLong(final double value, final String original)
    {
        if (value >= Long.MAX_VALUE || value <= Long.MIN_VALUE)
        {
            throw new IllegalArgumentException("'" + original + "' is out of range");
        }
        return Math.round(value);
    }
}
