package io.ioarena.harness.env;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Raises the harness's RLIMIT_NOFILE, which the servers and the client it starts inherit, to what a suite's largest
 * point needs, where it may: only a process with CAP_SYS_RESOURCE (root, unless a container has taken it away, as
 * some sandboxes do) may raise the hard limit (up to {@code fs.nr_open}), and the JVM has already raised its own soft
 * limit to the hard one at start (-XX:+MaxFDLimit), so without it there is nothing left to raise. Kernel settings
 * (sysctls) are never changed: the preflight reports them.
 */
public final class OpenFileLimit
{
    /** CAP_SYS_RESOURCE's bit in /proc's capability masks (linux/capability.h). */
    private static final int CAP_SYS_RESOURCE = 24;

    private OpenFileLimit()
    {
    }

    /** The file descriptors each process of a point needs for {@code maxConnections} connections. */
    public static long needed(final int maxConnections)
    {
        return maxConnections + ConnectionLimits.FD_RESERVE;
    }

    /**
     * The limit to set (soft and hard), or none when {@code soft} already covers {@code needed} or raising it is not
     * allowed.
     */
    static OptionalLong target(final long soft, final long nrOpen, final boolean mayRaiseHard, final long needed)
    {
        if (soft >= needed || !mayRaiseHard)
        {
            return OptionalLong.empty();
        }
        final long target = Math.min(nrOpen, needed);
        return target > soft ? OptionalLong.of(target) : OptionalLong.empty();
    }

    /**
     * Raises this process's limit for {@code maxConnections} with {@code prlimit} where needed and allowed, before
     * the harness starts a process.
     *
     * @return what it did, in words, or empty when there was nothing to do
     */
    public static Optional<String> raiseFor(final int maxConnections)
    {
        final Optional<Long> soft = Machine.openFileLimit();
        final boolean mayRaiseHard = Machine.procStatus("CapEff:")
            .map(c -> new java.math.BigInteger(c, 16).testBit(CAP_SYS_RESOURCE)).orElse(false);
        final long nrOpen = Machine.read("/proc/sys/fs/nr_open").map(s -> Long.parseLong(s.trim())).orElse(1L << 20);
        if (soft.isEmpty())
        {
            return Optional.empty();
        }
        final OptionalLong target = target(soft.get(), nrOpen, mayRaiseHard, needed(maxConnections));
        if (target.isEmpty())
        {
            return Optional.empty();
        }
        final String limit = target.getAsLong() + ":" + target.getAsLong();
        final Optional<String> done = Machine.command(Path.of("."), "prlimit", "--pid",
            Long.toString(ProcessHandle.current().pid()), "--nofile=" + limit);
        return Optional.of(done.isPresent()
            ? String.format(Locale.ROOT, "open files: raised RLIMIT_NOFILE from %,d to %,d for the servers and the " +
                "client (with prlimit and CAP_SYS_RESOURCE)", soft.get(), target.getAsLong())
            : String.format(Locale.ROOT, "open files: could not raise RLIMIT_NOFILE from %,d to %,d (prlimit " +
                "failed or is missing)", soft.get(), target.getAsLong()));
    }
}
