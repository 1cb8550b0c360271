package io.ioarena.harness.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see the old version or the new one, never half of one: the bytes go to a hidden
 * temporary file in the same folder, are forced to disk, and the temporary file is renamed over the target. A write
 * that fails (a full file system) removes its temporary file and says which file it could not write and why.
 */
public final class AtomicFiles
{
    private AtomicFiles()
    {
    }

    public static void write(final Path target, final String text) throws IOException
    {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(final Path target, final byte[] bytes) throws IOException
    {
        final Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try
        {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING))
            {
                final ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining())
                {
                    ch.write(buf);
                }
                ch.force(true);
            }
            move(tmp, target);
        }
        catch (final IOException e)
        {
            final IOException failed = new IOException("could not write " + target + ": " + cause(e), e);
            try
            {
                Files.deleteIfExists(tmp);
            }
            catch (final IOException notRemoved)
            {
                failed.addSuppressed(notRemoved);
            }
            throw failed;
        }
    }

    private static void move(final Path tmp, final Path target) throws IOException
    {
        try
        {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException e)
        {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The operating system's words ("No space left on device"), without the path a FileSystemException repeats. */
    private static String cause(final IOException e)
    {
        if (e instanceof FileSystemException f && f.getReason() != null)
        {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
