package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The simplest request and its answer in each service, so that checks about the connection rather than the service
 * (splitting, half-close, limits, shutdown) are written once: echo answers a payload with itself, chat answers
 * {@code PING <token>} with {@code PONG <token>}.
 */
final class Exchange
{
    private Exchange()
    {
    }

    /** A distinct printable token of at least 24 bytes (so that it is longer than any error frame). */
    static byte[] token(final int i)
    {
        return String.format("token-%08d-abcdefghij", i).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] request(final Service service, final byte[] token)
    {
        return service == Service.ECHO ? token : concat("PING ", token);
    }

    static byte[] reply(final Service service, final byte[] token)
    {
        return service == Service.ECHO ? token : concat("PONG ", token);
    }

    /** Sends the request for {@code token} and checks its reply. */
    static void roundTrip(final KitConnection c, final Service service, final byte[] token) throws IOException
    {
        c.send(request(service, token));
        c.expect(reply(service, token));
    }

    /** {@code count} framed requests back to back, as one byte array. */
    static byte[] framedRequests(final KitConnection c, final Service service, final int first, final int count)
    {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = first; i < first + count; i++)
        {
            final byte[] request = request(service, token(i));
            all.writeBytes(c.framing() == io.ioarena.protocol.Framing.RAW ? request : c.framing().encode(request));
        }
        return all.toByteArray();
    }

    static void expectReplies(final KitConnection c, final Service service, final int first, final int count)
        throws IOException
    {
        for (int i = first; i < first + count; i++)
        {
            c.expect(reply(service, token(i)));
        }
    }

    /**
     * Writes {@code bytes} on another thread while the caller reads, so that a large write cannot deadlock against
     * a server that (rightly) stops reading while its replies are not read.
     */
    static CompletableFuture<Void> writeInBackground(final KitConnection c, final byte[] bytes, final int chunk)
    {
        return inBackground("kit-writer", () -> c.writeInChunks(bytes, chunk));
    }

    /** Blocking socket work a case needs done beside its own, so that neither side of a connection can stall. */
    @FunctionalInterface
    interface IoTask
    {
        void run() throws IOException;
    }

    /** Runs {@code task} on a new daemon thread named {@code name}; an I/O failure completes the future with it. */
    static CompletableFuture<Void> inBackground(final String name, final IoTask task)
    {
        return CompletableFuture.runAsync(() ->
        {
            try
            {
                task.run();
            }
            catch (final IOException e)
            {
                throw new java.io.UncheckedIOException(e);
            }
        }, runnable -> Thread.ofPlatform().daemon().name(name).start(runnable));
    }

    static void await(final CompletableFuture<?> future) throws Exception
    {
        try
        {
            future.get(30, TimeUnit.SECONDS);
        }
        catch (final ExecutionException e)
        {
            throw new AssertionError("writing to the server failed: " + e.getCause(), e.getCause());
        }
        catch (final TimeoutException e)
        {
            throw new AssertionError("writing to the server did not finish within 30 s");
        }
    }

    static byte[] concat(final String prefix, final byte[] rest)
    {
        return KitConnection.concat(prefix.getBytes(StandardCharsets.US_ASCII), rest);
    }
}
