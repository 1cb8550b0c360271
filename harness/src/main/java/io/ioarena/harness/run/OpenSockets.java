package io.ioarena.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/** The sockets a server process holds ({@code /proc/<pid>/fd}): how the harness sees a run's connections arrive. */
final class OpenSockets
{
    private OpenSockets()
    {
    }

    static long of(final long pid) throws IOException
    {
        return in(Path.of("/proc", Long.toString(pid), "fd"));
    }

    /** The sockets among the open files listed in {@code fds}. */
    static long in(final Path fds) throws IOException
    {
        try (Stream<Path> links = Files.list(fds))
        {
            return links.filter(l ->
            {
                try
                {
                    return Files.readSymbolicLink(l).toString().startsWith("socket:");
                }
                catch (final IOException e)
                {
                    return false;
                }
            }).count();
        }
    }

    /**
     * Waits until {@code pid} holds {@code more} sockets above the fewest it held since the wait began (the last
     * run's connections may still be closing), polling every {@code pollMillis} until {@code deadlineMs} on
     * {@code clock}. Returns how many it held above that fewest when the wait ended.
     */
    static long awaitMore(final long pid, final long more, final long deadlineMs, final LongSupplier clock,
        final long pollMillis) throws IOException, InterruptedException
    {
        long fewest = Long.MAX_VALUE;
        long above = 0;
        while (clock.getAsLong() < deadlineMs)
        {
            final long open = of(pid);
            fewest = Math.min(fewest, open);
            above = open - fewest;
            if (above >= more)
            {
                break;
            }
            Thread.sleep(pollMillis);
        }
        return above;
    }
}
