package io.ioarena.harness.run;

import io.ioarena.harness.results.SoakRecord.Reading;
import io.ioarena.harness.suite.SoakSettings;
import io.ioarena.protocol.launch.ProcessTree;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a soak reads of its server beyond the ordinary samples ({@link ProcSampler}: resident set, threads), on a
 * daemon thread over the client's run: every {@link SoakSettings#fdInterval()}, the open files of the server's
 * process tree and, for a JVM whose heap's address range is known, its resident set outside the Java heap
 * ({@code /proc/<pid>/smaps} split by {@link HeapResidence}); and a JVM's heap after a forced full collection at
 * {@link SoakSettings#heapProbes()} moments spread evenly over the judged part of the measured window (few: each
 * collection stops the server, and its pause lands in the latencies). Times are epoch milliseconds until
 * {@link #fds}/{@link #heapMb}/{@link #rssOutsideHeapMb} place them on the window.
 */
final class SoakWatch implements AutoCloseable
{
    private final long pid;
    private final MemoryProbe memory;
    private final SoakSettings settings;
    /**
     * {epoch ms, open files}; also the lock of {@link #heap}, {@link #outsideHeap}, {@link #problems} and
     * {@link #smapsNanos}, which the watch thread fills.
     */
    private final List<double[]> fds = new ArrayList<>();
    private final List<double[]> heap = new ArrayList<>();
    /** {epoch ms, MiB resident outside the Java heap}. */
    private final List<double[]> outsideHeap = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    /** The time spent reading and splitting smaps, summed over the {@link #outsideHeap} readings. */
    private long smapsNanos;
    /** Where a JVM's heap lies; null for other servers and for a JVM whose range could not be read. */
    private HeapResidence residence;
    private final List<Long> heapAt = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts watching {@code pid} for a run submitted now whose warm-up and measured window last {@code warmup} and
     * {@code duration}; {@code jvm}: read its heap too.
     */
    static SoakWatch start(final long pid, final boolean jvm, final MemoryProbe memory, final SoakSettings settings,
        final Duration warmup, final Duration duration)
    {
        final SoakWatch w = new SoakWatch(pid, memory, settings);
        if (jvm)
        {
            // the JVM starts its attach listener (a thread and a socket) at the first jcmd and keeps it: attached
            // before the run, it is not a thread and an open file that appear mid-soak
            try
            {
                w.residence = memory.heapResidence(pid).orElse(null);
                if (w.residence == null)
                {
                    w.problems.add("GC.heap_info printed no address range of the heap (ZGC prints none): the " +
                        "soak judges the whole resident set");
                }
            }
            catch (final IOException | InterruptedException e)
            {
                w.problems.add("jcmd could not attach before the soak, so the resident set is judged whole: " +
                    e.getMessage());
                if (e instanceof InterruptedException)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
        final long measuredFrom = System.currentTimeMillis() + warmup.toMillis();
        if (jvm)
        {
            w.heapAt.addAll(probeTimes(measuredFrom, duration.toMillis(), settings));
        }
        w.thread.start();
        return w;
    }

    private SoakWatch(final long pid, final MemoryProbe memory, final SoakSettings settings)
    {
        this.pid = pid;
        this.memory = memory;
        this.settings = settings;
        this.thread = Thread.ofPlatform().daemon().name("soak-watch-" + pid).unstarted(this::loop);
    }

    /**
     * The epoch milliseconds of the heap readings: the judged part of the window (after {@code settle}) cut into as
     * many equal slices as readings, one in the middle of each, so the first and the last are well inside the
     * window the slope is fitted over.
     */
    static List<Long> probeTimes(final long measuredFrom, final long durationMs, final SoakSettings s)
    {
        final long judgedFrom = measuredFrom + Math.round(durationMs * s.settle());
        final double slice = (measuredFrom + durationMs - judgedFrom) / (double) s.heapProbes();
        final List<Long> at = new ArrayList<>();
        for (int k = 0; k < s.heapProbes(); k++)
        {
            at.add(judgedFrom + Math.round(slice * (k + 0.5)));
        }
        return at;
    }

    private void loop()
    {
        final long every = settings.fdIntervalTime().toMillis();
        long nextFds = System.currentTimeMillis();
        int nextHeap = 0;
        try
        {
            while (running)
            {
                final long now = System.currentTimeMillis();
                if (now >= nextFds)
                {
                    final long count = openFiles(pid);
                    synchronized (fds)
                    {
                        fds.add(new double[] {now, count});
                    }
                    if (residence != null)
                    {
                        outsideHeapReading(now);
                    }
                    nextFds += every;
                }
                if (nextHeap < heapAt.size() && now >= heapAt.get(nextHeap))
                {
                    nextHeap++;
                    heapReading(now);
                }
                final long wake = nextHeap < heapAt.size() ? Math.min(nextFds, heapAt.get(nextHeap)) : nextFds;
                Thread.sleep(Math.max(1, wake - System.currentTimeMillis()));
            }
        }
        catch (final IOException gone)
        {
            // the server has ended: the point fails on its own, and the readings so far stay
        }
        catch (final InterruptedException stopped)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void heapReading(final long now) throws InterruptedException
    {
        try
        {
            final double mb = memory.heapAfterGc(pid) / (1024.0 * 1024.0);
            synchronized (fds)
            {
                heap.add(new double[] {now, mb});
            }
        }
        catch (final IOException | RuntimeException e)
        {
            synchronized (fds)
            {
                problems.add("a heap reading failed: " + e.getMessage());
            }
        }
    }

    /**
     * The server's resident set outside its Java heap, from one read of its smaps (the heap's pages and the rest at
     * the same moment). A read that the kernel ends halfway (the server gone) throws, as the open files do.
     */
    private void outsideHeapReading(final long now) throws IOException
    {
        final long t0 = System.nanoTime();
        // Latin-1 decodes any byte: a mapped file's name may be in any encoding, and only the numbers matter here
        try (BufferedReader smaps = Files.newBufferedReader(Path.of("/proc", Long.toString(pid), "smaps"),
            StandardCharsets.ISO_8859_1))
        {
            final double mb = residence.split(smaps).outsideHeapBytes() / (1024.0 * 1024.0);
            synchronized (fds)
            {
                outsideHeap.add(new double[] {now, mb});
                smapsNanos += System.nanoTime() - t0;
            }
        }
        catch (final RuntimeException e)
        {
            synchronized (fds)
            {
                problems.add("a reading of smaps failed: " + e.getMessage());
            }
        }
    }

    /** Open files summed over the process tree: /proc/&lt;pid&gt;/fd of each member. */
    static long openFiles(final long pid) throws IOException
    {
        long total = 0;
        for (final long p : ProcessTree.pids(pid))
        {
            try (Stream<Path> fd = Files.list(Path.of("/proc", Long.toString(p), "fd")))
            {
                total += fd.count();
            }
            catch (final IOException e)
            {
                if (p == pid)
                {
                    throw e;
                }
                // a child that has ended since it was listed
            }
        }
        return total;
    }

    /** The open-file counts, at minutes from {@code measuredFrom}. */
    List<Reading> fds(final long measuredFrom)
    {
        return readings(fds, measuredFrom);
    }

    /** The heap readings in MiB, at minutes from {@code measuredFrom}. */
    List<Reading> heapMb(final long measuredFrom)
    {
        return readings(heap, measuredFrom);
    }

    /**
     * The resident set outside the Java heap in MiB, at minutes from {@code measuredFrom}; empty when it was not
     * read (not a JVM, or its heap's range unknown: {@link #splitsResidentSet}).
     */
    List<Reading> rssOutsideHeapMb(final long measuredFrom)
    {
        return readings(outsideHeap, measuredFrom);
    }

    /** Whether the resident set was split at the heap, so that the soak judges {@link #rssOutsideHeapMb}. */
    boolean splitsResidentSet()
    {
        return residence != null;
    }

    /** {@code {epoch ms, value}} pairs as readings at minutes from {@code measuredFrom}. */
    private List<Reading> readings(final List<double[]> pairs, final long measuredFrom)
    {
        synchronized (fds)
        {
            return pairs.stream().map(r -> new Reading((r[0] - measuredFrom) / 60_000.0, r[1])).toList();
        }
    }

    /** Readings that could not be taken, and what reading smaps cost, for the point's notes. */
    List<String> notes()
    {
        synchronized (fds)
        {
            final List<String> notes = new ArrayList<>(problems);
            if (!outsideHeap.isEmpty())
            {
                // the kernel walks every mapping's pages under the server's memory lock: its cost is the server's
                notes.add(String.format(Locale.ROOT, "the resident set outside the heap: smaps read %d times, " +
                    "%.1f ms each on average", outsideHeap.size(), smapsNanos / 1e6 / outsideHeap.size()));
            }
            return notes;
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        thread.interrupt();
        thread.join(Jcmd.TIMEOUT.toMillis() * 2 + 5000);
    }
}
