package io.ioarena.protocol.launch;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One thread's scheduler statistics from Linux's {@code /proc/<pid>/task/<tid>/schedstat}: three cumulative
 * numbers since the thread started, its time on a CPU, its time runnable but waiting on a run queue (what other
 * threads or processes, or the hypervisor, cost it), and how many times it was given a CPU.
 */
public record Schedstat(long runNanos, long waitNanos, long timeslices)
{
    /** A thread of a process by its kernel name (see {@code KernelThreadNames}) and its statistics. */
    public record Task(String name, Schedstat schedstat)
    {
    }

    /** The file's one line: {@code <run ns> <wait ns> <timeslices>}. */
    public static Schedstat parse(final String text)
    {
        final String[] f = text.strip().split(" +");
        if (f.length < 3)
        {
            throw new IllegalArgumentException("a schedstat line has three numbers, not: " + text);
        }
        return new Schedstat(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
    }

    /** The statistics of the thread whose {@code /proc/<pid>/task/<tid>} folder this is. */
    public static Schedstat read(final Path task) throws IOException
    {
        return parse(procFile(task.resolve("schedstat")));
    }

    /** Every thread of the process now; a thread that ends while it is read is left out. */
    public static List<Task> tasks(final long pid) throws IOException
    {
        final List<Task> tasks = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task")))
        {
            for (final Path task : all)
            {
                try
                {
                    tasks.add(new Task(procFile(task.resolve("comm")).strip(), read(task)));
                }
                catch (final IOException ended)
                {
                    // gone between listing and reading
                }
            }
        }
        return tasks;
    }

    /**
     * A /proc file read to its end, not to the size it reports (which may be too small, or 0). Through java.io, not
     * a FileChannel: a load client reads its threads' statistics at the measured phase's edges, and a file read
     * through NIO there makes the JIT's code for its socket reads (sun.nio.ch.IOUtil.read, profiled with sockets
     * only) an uncommon trap and a recompilation at the start of the measured window.
     */
    public static String procFile(final Path file) throws IOException
    {
        try (InputStream in = new FileInputStream(file.toFile()))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
