package io.ioarena.harness.hosts;

import java.io.IOException;
import java.io.OutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * A remote process's output as it arrives over its channel: split into lines, each offered to a listener, and those
 * it keeps appended to a log file (when there is one), the last few kept for messages.
 */
final class LineSink extends OutputStream
{
    private static final int TAIL_LINES = 20;

    private final Path log;
    private final Predicate<String> listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Deque<String> tail = new ArrayDeque<>();

    /**
     * @param log      where the kept lines go, or null for none
     * @param listener sees every line; false for one that is not the process's own output (not kept)
     */
    LineSink(final Path log, final Predicate<String> listener)
    {
        this.log = log;
        this.listener = listener;
    }

    @Override
    public synchronized void write(final int b) throws IOException
    {
        if (b == '\n')
        {
            final String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!listener.test(text))
            {
                return;
            }
            if (tail.size() == TAIL_LINES)
            {
                tail.removeFirst();
            }
            tail.addLast(text);
            if (log != null)
            {
                Files.writeString(log, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            }
        }
        else
        {
            line.write(b);
        }
    }

    @Override
    public void write(final byte[] b, final int off, final int len) throws IOException
    {
        for (int i = off; i < off + len; i++)
        {
            write(b[i]);
        }
    }

    /** The last lines, oldest first. */
    synchronized List<String> tail()
    {
        return List.copyOf(tail);
    }
}
