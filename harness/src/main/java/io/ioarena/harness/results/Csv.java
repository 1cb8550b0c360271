package io.ioarena.harness.results;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** RFC 4180 rows: fields with a comma, quote or line break are quoted; numbers in a locale-free form. */
public final class Csv
{
    private Csv()
    {
    }

    public static String row(final List<?> fields)
    {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\n";
    }

    private static String field(final Object value)
    {
        if (value == null)
        {
            return "";
        }
        final String text;
        if (value instanceof Double d)
        {
            if (d.isNaN() || d.isInfinite())
            {
                return "";
            }
            text = d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                : String.format(Locale.ROOT, "%.3f", d);
        }
        else
        {
            text = value.toString();
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r"))
        {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
