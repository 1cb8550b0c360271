package io.ioarena.protocol.spi;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Thread names as Linux keeps them, for {@link RunningServer#eventLoopThreads()}. The JVM gives each thread it
 * starts its Java name as the kernel's name ({@code /proc/<pid>/task/<tid>/comm}), and Linux keeps only the first
 * 15 bytes of it ({@code TASK_COMM_LEN} is 16 with the terminating NUL): {@code selector-reactor-0} is
 * {@code selector-reacto} there, so a pattern over kernel names must be written against the cut names.
 */
public final class KernelThreadNames
{
    /** Bytes of a thread name the kernel keeps. */
    public static final int MAX_LENGTH = 15;

    private KernelThreadNames()
    {
    }

    /** The kernel's name of a thread with this (ASCII) Java name. */
    public static String of(final String javaName)
    {
        return javaName.length() <= MAX_LENGTH ? javaName : javaName.substring(0, MAX_LENGTH);
    }

    /**
     * A regular expression that matches the kernel name of every thread whose Java name starts with one of these
     * prefixes: each prefix cut as the kernel cuts names, quoted, then anything. Prefixes must still tell the
     * threads apart after the cut (the caller's to check: {@code netty-io_uring-loop} and
     * {@code netty-io_uring-accept} do not).
     */
    public static String startingWith(final String... javaNamePrefixes)
    {
        return Arrays.stream(javaNamePrefixes).map(p -> Pattern.quote(of(p)) + ".*")
            .collect(Collectors.joining("|"));
    }
}
