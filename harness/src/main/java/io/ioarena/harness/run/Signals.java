package io.ioarena.harness.run;

import io.ioarena.protocol.launch.ProcessTree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and continues a process (SIGSTOP, SIGCONT), which {@link Process} cannot. A trial server that waits for its
 * next point is stopped: an idle JVM is not idle (its monitor-deflation thread alone wakes a few times a second on
 * the CPU the measured server runs on), and a stopped one uses no CPU at all. Stop and continue go to the process and
 * every process it started ({@link ProcessTree}): a server run through a wrapper is the wrapper's child.
 */
final class Signals
{
    private Signals()
    {
    }

    static void stop(final long pid) throws IOException, InterruptedException
    {
        send("-STOP", ProcessTree.pids(pid));
    }

    static void resume(final long pid) throws IOException, InterruptedException
    {
        send("-CONT", ProcessTree.pids(pid));
    }

    /** SIGINT: perf and strace stop counting, detach and write what they counted. */
    static void interrupt(final long pid) throws IOException, InterruptedException
    {
        send("-INT", List.of(pid));
    }

    private static void send(final String signal, final List<Long> pids) throws IOException, InterruptedException
    {
        if (pids.isEmpty())
        {
            throw new IOException("kill " + signal + ": the process has ended");
        }
        final List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        final Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        final boolean answered = kill.waitFor(5, TimeUnit.SECONDS);
        // a child that ended since the listing makes kill fail, and needs no signal: only the first process must get it
        if (!answered || kill.exitValue() != 0 && (pids.size() == 1 || !isAlive(pids.getFirst())))
        {
            kill.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(
                kill.getInputStream().readAllBytes()).trim());
        }
    }

    private static boolean isAlive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
