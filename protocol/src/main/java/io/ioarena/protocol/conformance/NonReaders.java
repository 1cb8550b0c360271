package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static io.ioarena.protocol.conformance.Exchange.roundTrip;
import static io.ioarena.protocol.conformance.Exchange.token;

/**
 * Many clients that send without reading, at once, while another client does a round trip every
 * {@link #CANARY_PAUSE_MILLIS} (PROTOCOL.md sections 3
 * and 4.3). Each of {@link #CONNECTIONS} connections pushes requests as fast as the server lets it, up to
 * {@link #PUSH_CAP_BYTES}, until no connection made progress for {@link #STALL_MILLIS} while the other client
 * completed {@link #STALL_ROUND_TRIPS} round trips (the server runs, and stopped reading them all), or
 * {@link #FLOOD_MILLIS} passed. Loopback socket buffers take several MB per connection, so a push that
 * merely stalls proves nothing: the case measures what the server itself holds for each connection, once the push
 * has stopped,
 *
 * <pre>
 *   held = replies owed for the requests the server has read - reply bytes in the kernel
 *   requests read = bytes pushed - client send queue - server receive queue
 *   reply bytes in the kernel = server send queue + client receive queue
 * </pre>
 *
 * (a request read only in part counts as held, as its bytes), with the queues from {@code /proc/net/tcp} and
 * {@code tcp6} ({@link KernelQueues}). It must be at most {@link #HELD_BOUND_HIGH_WATERS} times the server's
 * {@code --high-water}, plus {@link #HELD_SLACK_BYTES}, for every connection: a server that stops reading once it
 * is over the mark holds the mark plus the replies to its last read (the Java servers read up to 64 KiB, the default
 * mark), and a chat delivery is a little longer than the {@code MSG} it answers. Where the server's sockets are not
 * visible (not Linux, or a server on another host) only the stall below the cap is checked.
 */
final class NonReaders
{
    static final int CONNECTIONS = 50;
    static final long PUSH_CAP_BYTES = 8L << 20;
    static final long STALL_MILLIS = 500;
    /** A server starved of CPU also stops reading for a while: the stall counts once it has served another client. */
    static final int STALL_ROUND_TRIPS = 2;
    /**
     * The other client's pause between round trips. Its round trips show that the server serves others during the
     * flood and tell a stalled push from a starved server, which one every 5 ms does (about 100 in a stall window).
     * Back to back they were a closed loop of their own. Measured on 2 vCPUs: the three flood cases of echo and chat
     * against Netty alone took 11.8-12.4 s of CPU without the pause and 7.6-8.6 s with it (3 interleaved pairs, as
     * long in wall time); the default suite's gate of six servers took 73.0 and 77.9 s without, 68.0 and 73.2 s with
     * it (interleaved, 9 s of CPU less each time).
     */
    static final long CANARY_PAUSE_MILLIS = 5;
    static final long FLOOD_MILLIS = 15_000;
    /**
     * The clients' socket buffers: small, so that the case spends its time past the server's buffers rather than
     * filling its own. The server's sockets keep their defaults (several MB each on loopback, autotuned).
     */
    static final int CLIENT_SOCKET_BUFFERS = 64 * 1024;
    static final int HELD_BOUND_HIGH_WATERS = 2;
    static final int HELD_SLACK_BYTES = 4096;
    /** A transient backlog is not a leak: a connection over the bound is measured again this many times. */
    private static final int MEASUREMENTS = 3;
    private static final long REMEASURE_MILLIS = 300;
    private static final int REQUEST_TOKEN_BYTES = 1000;
    private static final int ROOM_TEXT_BYTES = 1000;
    /** Whole requests per flooder stream, so that the stream restarts at a request boundary. */
    private static final int REQUESTS_PER_STREAM = 64;

    private NonReaders()
    {
    }

    /**
     * Echo and chat: requests whose replies are as long as they are (an echoed frame, {@code PING t} for
     * {@code PONG t}), never read. The server must throttle every connection through TCP and close none.
     */
    static void requestsNeverRead(final CaseContext ctx, final Service s) throws Exception
    {
        final byte[] token = new byte[REQUEST_TOKEN_BYTES];
        Arrays.fill(token, (byte)'t');
        final byte[] request = frame(ctx.framing(), Exchange.request(s, token));
        final byte[] reply = frame(ctx.framing(), Exchange.reply(s, token));
        final List<Flooder> flooders = new ArrayList<>();
        try
        {
            for (int i = 0; i < CONNECTIONS; i++)
            {
                flooders.add(new Flooder(connect(ctx), request, reply.length));
            }
            flood(ctx, s, flooders, false);
        }
        finally
        {
            closeAll(flooders);
        }
    }

