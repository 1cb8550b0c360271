package io.ioarena.protocol.conformance;

import io.ioarena.protocol.ErrorCode;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.ioarena.protocol.conformance.Exchange.await;
import static io.ioarena.protocol.conformance.Exchange.expectReplies;
import static io.ioarena.protocol.conformance.Exchange.framedRequests;
import static io.ioarena.protocol.conformance.Exchange.roundTrip;
import static io.ioarena.protocol.conformance.Exchange.token;
import static io.ioarena.protocol.conformance.Exchange.writeInBackground;

/**
 * Checks about connections and framing that hold in every service: the same bytes back however TCP splits them,
 * limits, back-pressure, closing. They talk through {@link Exchange}, so each is written once for echo and chat.
 */
final class CommonCases
{
    static final int CONCURRENT_CONNECTIONS = 1000;
    static final int CONNECTION_LIMIT = 4;
    /** A server that buffers this much for a client that does not read is not applying back-pressure. */
    static final long UNBOUNDED_BUFFERING_BYTES = 96L << 20;
    /** Connections, and frames sent behind the oversized one, of the case that refuses while the client sends. */
    static final int REFUSED_WHILE_SENDING_CONNECTIONS = 10;
    static final int REFUSED_WHILE_SENDING_TRAILER_FRAMES = 10;

    private CommonCases()
    {
    }

    static List<ConformanceCase> cases(final Service s, final Framing f)
    {
        final List<ConformanceCase> cases = new ArrayList<>(List.of(
            c("single-round-trip", s, f, ctx -> roundTrip(ctx.connect(), s, token(1))),
            c("split-1-byte-writes", s, f, ctx -> splitWrites(ctx, s)),
            c("coalesced-100-in-one-write", s, f, ctx -> coalesced(ctx, s)),
            c("pipelined-1000", s, f, ctx -> pipelined(ctx, s)),
            c("half-close", s, f, ctx -> halfClose(ctx, s)),
            c("reset-mid-frame", s, f, ctx -> resetMidFrame(ctx, s)),
            c("1000-concurrent-connections", s, f, ctx -> concurrent(ctx, s)),
            c("unread-replies-are-throttled", s, f, ctx -> unreadRepliesThrottled(ctx, s)),
            c(NonReaders.CONNECTIONS + "-non-readers-held-per-connection", s, f,
                ctx -> NonReaders.requestsNeverRead(ctx, s)),
            new ConformanceCase("connection-limit", s, f,
                List.of("--max-connections", Integer.toString(CONNECTION_LIMIT)), false, ctx -> connectionLimit(ctx, s)),
            new ConformanceCase("graceful-shutdown", s, f, List.of(), true, ctx -> gracefulShutdown(ctx, s))));
        if (f == Framing.RAW)
        {
            cases.add(c("large-stream-1MiB", s, f, CommonCases::largeRawStream));
        }
        else
        {
            cases.add(c("max-size-frame-across-many-reads", s, f, ctx -> maxSizeFrame(ctx, s)));
            cases.add(c("oversized-frame-rejected", s, f, ctx -> oversized(ctx, s)));
            cases.add(c("oversized-frame-rejected-while-client-sends", s, f, ctx -> refusedWhilePeerSends(ctx, s)));
        }
        return cases;
    }

    static ConformanceCase c(final String name, final Service s, final Framing f, final ConformanceCase.Body body)
    {
        return new ConformanceCase(name, s, f, List.of(), false, body);
    }

    private static void splitWrites(final CaseContext ctx, final Service s) throws Exception
    {
        final KitConnection c = ctx.connect();
        c.writeInChunks(framedRequests(c, s, 0, 10), 1);
        expectReplies(c, s, 0, 10);
    }

    private static void coalesced(final CaseContext ctx, final Service s) throws Exception
    {
        final KitConnection c = ctx.connect();
        c.write(framedRequests(c, s, 0, 100));
        expectReplies(c, s, 0, 100);
    }

    private static void pipelined(final CaseContext ctx, final Service s) throws Exception
    {
        final KitConnection c = ctx.connect();
        final CompletableFuture<Void> writing = writeInBackground(c, framedRequests(c, s, 0, 1000), 1000);
        expectReplies(c, s, 0, 1000);
        await(writing);
    }

