package io.ioarena.harness.run;

import java.util.concurrent.TimeUnit;

/**
 * The suite's stop switch. Ctrl-C (the JVM's shutdown hook) calls {@link #cancel()}: it ends every process this JVM
 * started (servers, clients, gate servers — all its descendants: SIGTERM, then SIGKILL for any still alive after a
 * grace), and every wait in the runner notices and unwinds, leaving the finished points as they were.
 */
public final class Cancellation
{
    private static final long GRACE_MILLIS = 3000;

    private volatile boolean cancelled;

    public boolean cancelled()
    {
        return cancelled;
    }

    public void check() throws CancelledException
    {
        if (cancelled)
        {
            throw new CancelledException();
        }
    }

    public void cancel()
    {
        cancelled = true;
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        ProcessHandle.current().descendants().forEach(p ->
        {
            final long left = deadline - System.nanoTime();
            try
            {
                p.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            }
            catch (final Exception stillAlive)
            {
                p.destroyForcibly();
            }
        });
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** Thrown out of a wait once the suite is cancelled. */
    public static final class CancelledException extends Exception
    {
        private static final long serialVersionUID = 1L;

        public CancelledException()
        {
            super("the suite was interrupted");
        }
    }
}
