package io.ioarena.harness.run;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Stops and continues a process (SIGSTOP, SIGCONT), which {@link Process} cannot. A trial server that waits for its
 * next point is stopped: an idle JVM is not idle (its monitor-deflation thread alone wakes a few times a second on
 * the CPU the measured server runs on), and a stopped one uses no CPU at all.
 */
final class Signals
{
    private Signals()
    {
    }

    static void stop(final long pid) throws IOException, InterruptedException
    {
        send("-STOP", pid);
    }

    static void resume(final long pid) throws IOException, InterruptedException
    {
        send("-CONT", pid);
    }

    /** SIGINT: perf and strace stop counting, detach and write what they counted. */
    static void interrupt(final long pid) throws IOException, InterruptedException
    {
        send("-INT", pid);
    }

    private static void send(final String signal, final long pid) throws IOException, InterruptedException
    {
        final Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0)
        {
            kill.destroyForcibly();
            throw new IOException("kill " + signal + " " + pid + " failed: " + new String(
                kill.getInputStream().readAllBytes()).trim());
        }
    }
}
