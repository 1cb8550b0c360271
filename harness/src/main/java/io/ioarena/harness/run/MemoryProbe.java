package io.ioarena.harness.run;

import io.ioarena.harness.env.Machine;
import io.ioarena.harness.results.MemoryReading;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a server process's memory ({@link MemoryReading}) from outside it: /proc for every process, and for a JVM
 * {@link Jcmd}, which forces a full collection first so that the
 * heap figure is what is live, not what garbage has not yet been collected. The collection pauses the server: read
 * between measurements, never inside a measured window.
 */
public final class MemoryProbe
{
    /** A top-level line of {@code GC.heap_info} (one per generation or heap), with the first "used" size on it. */
    private static final Pattern HEAP_USED = Pattern.compile("^\\S.*?\\bused (\\d+)([KMG])", Pattern.MULTILINE);
    private static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB",
        Pattern.MULTILINE);
    private static final Pattern NMT_HEAP = Pattern.compile("Java Heap \\(reserved=\\d+KB, committed=(\\d+)KB");

    private final Jcmd jcmd;

    public MemoryProbe(final Jcmd jcmd)
    {
        this.jcmd = jcmd;
    }

    public static MemoryProbe ofThisJdk()
    {
        return new MemoryProbe(Jcmd.ofThisJdk());
    }

    /**
     * Reads the process; for a JVM ({@code jvm}) also its live heap and, where tracked, its native memory.
     *
     * @throws IOException if /proc has no such process or jcmd fails: the message says which and why.
     */
    public MemoryReading read(final long pid, final boolean jvm) throws IOException, InterruptedException
    {
        final Path smaps = Path.of("/proc", Long.toString(pid), "smaps_rollup");
        if (!jvm)
        {
            return reading(Machine.readFile(smaps), null, null);
        }
        final String heapInfo = heapInfoAfterGc(pid);
        final String nmt = jcmd.run(pid, "VM.native_memory", "summary");
        // smaps after the collection: what the server holds with its garbage gone, as the heap figure is
        return reading(Machine.readFile(smaps), heapInfo, nmt);
    }

    /**
     * Where JVM {@code pid}'s heap lies ({@code GC.heap_info}, which changes nothing, and attaches jcmd for the
     * commands that follow); empty when its collector prints no address range (ZGC).
     */
    Optional<HeapResidence> heapResidence(final long pid) throws IOException, InterruptedException
    {
        return HeapResidence.of(jcmd.run(pid, "GC.heap_info"));
    }

    /**
     * A JVM's live heap in bytes: a full collection forced, then the heap in use (a soak's reading of a leak; the
     * collection stops the server, so a soak takes few).
     *
     * @throws IOException if jcmd fails: the message says why.
     */
    public long heapAfterGc(final long pid) throws IOException, InterruptedException
    {
        return heapUsed(heapInfoAfterGc(pid));
    }

    /** {@code GC.heap_info}'s text right after a forced full collection: the live heap, garbage gone. */
    private String heapInfoAfterGc(final long pid) throws IOException, InterruptedException
    {
        jcmd.run(pid, "GC.run");
        return jcmd.run(pid, "GC.heap_info");
    }

    /**
     * A reading from the texts of smaps_rollup, {@code GC.heap_info} and {@code VM.native_memory summary} (the last
     * two null for a process that is not a JVM).
     */
    static MemoryReading reading(final String smapsRollup, final String heapInfo, final String nmt)
    {
        return new MemoryReading(field(smapsRollup, "Rss:"), field(smapsRollup, "Pss:"),
            heapInfo == null ? null : heapUsed(heapInfo), nmt == null ? null : kilobytes(NMT_TOTAL, nmt),
            nmt == null ? null : kilobytes(NMT_HEAP, nmt));
    }

    /** The heap in use from {@code GC.heap_info}'s text: the sum over its top-level lines (generations). */
    private static long heapUsed(final String heapInfo)
    {
        final Matcher m = HEAP_USED.matcher(heapInfo);
        long bytes = 0;
        boolean found = false;
        while (m.find())
        {
            found = true;
            final long unit = switch (m.group(2))
            {
                case "K" -> 1L << 10;
                case "M" -> 1L << 20;
                default -> 1L << 30;
            };
            bytes += Long.parseLong(m.group(1)) * unit;
        }
        if (!found)
        {
            throw new IllegalArgumentException("GC.heap_info printed no heap usage this probe understands: " +
                heapInfo.strip());
        }
        return bytes;
    }

    /** A committed total from {@code VM.native_memory summary}'s text; null where tracking is off. */
    private static Long kilobytes(final Pattern pattern, final String nmt)
    {
        final Matcher m = pattern.matcher(nmt);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : null;
    }

    private static long field(final String text, final String name)
    {
        for (final String line : text.split("\n"))
        {
            if (line.startsWith(name))
            {
                return Long.parseLong(line.substring(name.length()).replace("kB", "").strip()) * 1024;
            }
        }
        throw new IllegalArgumentException("smaps_rollup has no " + name + " line");
    }
}
