package io.ioarena.harness.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the servers and the client the harness starts die with it, also when it is SIGKILLed (the OOM killer, a
 * {@code kill -9}) and cannot end them itself as Ctrl-C's {@link Cancellation} does: a server left behind keeps its
 * port and, stopped between points, stays stopped for good. Their commands run under
 * {@code setpriv --pdeathsig KILL} (util-linux 2.33+), which asks the kernel for a SIGKILL when the harness thread
 * that started them ends, and then executes the command in its own place (same pid, so pinning, /proc sampling and
 * SIGSTOP still reach the server). So a wrapped command must be started by a platform thread that outlives it (not a
 * virtual thread, whose carrier may end first): the suite's for the trials and the client agent, and for the gate a
 * gate thread, which outlives every server it launches. Where setpriv is missing, commands run as given and only
 * Ctrl-C ends them.
 */
public final class ParentDeath
{
    private static final List<String> PREFIX = List.of("setpriv", "--pdeathsig", "KILL");

    private ParentDeath()
    {
    }

    /** Whether processes die with the harness here (setpriv runs and knows --pdeathsig). */
    public static boolean available()
    {
        return Probe.AVAILABLE;
    }

    /** What becomes of the suite's processes if the harness is killed, for the settings printed at the start. */
    static String describe()
    {
        return available() ? "its servers and client die with it (setpriv --pdeathsig KILL)"
            : "its servers and client keep running (no setpriv --pdeathsig here: end them by hand)";
    }

    /** {@code command}, to be run so that it dies with the harness where that is available. */
    static List<String> wrap(final List<String> command)
    {
        if (!available())
        {
            return command;
        }
        final List<String> wrapped = new ArrayList<>(PREFIX);
        wrapped.addAll(command);
        return wrapped;
    }

    /** Asked once, on first use. */
    private static final class Probe
    {
        static final boolean AVAILABLE = probe();

        private static boolean probe()
        {
            final List<String> command = new ArrayList<>(PREFIX);
            command.add("true");
            try
            {
                final Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(5, TimeUnit.SECONDS))
                {
                    p.destroyForcibly();
                    return false;
                }
                return p.exitValue() == 0;
            }
            catch (final IOException e)
            {
                return false;
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