    /**
     * Chat: each connection alone in a room of its own floods it with {@code MSG}s and never reads its own
     * deliveries. Reading it is paused above the high-water mark; a server may instead close it as a slow consumer
     * (section 4.3). Either way what it holds for the connection stays bounded.
     */
    static void roomFloodersNeverRead(final CaseContext ctx) throws Exception
    {
        final byte[] text = new byte[ROOM_TEXT_BYTES];
        Arrays.fill(text, (byte)'m');
        final List<Flooder> flooders = new ArrayList<>();
        try
        {
            for (int i = 0; i < CONNECTIONS; i++)
            {
                final String room = "flood" + i;
                final SocketChannel channel = connect(ctx);
                join(ctx, channel, room);
                flooders.add(new Flooder(channel,
                    frame(ctx.framing(), Exchange.concat("MSG " + room + " ", text)),
                    frame(ctx.framing(), Exchange.concat("MSG " + room + " * ", text)).length));
            }
            flood(ctx, Service.CHAT, flooders, true);
        }
        finally
        {
            closeAll(flooders);
        }
    }

    /** One connection that pushes a stream of identical requests and reads nothing. */
    private static final class Flooder
    {
        final SocketChannel channel;
        final ByteBuffer stream;
        final int requestBytes;
        final int replyBytes;
        long pushed;
        boolean closedByServer;

        Flooder(final SocketChannel channel, final byte[] request, final int replyBytes) throws IOException
        {
            this.channel = channel;
            final byte[] stream = new byte[request.length * REQUESTS_PER_STREAM];
            for (int i = 0; i < REQUESTS_PER_STREAM; i++)
            {
                System.arraycopy(request, 0, stream, i * request.length, request.length);
            }
            this.stream = ByteBuffer.wrap(stream);
            this.requestBytes = request.length;
            this.replyBytes = replyBytes;
            channel.configureBlocking(false);
        }

        /** Writes what the socket takes now; returns whether it took anything. */
        boolean push()
        {
            if (closedByServer || pushed >= PUSH_CAP_BYTES)
            {
                return false;
            }
            final int n;
            try
            {
                n = channel.write(stream);
            }
            catch (final IOException e)
            {
                closedByServer = true;
                return false;
            }
            if (!stream.hasRemaining())
            {
                stream.clear();
            }
            pushed += n;
            return n > 0;
        }

        int localPort()
        {
            return channel.socket().getLocalPort();
        }

        long held(final KernelQueues kernel, final int serverPort)
        {
            return NonReaders.held(pushed, requestBytes, replyBytes, kernel.of(localPort(), serverPort),
                kernel.of(serverPort, localPort()));
        }

        String describe(final KernelQueues kernel, final int serverPort)
        {
            return "pushed " + pushed + ", " + kernel.describe(localPort(), serverPort);
        }
    }

    /**
     * What a server holds for a connection, by the formula of the class comment: {@code pushed} bytes of requests
     * of {@code requestBytes} each, answered with {@code replyBytes} each, with the kernel's queues on both ends.
     */
    static long held(final long pushed, final int requestBytes, final int replyBytes, final KernelQueues.Queues client,
        final KernelQueues.Queues server)
    {
        final long read = pushed - client.tx() - server.rx();
        return read / requestBytes * replyBytes + read % requestBytes - server.tx() - client.rx();
    }

    private static void flood(final CaseContext ctx, final Service s, final List<Flooder> flooders,
        final boolean closingAllowed) throws Exception
    {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong roundTrips = new AtomicLong();
        final AtomicLong slowestNanos = new AtomicLong();
        final KitConnection canaryConnection = ctx.connect();
        final CompletableFuture<Void> canary = Exchange.inBackground("kit-canary", () ->
        {
            while (!stop.get())
            {
                final long start = System.nanoTime();
                roundTrip(canaryConnection, s, token((int)roundTrips.get()));
                slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                roundTrips.incrementAndGet();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(CANARY_PAUSE_MILLIS));
            }
        });
        try
        {
            pushUntilStalled(flooders, canary, roundTrips);
        }
        finally
        {
            stop.set(true);
        }
        try
        {
            canary.get(KitConnection.READ_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException e)
        {
            throw new AssertionError("another connection's round trip failed during the flood (the " +
                roundTrips.get() + " before it took up to " + TimeUnit.NANOSECONDS.toMillis(slowestNanos.get()) +
                " ms): " + e.getCause().getMessage(), e);
        }
        if (roundTrips.get() == 0)
        {
            throw new AssertionError("another connection completed no round trip during the flood");
        }
        final List<Flooder> closed = flooders.stream().filter(f -> f.closedByServer).toList();
        if (!closingAllowed && !closed.isEmpty())
        {
            throw new AssertionError("the server closed " + closed.size() + " of " + flooders.size() +
                " connections that sent without reading; it must throttle them through TCP instead");
        }
        final List<Flooder> open = flooders.stream().filter(f -> !f.closedByServer).toList();
        if (open.isEmpty())
        {
            return; // every one closed as a slow consumer: it holds nothing for them
        }
        if (KernelQueues.available() && KernelQueues.read().lists(ctx.server().port(), open.getFirst().localPort()))
        {
            expectHeldBounded(ctx, open);
        }
        else
        {
            for (final Flooder f : open)
            {
                if (f.pushed >= PUSH_CAP_BYTES)
                {
                    throw new AssertionError("the server read " + f.pushed + " bytes from a client that read " +
                        "nothing without stopping: it buffers instead of pausing reads above --high-water");
                }
            }
        }
    }

