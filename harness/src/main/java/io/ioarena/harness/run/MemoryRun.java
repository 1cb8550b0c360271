package io.ioarena.harness.run;

import io.ioarena.harness.results.MemoryReading;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reading taken while a point's memory run holds its connections: it waits, on a thread of its own beside the
 * client run, until the server process holds that many sockets (or the run's connecting time is over), then reads
 * the server's memory once.
 */
final class MemoryRun
{
    /** The memory run's client warm-up and measured time: long enough for a reading of a JVM (three jcmds). */
    static final Duration WARMUP = Duration.ofSeconds(1);
    static final Duration MEASURED = Duration.ofSeconds(4);
    /** How long connecting may take before the reading is taken anyway, with what the server holds then. */
    static final Duration CONNECTING = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;
    /** Polls 100 ms apart with the same socket count that make a server settled. */
    private static final int SETTLED_POLLS = 3;

    private final CompletableFuture<Held> reading;

    /** What the server held when it was read. */
    record Held(int sockets, MemoryReading reading)
    {
    }

    private MemoryRun(final CompletableFuture<Held> reading)
    {
        this.reading = reading;
    }

    /**
     * Starts waiting for {@code pid} to hold {@code connections} more sockets (OpenSockets), then reads it with
     * {@code probe}; call it before the run connects.
     */
    static MemoryRun start(final MemoryProbe probe, final long pid, final boolean jvm, final int connections)
    {
        final CompletableFuture<Held> f = new CompletableFuture<>();
        Thread.ofVirtual().name("memory-run-" + pid).start(() ->
        {
            try
            {
                final long held = OpenSockets.awaitMore(pid, connections,
                    System.currentTimeMillis() + CONNECTING.toMillis(), System::currentTimeMillis, POLL_MILLIS);
                f.complete(new Held((int) held, probe.read(pid, jvm)));
            }
            catch (final Exception e)
            {
                f.completeExceptionally(e);
            }
        });
        return new MemoryRun(f);
    }

    /**
     * Waits until the server's socket count has stopped changing (the connections of the run before have been
     * closed on its side too), for at most {@link #CONNECTING}: a reading taken while it still holds them counts
     * them in the baseline.
     */
    static void awaitSettled(final long pid) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + CONNECTING.toNanos();
        long last = OpenSockets.of(pid);
        int stable = 0;
        while (stable < SETTLED_POLLS && System.nanoTime() < deadline)
        {
            Thread.sleep(POLL_MILLIS * 2);
            final long now = OpenSockets.of(pid);
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
    }

    /** The reading, once the client run has ended; the run's own length bounds the wait. */
    Held await() throws IOException, InterruptedException
    {
        try
        {
            return reading.get(CONNECTING.plus(Jcmd.TIMEOUT.multipliedBy(3)).toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException e)
        {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        catch (final TimeoutException e)
        {
            throw new IOException("the memory reading did not finish", e);
        }
    }
}
