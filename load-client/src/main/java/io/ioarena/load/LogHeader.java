package io.ioarena.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first comment of every interval log the client writes: tool, version, which instance of how many, and the
 * configuration. {@code merge} reads it back to check that the logs it adds are the complete set of one run.
 */
final class LogHeader
{
    static final String TOOL = "ioarena-load-client";
    static final String VERSION = "0.1.0";
    private static final Pattern INSTANCE = Pattern.compile("^#" + TOOL + " \\S+ instance=(\\d+)/(\\d+)");

    private LogHeader()
    {
    }

    /** The comment text (the writer adds the {@code #}). */
    static String comment(final int index, final int count, final String configJson)
    {
        return TOOL + " " + VERSION + " instance=" + index + "/" + count + " config=" + configJson;
    }

    /** {@code {index, count}} from a log's first line, or null when it is not one of ours. */
    static int[] instanceOf(final String firstLine)
    {
        final Matcher m = INSTANCE.matcher(firstLine);
        return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }
}
