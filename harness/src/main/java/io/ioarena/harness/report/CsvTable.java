package io.ioarena.harness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 4180 table read by column name, so that the report reads the harness's CSV files by their header and a
 * column added later, or one this reader does not know, changes nothing.
 */
public record CsvTable(List<String> header, List<Map<String, String>> rows)
{
    public static CsvTable read(final Path file) throws IOException
    {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static CsvTable parse(final String text)
    {
        final List<List<String>> records = records(text);
        if (records.isEmpty())
        {
            return new CsvTable(List.of(), List.of());
        }
        final List<String> header = records.get(0);
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final List<String> r : records.subList(1, records.size()))
        {
            final Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++)
            {
                row.put(header.get(i), i < r.size() ? r.get(i) : "");
            }
            rows.add(row);
        }
        return new CsvTable(List.copyOf(header), List.copyOf(rows));
    }

    private static List<List<String>> records(final String text)
    {
        final List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (quoted)
            {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"')
                {
                    field.append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' -> quoted = true;
                case ',' -> {
                    record.add(field.toString());
                    field.setLength(0);
                }
                case '\r' -> {
                    // part of a CRLF line end
                }
                case '\n' -> {
                    record.add(field.toString());
                    field.setLength(0);
                    out.add(record);
                    record = new ArrayList<>();
                    any = false;
                    continue;
                }
                default -> field.append(c);
            }
            any = true;
        }
        if (any || field.length() > 0)
        {
            record.add(field.toString());
            out.add(record);
        }
        return out;
    }
}
