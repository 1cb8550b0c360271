package io.ioarena.harness.results;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** results/README.md documents exactly the columns the tables have, in their order, with their declared meaning. */
class ColumnsReadmeTest
{
    private static final Path README = Path.of("..", "results", "README.md");

    /** The first Markdown table after {@code heading}. */
    static String table(final List<String> lines, final String heading)
    {
        final int at = lines.indexOf(heading);
        assertTrue(at >= 0, "results/README.md has no heading " + heading);
        final List<String> table = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++)
        {
            if (lines.get(i).startsWith("|"))
            {
                table.add(lines.get(i));
            }
            else if (!table.isEmpty())
            {
                break;
            }
        }
        return String.join("\n", table) + "\n";
    }

    @Test
    void resultsCsvColumnsAreDocumentedAsDeclared() throws IOException
    {
        assertEquals(Tables.resultsMarkdown(), table(Files.readAllLines(README), "## results.csv columns"),
            "paste Tables.resultsMarkdown() into results/README.md");
    }

    @Test
    void summaryCsvColumnsAreDocumentedAsDeclared() throws IOException
    {
        assertEquals(Tables.summaryMarkdown(), table(Files.readAllLines(README), "## summary.csv columns"),
            "paste Tables.summaryMarkdown() into results/README.md");
    }

    @Test
    void verdictsCsvColumnsAreDocumentedAsDeclared() throws IOException
    {
        assertEquals(Verdicts.markdown(), table(Files.readAllLines(README), "## verdicts.csv columns"),
            "paste Verdicts.markdown() into results/README.md");
    }

    @Test
    void everyColumnHasAMeaningAndANameOfItsOwn()
    {
        for (final List<? extends Column<?>> table : List.of(Tables.RESULTS, Tables.SUMMARY, Verdicts.COLUMNS))
        {
            assertTrue(table.get(0).doc() != null, "the first column cannot share the row above it");
            assertEquals(table.size(), Column.names(table).stream().distinct().count(), Column.names(table).toString());
        }
    }
}
