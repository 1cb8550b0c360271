package io.ioarena.harness.report;

import java.util.Locale;

/** Numbers for people: three significant digits, units that keep them short. Missing values print as a dash. */
public final class Fmt
{
    public static final String MISSING = "–";

    private Fmt()
    {
    }

    /** A latency given in microseconds: {@code 85.2 µs}, {@code 1.23 ms}, {@code 2.50 s}. */
    public static String micros(final double us)
    {
        if (Double.isNaN(us))
        {
            return MISSING;
        }
        if (us < 1000)
        {
            return sig(us) + " µs";
        }
        if (us < 1_000_000)
        {
            return sig(us / 1000) + " ms";
        }
        return sig(us / 1_000_000) + " s";
    }

    /** A count or rate: {@code 950}, {@code 20.0k}, {@code 1.25M}. */
    public static String count(final double v)
    {
        if (Double.isNaN(v))
        {
            return MISSING;
        }
        final double a = Math.abs(v);
        if (a >= 1e6)
        {
            return sig(v / 1e6) + "M";
        }
        if (a >= 1e4)
        {
            return sig(v / 1e3) + "k";
        }
        return a == Math.rint(a) ? Long.toString(Math.round(v)) : sig(v);
    }

    /** Three significant digits, no exponent. */
    public static String sig(final double v)
    {
        if (Double.isNaN(v))
        {
            return MISSING;
        }
        if (Double.isInfinite(v))
        {
            return v > 0 ? "∞" : "-∞";
        }
        final double a = Math.abs(v);
        final int decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : a >= 0.1 ? 3 : a == 0 ? 0 : 4;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A ratio: {@code 1.18×}. */
    public static String ratio(final double r)
    {
        return Double.isNaN(r) ? MISSING : String.format(Locale.ROOT, r >= 10 ? "%.1f×" : "%.2f×", r);
    }

    /** A signed percentage change from a ratio: 1.12 gives {@code +12.0%}. */
    public static String change(final double ratio)
    {
        return Double.isNaN(ratio) ? MISSING : String.format(Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
    }

    /** Whole numbers without a decimal point, others as they are: for ids. */
    public static String plain(final double v)
    {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
