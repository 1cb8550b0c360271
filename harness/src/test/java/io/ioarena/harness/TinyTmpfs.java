package io.ioarena.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tmpfs of a few pages mounted on a folder, for tests of a full file system. Mounting needs root (as CI runs); where
 * it is refused, the test using it is skipped with the reason.
 */
final class TinyTmpfs implements AutoCloseable
{
    private final Path dir;

    private TinyTmpfs(final Path dir)
    {
        this.dir = dir;
    }

    static TinyTmpfs mount(final Path dir, final int kib) throws IOException, InterruptedException
    {
        Files.createDirectories(dir);
        String out;
        try
        {
            out = run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString());
        }
        catch (final IOException noMount)
        {
            out = noMount.toString();
        }
        assumeTrue(out == null, "skipped: this test needs to mount a tmpfs (as root, which CI is): " + out);
        return new TinyTmpfs(dir);
    }

    Path dir()
    {
        return dir;
    }

    /** Writes {@code name} until the file system has no page left; returns its size. */
    long fill(final String name) throws IOException
    {
        long written = 0;
        final byte[] page = new byte[4096];
        try (OutputStream out = Files.newOutputStream(dir.resolve(name)))
        {
            while (written < 64L << 20)
            {
                out.write(page);
                out.flush();
                written += page.length;
            }
        }
        catch (final IOException full)
        {
            return written;
        }
        throw new IllegalStateException(dir + " is not full after 64 MiB: not the tiny tmpfs this test mounted");
    }

    /** Unmounts, lazily if something still holds it, so that a failed test cannot leave the mount behind. */
    @Override
    public void close() throws IOException, InterruptedException
    {
        if (run("umount", dir.toString()) != null)
        {
            final String lazy = run("umount", "-l", dir.toString());
            if (lazy != null)
            {
                throw new IOException("could not unmount " + dir + ": " + lazy);
            }
        }
    }

    /** Runs a command; null when it succeeded, else its output. */
    private static String run(final String... command) throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS))
        {
            p.destroyForcibly();
            return String.join(" ", command) + " did not finish within 10 s";
        }
        final String out = new String(p.getInputStream().readAllBytes()).trim();
        return p.exitValue() == 0 ? null : String.join(" ", command) + ": exit " + p.exitValue() + ": " + out;
    }
}
