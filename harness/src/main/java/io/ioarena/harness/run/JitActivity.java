package io.ioarena.harness.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a JVM's JIT compiler threads have used, from {@code /proc/<pid>/task/<tid>/schedstat} (first field,
 * nanoseconds on a CPU) of the threads the kernel names {@code C1 CompilerThre...} or {@code C2 CompilerThre...}.
 */
final class JitActivity
{
    private JitActivity()
    {
    }

    static long compilerNanos(final long pid)
    {
        return compilerNanos(Path.of("/proc", Long.toString(pid), "task"));
    }

    /** @return the sum over the compiler threads under {@code taskDir}, or -1 when it has none (or is gone). */
    static long compilerNanos(final Path taskDir)
    {
        long sum = 0;
        boolean any = false;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(taskDir))
        {
            for (final Path task : tasks)
            {
                try
                {
                    final String name = Files.readString(task.resolve("comm")).trim();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre"))
                    {
                        sum += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[0]);
                        any = true;
                    }
                }
                catch (final IOException | RuntimeException threadEnded)
                {
                    // a compiler thread that ended between the listing and the read has nothing left to add
                }
            }
        }
        catch (final IOException gone)
        {
            return -1;
        }
        return any ? sum : -1;
    }
}