    private static void maxSizeFrame(final CaseContext ctx, final Service s) throws Exception
    {
        final KitConnection c = ctx.connect();
        final int max = ctx.maxFrame();
        // Printable bytes, so the same payload is valid in line framing and as chat text.
        final byte[] token = new byte[max - Exchange.request(s, new byte[0]).length];
        for (int i = 0; i < token.length; i++)
        {
            token[i] = (byte)('a' + i % 26);
        }
        token[token.length - 1] = '\r'; // payload like any byte: a line of exactly max-frame may end in \r
        final byte[] request = Exchange.request(s, token);
        final CompletableFuture<Void> writing = writeInBackground(c, c.framing().encode(request), 997);
        c.expect(Exchange.reply(s, token));
        await(writing);
        roundTrip(c, s, token(2));
    }

    private static void largeRawStream(final CaseContext ctx) throws Exception
    {
        final KitConnection c = ctx.connect();
        final byte[] stream = new byte[1 << 20];
        for (int i = 0; i < stream.length; i++)
        {
            stream[i] = (byte)(i * 31 + (i >> 8));
        }
        final CompletableFuture<Void> writing = writeInBackground(c, stream, 1000);
        c.expect(stream);
        await(writing);
    }

    private static void oversized(final CaseContext ctx, final Service s) throws Exception
    {
        final KitConnection c = ctx.connect();
        final byte[] good = framedRequests(c, s, 7, 1);
        final byte[] bad = oversizedFrame(c, ctx.maxFrame(), framedRequests(c, s, 9, 1));
        final CompletableFuture<Void> writing = writeInBackground(c, KitConnection.concat(good, bad), 4096);
        c.expect(Exchange.reply(s, token(7)));
        c.expectError(ErrorCode.FRAME_TOO_LARGE);
        c.expectClosed();
        writing.handle((ok, e) -> null).get(10, TimeUnit.SECONDS); // a write may fail once the server has closed
        roundTrip(ctx.connect(), s, token(8));
    }

    /** A frame one byte over {@code max}, with {@code after} behind it (in {@code length}: behind its header). */
    private static byte[] oversizedFrame(final KitConnection c, final int max, final byte[] after)
    {
        if (c.framing() == Framing.LENGTH)
        {
            // The header alone must be refused; the frame behind it must not be answered.
            return KitConnection.concat(ByteBuffer.allocate(4).putInt(max + 1).array(), after);
        }
        // max+1 payload bytes, the last a \r: \r is payload, so this line is one byte too long.
        final byte[] bad = new byte[max + 2];
        Arrays.fill(bad, (byte)'x');
        bad[max] = '\r';
        bad[max + 1] = Framing.NEWLINE;
        return KitConnection.concat(bad, after);
    }

    /**
     * The server refuses an oversized frame while the client is still sending, in small writes after it, bytes it will
     * never read: it must still answer the frame before, send the error and close, whatever it does with the rest.
     * Several connections in a row, since whether a close races the next bytes is a matter of timing.
     */
    private static void refusedWhilePeerSends(final CaseContext ctx, final Service s) throws Exception
    {
        for (int i = 0; i < REFUSED_WHILE_SENDING_CONNECTIONS; i++)
        {
            final KitConnection c = ctx.connect();
            final byte[] good = framedRequests(c, s, i, 1);
            final byte[] bad = oversizedFrame(c, ctx.maxFrame(), new byte[0]);
            try
            {
                c.write(KitConnection.concat(good, bad));
                c.writeInChunks(framedRequests(c, s, 100, REFUSED_WHILE_SENDING_TRAILER_FRAMES), 4);
            }
            catch (final IOException e)
            {
                // the server closed (and reset: the rest was never read) before the last write, as it may
            }
            c.expect(Exchange.reply(s, token(i)));
            c.expectError(ErrorCode.FRAME_TOO_LARGE);
            c.expectClosed();
        }
    }

