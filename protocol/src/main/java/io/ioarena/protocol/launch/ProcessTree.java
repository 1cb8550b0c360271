package io.ioarena.protocol.launch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server process and every process it started, taken together. A server started through a wrapper ({@code sh -c},
 * {@code npm start}) is the wrapper's child or grandchild: signalling or sampling the wrapper alone would miss the
 * server, and a child whose parent is killed is re-parented and can no longer be found from it. So the members are
 * listed anew at each use (children may start late) and listed <em>before</em> any of them is signalled.
 */
public final class ProcessTree
{
    private ProcessTree()
    {
    }

    /** The root, then its descendants alive now; empty when the root has ended. */
    public static List<ProcessHandle> members(final ProcessHandle root)
    {
        return root.isAlive() ? Stream.concat(Stream.of(root), root.descendants()).toList() : List.of();
    }

    /** {@link #members(ProcessHandle)} of the process {@code pid}, as process ids. */
    public static List<Long> pids(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessTree::members).orElse(List.of()).stream()
            .map(ProcessHandle::pid).toList();
    }

    /**
     * SIGTERM to every member, a wait of at most {@code grace} for all of them to end, then SIGKILL to those still
     * alive; returns once every member has ended (or a further 10 s have passed after the SIGKILL).
     *
     * @return whether every member ended within the grace, on its SIGTERM.
     */
    public static boolean stop(final ProcessHandle root, final Duration grace) throws InterruptedException
    {
        final List<ProcessHandle> members = members(root);
        members.forEach(ProcessHandle::destroy);
        final boolean graceful = awaitExit(members, grace);
        if (!graceful)
        {
            members.forEach(ProcessHandle::destroyForcibly);
            awaitExit(members, Duration.ofSeconds(10));
        }
        return graceful;
    }

    /** SIGKILL to every member at once, then a wait of at most 10 s for them to end. */
    public static void kill(final ProcessHandle root) throws InterruptedException
    {
        final List<ProcessHandle> members = members(root);
        members.forEach(ProcessHandle::destroyForcibly);
        awaitExit(members, Duration.ofSeconds(10));
    }

    private static boolean awaitExit(final List<ProcessHandle> members, final Duration limit)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + limit.toNanos();
        for (final ProcessHandle p : members)
        {
            try
            {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e)
            {
                return false;
            }
        }
        return true;
    }
}
