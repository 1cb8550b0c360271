package io.ioarena.harness.results;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One column of a tidy table: its name, how a row gives its value (null or NaN for an empty cell), and what it means.
 * The meaning is what results/README.md shows for the column; a column with no meaning of its own shares the row of
 * the column before it there ({@code sent}, {@code received}).
 *
 * @param <R> what one line of the table is made from
 */
public record Column<R>(String name, Function<? super R, ?> value, String doc)
{
    /** A column that results/README.md documents together with the one before it. */
    public static <R> Column<R> alongside(final String name, final Function<? super R, ?> value)
    {
        return new Column<>(name, value, null);
    }

    /** This column over something that holds an {@code R}; {@code doc} replaces the meaning (null: alongside). */
    public <S> Column<S> over(final Function<S, ? extends R> part, final String newDoc)
    {
        return new Column<>(name, s -> value.apply(part.apply(s)), newDoc);
    }

    public static List<String> names(final List<? extends Column<?>> columns)
    {
        return columns.stream().map(Column::name).toList();
    }

    /** The columns as results/README.md documents them: a Markdown table, a row per meaning. */
    public static String markdown(final List<? extends Column<?>> columns)
    {
        final StringBuilder out = new StringBuilder("| column | meaning |\n|---|---|\n");
        final List<String> names = new ArrayList<>();
        String doc = null;
        for (final Column<?> c : columns)
        {
            if (c.doc() != null && !names.isEmpty())
            {
                row(out, names, doc);
                names.clear();
            }
            if (c.doc() != null)
            {
                doc = c.doc();
            }
            names.add(c.name());
        }
        if (!names.isEmpty())
        {
            row(out, names, doc);
        }
        return out.toString();
    }

    private static void row(final StringBuilder out, final List<String> names, final String doc)
    {
        out.append("| ").append(String.join(", ", names.stream().map(n -> "`" + n + "`").toList())).append(" | ")
            .append(doc).append(" |\n");
    }
}
