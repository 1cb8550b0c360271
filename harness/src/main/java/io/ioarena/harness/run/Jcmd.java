package io.ioarena.harness.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jcmd} of the JDK this harness runs on (the Java servers run on it too), for diagnostic commands sent to a
 * server JVM from outside: a forced collection and heap figures, Native Memory Tracking, Flight Recordings.
 *
 * @param binary the jcmd executable.
 */
public record Jcmd(Path binary)
{
    /** A jcmd that takes longer has met a JVM that is not answering; the command fails rather than hangs. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    public static Jcmd ofThisJdk()
    {
        return new Jcmd(Path.of(System.getProperty("java.home"), "bin", "jcmd"));
    }

    /**
     * Runs {@code command} in JVM {@code pid} and returns what it printed.
     *
     * @throws IOException when jcmd cannot attach, the command fails or it does not finish in {@link #TIMEOUT}: the
     *                     message has the command and jcmd's output.
     */
    public String run(final long pid, final String... command) throws IOException, InterruptedException
    {
        final List<String> argv = new ArrayList<>(List.of(binary.toString(), Long.toString(pid)));
        argv.addAll(List.of(command));
        final String text = BoundedCommand.run(argv, TIMEOUT);
        // jcmd exits 0 even when the attach or the command fails, and prints the exception instead
        if (text.contains("Exception"))
        {
            throw new IOException(String.join(" ", argv) + " failed: " + text.strip());
        }
        return text;
    }
}
