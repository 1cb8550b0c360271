package io.ioarena.selector;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.server.ServerCommandLine;
import io.ioarena.protocol.spi.RunningServer;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The echo path allocates nothing per read or per frame once a connection is warm: measured on the reactor threads
 * with the JVM's per-thread allocation counter, over many pipelined frames split across reads.
 */
class EchoAllocationTest
{
    private static final int FRAMES = 20_000;
    private static final int PAYLOAD = 100;
    /** Slack for the odd JDK-internal object; one allocation per frame would be hundreds of kilobytes. */
    private static final long ALLOWED_BYTES = 16 * 1024;

    @Test
    void echoingPipelinedLengthFramesAllocatesNothingOnTheReactor() throws Exception
    {
        final RunningServer server = new SelectorServerProvider().start(ServerCommandLine.parse(
            new SelectorServerProvider(), List.of("--framing", "length", "--event-loops", "1")));
        try (Socket socket = new Socket("127.0.0.1", server.port()))
        {
            socket.setTcpNoDelay(true);
            final byte[] frames = frames();
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final OutputStream out = socket.getOutputStream();

            echo(frames, in, out); // warm-up: partial-frame buffer allocated, code compiled
            final long before = reactorAllocatedBytes();
            echo(frames, in, out);
            final long allocated = reactorAllocatedBytes() - before;

            assertTrue(allocated < ALLOWED_BYTES, "the reactor allocated " + allocated + " bytes echoing " + FRAMES +
                " frames");
        }
        finally
        {
            server.stop();
        }
    }

    /** Writes every frame in odd-sized chunks (so frames split across reads) while reading the echo back. */
    private static void echo(final byte[] frames, final DataInputStream in, final OutputStream out) throws Exception
    {
        final CompletableFuture<Void> writing = CompletableFuture.runAsync(() ->
        {
            try
            {
                for (int offset = 0; offset < frames.length; offset += 1499)
                {
                    out.write(frames, offset, Math.min(1499, frames.length - offset));
                }
                out.flush();
            }
            catch (final Exception e)
            {
                throw new IllegalStateException(e);
            }
        });
        final byte[] echoed = new byte[frames.length];
        in.readFully(echoed);
        writing.get(30, TimeUnit.SECONDS);
        assertArrayEquals(frames, echoed);
    }

    private static byte[] frames()
    {
        final byte[] payload = new byte[PAYLOAD];
        final byte[] frame = Framing.LENGTH.encode(payload);
        final byte[] all = new byte[frame.length * FRAMES];
        for (int i = 0; i < FRAMES; i++)
        {
            Arrays.fill(payload, (byte)i);
            System.arraycopy(Framing.LENGTH.encode(payload), 0, all, i * frame.length, frame.length);
        }
        return all;
    }

    private static long reactorAllocatedBytes()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final List<Thread> reactors = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith(Reactor.THREAD_NAME))
            .toList();
        assertEquals(1, reactors.size(), "the reactor thread, found by name");
        return reactors.stream().mapToLong(t -> threads.getThreadAllocatedBytes(t.threadId())).sum();
    }
}