    private static void pushUntilStalled(final List<Flooder> flooders, final CompletableFuture<Void> canary,
        final AtomicLong roundTrips)
    {
        final long started = System.nanoTime();
        long lastProgress = started;
        long roundTripsAtProgress = roundTrips.get();
        while (!canary.isDone())
        {
            final long now = System.nanoTime();
            final boolean stalled = now - lastProgress > TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS) &&
                roundTrips.get() - roundTripsAtProgress >= STALL_ROUND_TRIPS;
            if (stalled || now - started > TimeUnit.MILLISECONDS.toNanos(FLOOD_MILLIS))
            {
                return;
            }
            boolean progress = false;
            for (final Flooder f : flooders)
            {
                progress |= f.push();
            }
            if (progress)
            {
                lastProgress = now;
                roundTripsAtProgress = roundTrips.get();
            }
            else
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    private static void expectHeldBounded(final CaseContext ctx, final List<Flooder> open) throws Exception
    {
        final long highWater = ((Number)ctx.server().ready().settings().get("highWater")).longValue();
        final long bound = HELD_BOUND_HIGH_WATERS * highWater + HELD_SLACK_BYTES;
        final int port = ctx.server().port();
        for (int m = 1; ; m++)
        {
            final KernelQueues kernel = KernelQueues.read();
            Flooder worst = open.getFirst();
            long total = 0;
            int over = 0;
            for (final Flooder f : open)
            {
                final long held = f.held(kernel, port);
                total += held;
                over += held > bound ? 1 : 0;
                worst = held > worst.held(kernel, port) ? f : worst;
            }
            if (over == 0)
            {
                return;
            }
            if (m == MEASUREMENTS)
            {
                throw new AssertionError("the server holds up to " + worst.held(kernel, port) + " bytes for one " +
                    "connection that does not read (" + worst.describe(kernel, port) + "); " + over + " of " +
                    open.size() + " connections over " + HELD_BOUND_HIGH_WATERS + " x --high-water + " + HELD_SLACK_BYTES +
                    " = " + bound +
                    ", " + total + " bytes held in all: it must stop reading above --high-water");
            }
            Thread.sleep(REMEASURE_MILLIS);
        }
    }

    private static SocketChannel connect(final CaseContext ctx) throws IOException
    {
        final SocketChannel channel = SocketChannel.open();
        try
        {
            channel.socket().setTcpNoDelay(true);
            channel.socket().setSendBufferSize(CLIENT_SOCKET_BUFFERS);
            channel.socket().setReceiveBufferSize(CLIENT_SOCKET_BUFFERS);
            channel.socket().connect(new InetSocketAddress(ctx.server().host(), ctx.server().port()),
                KitConnection.READ_TIMEOUT_MILLIS);
            return channel;
        }
        catch (final IOException e)
        {
            channel.close();
            throw e;
        }
    }

    /** Joins {@code room} on a blocking channel and reads the reply, within the kit's read timeout. */
    private static void join(final CaseContext ctx, final SocketChannel channel, final String room) throws Exception
    {
        final byte[] expected = frame(ctx.framing(), ("OK JOIN " + room).getBytes(StandardCharsets.US_ASCII));
        channel.write(ByteBuffer.wrap(frame(ctx.framing(), ("JOIN " + room).getBytes(StandardCharsets.US_ASCII))));
        channel.configureBlocking(false);
        final ByteBuffer reply = ByteBuffer.allocate(expected.length);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KitConnection.READ_TIMEOUT_MILLIS);
        while (reply.hasRemaining())
        {
            if (channel.read(reply) < 0 || System.nanoTime() > deadline)
            {
                throw new AssertionError("no reply to JOIN " + room + " within " +
                    KitConnection.READ_TIMEOUT_MILLIS + " ms; got " +
                    KitConnection.show(Arrays.copyOf(reply.array(), reply.position())));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (!Arrays.equals(expected, reply.array()))
        {
            throw new AssertionError("expected " + KitConnection.show(expected) + " but got " +
                KitConnection.show(reply.array()));
        }
    }

    private static byte[] frame(final Framing framing, final byte[] payload)
    {
        return framing == Framing.RAW ? payload : framing.encode(payload);
    }

    private static void closeAll(final List<Flooder> flooders)
    {
        for (final Flooder f : flooders)
        {
            try
            {
                f.channel.close(); // unread bytes: the kernel resets the connection, the server must cope
            }
            catch (final IOException ignored)
            {
                // closing anyway
            }
        }
    }
}
