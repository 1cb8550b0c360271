package io.ioarena.harness.run;

import io.ioarena.protocol.launch.ProcessTree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A short helper command (jcmd, asprof, git, a foreign server's check) run to its end within a time limit. */
public final class BoundedCommand
{
    /** How a command that ran to its end ended: its exit status and its output (stdout and stderr together). */
    public record Result(int exitStatus, String output)
    {
    }

    private BoundedCommand()
    {
    }

    /**
     * Runs {@code argv} in {@code dir} (the current folder when null).
     *
     * @throws IOException when it cannot start or does not finish within {@code limit} (then it is killed): the
     *                     message has the command.
     */
    public static Result exec(final List<String> argv, final Path dir, final Duration limit)
        throws IOException, InterruptedException
    {
        // to a file, not a pipe: a pipe read to its end would wait on a command that hangs, past the limit
        final Path out = Files.createTempFile("ioarena-command", ".txt");
        try
        {
            final ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(out.toFile());
            final Process p = (dir == null ? builder : builder.directory(dir.toFile())).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS))
            {
                ProcessTree.kill(p.toHandle()); // its children too: a wrapper's sleep would outlive it
                throw new IOException(String.join(" ", argv) + " did not finish in " + limit.toSeconds() + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        }
        finally
        {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Runs {@code argv} and returns its output.
     *
     * @throws IOException as {@link #exec}, and when it exits non-zero: the message has the command and its output.
     */
    static String run(final List<String> argv, final Duration limit) throws IOException, InterruptedException
    {
        final Result r = exec(argv, null, limit);
        if (r.exitStatus() != 0)
        {
            throw new IOException(String.join(" ", argv) + " failed (exit " + r.exitStatus() + "): " +
                r.output().strip());
        }
        return r.output();
    }
}
