package io.ioarena.harness.run;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A server command line with placeholders: {@code {flags}} is replaced by the PROTOCOL.md flags of a launch (they
 * are appended when it is absent) and {@code {port}} by a free port the harness picks (then {@code --port} in the
 * flags says the same). Words are split on blanks; single or double quotes group words.
 */
public final class CommandTemplate
{
    public static final String FLAGS = "{flags}";
    public static final String PORT = "{port}";

    private final List<String> words;

    public CommandTemplate(final List<String> words)
    {
        this.words = List.copyOf(words);
    }

    /** Splits a command line; relative words naming files under {@code root} become absolute paths. */
    public static CommandTemplate parse(final String line, final Path root)
    {
        final List<String> words = new ArrayList<>();
        for (final String w : split(line))
        {
            final boolean looksLikePath = w.contains("/") && !w.startsWith("/") && !w.startsWith("-") &&
                !w.contains("{");
            words.add(looksLikePath && Files.exists(root.resolve(w)) ? root.resolve(w).toAbsolutePath().toString() : w);
        }
        return new CommandTemplate(words);
    }

    static List<String> split(final String line)
    {
        final List<String> out = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (final char c : line.toCharArray())
        {
            if (quote != 0)
            {
                if (c == quote)
                {
                    quote = 0;
                }
                else
                {
                    word.append(c);
                }
            }
            else if (c == '\'' || c == '"')
            {
                quote = c;
                inWord = true;
            }
            else if (Character.isWhitespace(c))
            {
                if (inWord)
                {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else
            {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0)
        {
            throw new IllegalArgumentException("unbalanced quote in command: " + line);
        }
        if (inWord)
        {
            out.add(word.toString());
        }
        return out;
    }

    public List<String> words()
    {
        return words;
    }

    /** The command for one launch. */
    public List<String> expand(final List<String> flags)
    {
        final List<String> launchFlags = new ArrayList<>(flags);
        String port = null;
        if (words.stream().anyMatch(w -> w.contains(PORT)))
        {
            port = Integer.toString(freePort());
            final int i = launchFlags.indexOf("--port");
            if (i >= 0 && i + 1 < launchFlags.size())
            {
                launchFlags.set(i + 1, port);
            }
        }
        final List<String> out = new ArrayList<>();
        boolean flagsPlaced = false;
        for (final String w : words)
        {
            if (w.equals(FLAGS))
            {
                out.addAll(launchFlags);
                flagsPlaced = true;
            }
            else
            {
                out.add(port == null ? w : w.replace(PORT, port));
            }
        }
        if (!flagsPlaced && port == null)
        {
            out.addAll(launchFlags);
        }
        return out;
    }

    private static int freePort()
    {
        try (ServerSocket s = new ServerSocket(0))
        {
            return s.getLocalPort();
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("cannot find a free port for {port}", e);
        }
    }

    @Override
    public String toString()
    {
        return String.join(" ", words);
    }
}
