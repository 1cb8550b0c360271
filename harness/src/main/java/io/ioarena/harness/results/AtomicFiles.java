package io.ioarena.harness.results;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see the old version or the new one, never half of one: the bytes go to a hidden
 * temporary file in the same folder, are forced to disk, and the temporary file is renamed over the target.
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
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining())
            {
                ch.write(buf);
            }
            ch.force(true);
        }
        try
        {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException e)
        {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
