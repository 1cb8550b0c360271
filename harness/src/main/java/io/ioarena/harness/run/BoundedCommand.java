package io.ioarena.harness.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A short helper command (jcmd, asprof) run to its end within a time limit, its output returned. */
final class BoundedCommand
{
    private BoundedCommand()
    {
    }

    /**
     * @throws IOException when it cannot start, exits non-zero or does not finish within {@code limit} (then it is
     *                     killed): the message has the command and its output.
     */
    static String run(final List<String> argv, final Duration limit) throws IOException, InterruptedException
    {
        // to a file, not a pipe: a pipe read to its end would wait on a command that hangs, past the limit
        final Path out = Files.createTempFile("ioarena-command", ".txt");
        try
        {
            final Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS))
            {
                p.destroyForcibly().waitFor();
                throw new IOException(String.join(" ", argv) + " did not finish in " + limit.toSeconds() + " s");
            }
            final String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0)
            {
                throw new IOException(String.join(" ", argv) + " failed (exit " + p.exitValue() + "): " +
                    text.strip());
            }
            return text;
        }
        finally
        {
            Files.deleteIfExists(out);
        }
    }
}
