package io.ioarena.harness.hosts;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An SSH exec request is one string that the remote user's shell splits. Every word the harness sends goes through
 * {@link #quote}, so that a path or flag with spaces, quotes or {@code $} arrives as the one word it was, and no
 * word is ever pasted into a command line unquoted.
 */
public final class ShellWords
{
    private ShellWords()
    {
    }

    /** {@code argv} as one POSIX shell line: each word in single quotes, a quote inside one as {@code '\''}. */
    public static String quote(final List<String> argv)
    {
        if (argv.isEmpty())
        {
            throw new IllegalArgumentException("no command to quote");
        }
        return argv.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    static String quote(final String word)
    {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