    private static void halfClose(final CaseContext ctx, final Service s) throws Exception
    {
        final KitConnection c = ctx.connect();
        final byte[] requests = framedRequests(c, s, 0, 20);
        final byte[] partial = switch (c.framing())
        {
            case RAW -> new byte[0];
            case LINE -> "PING incomplete".getBytes(StandardCharsets.US_ASCII);
            case LENGTH -> new byte[] {0, 0, 0, 10, 'P', 'I'};
        };
        c.write(KitConnection.concat(requests, partial));
        c.shutdownOutput();
        expectReplies(c, s, 0, 20);
        c.expectEof();
    }

    private static void resetMidFrame(final CaseContext ctx, final Service s) throws Exception
    {
        final KitConnection a = ctx.connect();
        roundTrip(a, s, token(1));
        final byte[] next = framedRequests(a, s, 2, 1);
        a.write(Arrays.copyOf(next, next.length / 2));
        a.reset();
        final KitConnection b = ctx.connect();
        for (int i = 3; i < 6; i++)
        {
            roundTrip(b, s, token(i));
        }
        if (s == Service.CHAT)
        {
            ChatCases.awaitOpenConnections(b, 1);
        }
    }

    private static void concurrent(final CaseContext ctx, final Service s) throws Exception
    {
        final List<KitConnection> all = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_CONNECTIONS; i++)
        {
            final KitConnection c = ctx.connect();
            c.write(framedRequests(c, s, i, 1));
            all.add(c);
        }
        for (int i = 0; i < CONCURRENT_CONNECTIONS; i++)
        {
            all.get(i).expect(Exchange.reply(s, token(i)));
        }
        for (final KitConnection c : all)
        {
            c.close();
        }
    }

    /**
     * A client that writes without reading must be throttled through TCP (PROTOCOL.md section 3), never buffered
     * without bound nor disconnected: the writes stall long before {@link #UNBOUNDED_BUFFERING_BYTES}, and every
     * reply then arrives intact.
     */
    private static void unreadRepliesThrottled(final CaseContext ctx, final Service s) throws Exception
    {
        final KitConnection c = ctx.connectWithSmallBuffers(65536);
        final byte[] token = new byte[1000];
        Arrays.fill(token, (byte)'t');
        final byte[] request = Exchange.request(s, token);
        final byte[] frame = c.framing() == Framing.RAW ? request : c.framing().encode(request);
        final int framesPerChunk = 64;
        final byte[] chunk = new byte[frame.length * framesPerChunk];
        for (int i = 0; i < framesPerChunk; i++)
        {
            System.arraycopy(frame, 0, chunk, i * frame.length, frame.length);
        }
        // started: the chunks the writer began (each is answered in full once it is read); written: those done
        final AtomicLong started = new AtomicLong();
        final AtomicLong written = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        final CompletableFuture<Void> writing = Exchange.inBackground("kit-flood", () ->
        {
            while (!stop.get() && written.get() < UNBOUNDED_BUFFERING_BYTES + chunk.length)
            {
                started.addAndGet(chunk.length);
                c.write(chunk);
                written.addAndGet(chunk.length);
            }
        });

        // Wait until the writes stop making progress for a second (the server stopped reading), or the cap is hit.
        long last = -1;
        long lastChange = System.nanoTime();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!writing.isDone() && System.nanoTime() < deadline)
        {
            final long now = written.get();
            if (now != last)
            {
                last = now;
                lastChange = System.nanoTime();
            }
            else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(1))
            {
                break;
            }
            Thread.sleep(20);
        }
        stop.set(true);
        final long atStall = written.get();
        if (atStall >= UNBOUNDED_BUFFERING_BYTES)
        {
            throw new AssertionError("the server accepted " + atStall + " bytes from a client that read nothing: " +
                "it buffers without bound instead of pausing reads above --high-water");
        }
        // Reading lets the blocked writer finish its current chunk; then it sees stop and ends. Only replies to chunks
        // the writer began are awaited: a writer that is done with one chunk and not yet ended may still begin
        // another (it read stop before it was set), so until it ends, the reader waits for it rather than for a reply.
        long read = 0;
        final long readingDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            if (read < started.get() / frame.length)
            {
                try
                {
                    c.expect(Exchange.reply(s, token));
                }
                catch (final AssertionError e)
                {
                    throw new AssertionError(e.getMessage() + " (reply " + (read + 1) + "; the client began " +
                        started.get() + " bytes, wrote " + written.get() + ", " + atStall + " when its writes " +
                        "stalled" + queues(ctx.server().port(), c.socket().getLocalPort()) + ")", e);
                }
                read++;
            }
            else if (writing.isDone())
            {
                break;
            }
            else if (System.nanoTime() > readingDeadline)
            {
                throw new AssertionError("the kit's writer did not end within 60 s after the reading began");
            }
            else
            {
                Thread.sleep(1);
            }
        }
        await(writing);
        final long frames = written.get() / frame.length;
        if (read != frames)
        {
            throw new AssertionError("sent " + frames + " requests but read " + read + " replies");
        }
    }

    /** The kernel's queues on both ends of a connection now, for a failure's message. */
    private static String queues(final int serverPort, final int clientPort)
    {
        try
        {
            if (!KernelQueues.available())
            {
                return "";
            }
            return "; now " + KernelQueues.read().describe(clientPort, serverPort);
        }
        catch (final IOException e)
        {
            return "; kernel queues unreadable: " + e.getMessage();
        }
    }

    private static void connectionLimit(final CaseContext ctx, final Service s) throws Exception
    {
        final List<KitConnection> open = new ArrayList<>();
        for (int i = 0; i < CONNECTION_LIMIT; i++)
        {
            final KitConnection c = ctx.connect();
            roundTrip(c, s, token(i));
            open.add(c);
        }
        final KitConnection refused = ctx.connect();
        refused.expectError(ErrorCode.SERVER_FULL);
        refused.expectEof();
        for (int i = 0; i < CONNECTION_LIMIT; i++)
        {
            roundTrip(open.get(i), s, token(100 + i));
        }
        open.get(0).close();
        // The server learns of the close asynchronously: a new connection is served once it has.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true)
        {
            final KitConnection c = ctx.connect();
            if (servedOrRefused(c, s, token(200)))
            {
                return;
            }
            c.close();
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("a connection closed by its client still counts towards " +
                    "--max-connections after 5 s");
            }
            Thread.sleep(20);
        }
    }

    /** True if the connection is served; false if the server refused it with {@code ERR SERVER_FULL}. */
    private static boolean servedOrRefused(final KitConnection c, final Service s, final byte[] token) throws IOException
    {
        c.send(Exchange.request(s, token));
        final byte[] full = ErrorCode.SERVER_FULL.frame(c.framing());
        final byte[] reply = Exchange.reply(s, token);
        final byte[] expected = c.framing() == Framing.RAW ? reply : c.framing().encode(reply);
        final byte[] head = c.readExactly(full.length);
        if (Arrays.equals(head, full))
        {
            return false;
        }
        final byte[] rest = c.readExactly(expected.length - full.length);
        if (!Arrays.equals(KitConnection.concat(head, rest), expected))
        {
            throw new AssertionError("expected " + KitConnection.show(expected) + " but got " +
                KitConnection.show(KitConnection.concat(head, rest)));
        }
        return true;
    }

    private static void gracefulShutdown(final CaseContext ctx, final Service s) throws Exception
    {
        final KitConnection a = ctx.connect();
        final KitConnection b = ctx.connect();
        a.write(framedRequests(a, s, 0, 100));
        expectReplies(a, s, 0, 100);
        roundTrip(b, s, token(1));
        final long started = System.nanoTime();
        final CompletableFuture<Void> stopping = CompletableFuture.runAsync(() ->
        {
            try
            {
                ctx.server().stop();
            }
            catch (final Exception e)
            {
                throw new IllegalStateException(e);
            }
        });
        a.expectEof();
        b.expectEof();
        Exchange.await(stopping);
        final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (millis > 10_000)
        {
            throw new AssertionError("graceful shutdown with idle connections took " + millis + " ms");
        }
        ctx.server().exitStatus().ifPresent(status ->
        {
            if (status != 0)
            {
                throw new AssertionError("the server exited with status " + status + " after a graceful shutdown");
            }
        });
        try (Socket late = new Socket())
        {
            late.connect(new InetSocketAddress(ctx.server().host(), ctx.server().port()), 2000);
            throw new AssertionError("the server still accepts connections after a graceful shutdown");
        }
        catch (final ConnectException expected)
        {
            // refused: the listening socket is closed
        }
    }
}
