package io.ioarena.harness.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table {@code strace -c} prints when it detaches: one row per system call with its {@code calls}, between two
 * rules of dashes, then the {@code total} row. Columns are found from the rule (one run of dashes per column) and
 * the header above it, not from word counts, because a call without errors leaves its {@code errors} cell blank.
 *
 * @param calls by call name, in the table's order.
 * @param total the {@code total} row's calls.
 */
public record StraceSummary(Map<String, Long> calls, long total)
{
    /** The summary in {@code text}; an {@link IllegalArgumentException} that quotes the text when it has none. */
    public static StraceSummary parse(final String text)
    {
        final List<String> lines = text.lines().toList();
        int rule = -1;
        for (int i = 1; i < lines.size() && rule < 0; i++)
        {
            if (lines.get(i).startsWith("---") && lines.get(i - 1).contains("calls") &&
                lines.get(i - 1).contains("syscall"))
            {
                rule = i;
            }
        }
        if (rule < 0)
        {
            throw new IllegalArgumentException("no strace -c table in: " + excerpt(text));
        }
        final List<int[]> columns = columns(lines.get(rule));
        final String header = lines.get(rule - 1);
        final int calls = column(columns, header, "calls");
        final int name = column(columns, header, "syscall");
        final Map<String, Long> byName = new LinkedHashMap<>();
        for (int i = rule + 1; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.startsWith("---"))
            {
                if (i + 1 < lines.size() && "total".equals(cell(lines.get(i + 1), columns.get(name), true)))
                {
                    return new StraceSummary(byName, count(lines.get(i + 1), columns.get(calls)));
                }
                break;
            }
            if (!line.isBlank())
            {
                byName.merge(cell(line, columns.get(name), true), count(line, columns.get(calls)), Long::sum);
            }
        }
        throw new IllegalArgumentException("the strace -c table has no total row: " + excerpt(text));
    }

    /** Each run of dashes in the rule, as [start, end). */
    private static List<int[]> columns(final String rule)
    {
        final List<int[]> columns = new ArrayList<>();
        int i = 0;
        while (i < rule.length())
        {
            if (rule.charAt(i) == '-')
            {
                final int start = i;
                while (i < rule.length() && rule.charAt(i) == '-')
                {
                    i++;
                }
                columns.add(new int[] {start, i});
            }
            else
            {
                i++;
            }
        }
        return columns;
    }

    private static int column(final List<int[]> columns, final String header, final String label)
    {
        for (int c = 0; c < columns.size(); c++)
        {
            if (label.equals(cell(header, columns.get(c), c == columns.size() - 1)))
            {
                return c;
            }
        }
        throw new IllegalArgumentException("no column '" + label + "' in the strace -c header: " + header);
    }

    /** The text under a column; the last one (the call's name) may run past its rule. */
    private static String cell(final String line, final int[] column, final boolean toEnd)
    {
        final int start = Math.min(column[0], line.length());
        final int end = toEnd ? line.length() : Math.min(column[1], line.length());
        return line.substring(start, end).trim();
    }

    private static long count(final String line, final int[] column)
    {
        final String cell = cell(line, column, false);
        try
        {
            return Long.parseLong(cell);
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException("not a count of calls: '" + cell + "' in: " + line);
        }
    }

    private static String excerpt(final String text)
    {
        final String t = text.strip();
        return t.isEmpty() ? "(nothing)" : t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }
}
