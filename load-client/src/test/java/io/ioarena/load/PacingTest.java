package io.ioarena.load;

import io.ioarena.contract.Mode;
import io.ioarena.contract.Tag;
import io.ioarena.protocol.Framing;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pacing of one connection against a fake clock: which messages go out at each instant, with which intended and
 * actual send times, and what is recorded as send lag. The socket is real (loopback) so the bytes are the ones a
 * server would get; time is entirely the test's.
 */
class PacingTest
{
    private static final long T0 = 5_000_000_000L;
    private static final long MS = 1_000_000;

    private ServerSocketChannel server;
    private SocketChannel client;
    private SocketChannel peer;

    @BeforeEach
    void connect() throws IOException
    {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = SocketChannel.open(server.getLocalAddress());
        peer = server.accept();
    }

    @AfterEach
    void close() throws IOException
    {
        client.close();
        peer.close();
        server.close();
    }

    @Test
    void openLoopSendsEveryMessageAtItsSlotAndQueuesLateOnesWithTheirIntendedTime() throws IOException
    {
        // 1000 msg/s over 4 connections; this is connection 1: its message k is due at T0 + (4k + 1) ms.
        final LoadConfig.Builder b = LoadConfig.builder(1);
        b.rate = 1000;
        b.connections = 4;
        b.warmupNanos = 1000 * MS;
        b.durationNanos = 2000 * MS;
        final LoadConfig config = b.build();
        final ThreadContext context = context(config);
        final EchoConnection c = new EchoConnection(1, config, context, client);
        c.onConnected(0);
        c.start(RunTiming.of(T0, config));

        c.pump(T0);
        assertEquals(0, c.tracker.sentCount(), "nothing is due before T0 + 1 ms");
        c.pump(T0 + MS);
        assertEquals(1, c.tracker.sentCount());
        c.pump(T0 + 4 * MS);
        assertEquals(1, c.tracker.sentCount(), "message 1 is due at T0 + 5 ms");
        // The thread is late (a stall, an unwritable socket): everything due by now goes out, none skipped.
        c.pump(T0 + 100 * MS);
        assertEquals(25, c.tracker.sentCount());
        // Long after the end: the rest of the plan goes out, nothing intended at or after the end.
        c.pump(T0 + 10_000 * MS);
        assertEquals(750, c.tracker.sentCount());
        c.pump(T0 + 20_000 * MS);
        assertEquals(750, c.tracker.sentCount());

        final List<long[]> sent = readMessages(config, 750);
        for (int k = 0; k < 750; k++)
        {
            final long intended = (4L * k + 1) * MS;
            final long actual = k == 0 ? MS : k < 25 ? 100 * MS : 10_000 * MS;
            assertEquals(1, sent.get(k)[0], "connection id");
            assertEquals(k, sent.get(k)[1], "sequence");
            assertEquals(intended, sent.get(k)[2], "intended time of message " + k);
            assertEquals(actual, sent.get(k)[3], "actual send time of message " + k);
        }
        // Warm-up: intended before T0 + 1 s, i.e. k <= 249; the 500 others are measured and have a send lag.
        assertEquals(250, context.stats().warmupSent);
        assertEquals(500, context.stats().sent);
        final Histogram lag = interval(context, Tag.SENDLAG);
        assertEquals(500, lag.getTotalCount());
        assertEquals(10_000 * MS - (4L * 250 + 1) * MS, lag.getMaxValue(), lag.getMaxValue() / 1000.0);
    }

    @Test
    void closedLoopKeepsExactlyTheInFlightDepth() throws IOException
    {
        final LoadConfig.Builder b = LoadConfig.builder(1);
        b.mode = Mode.CLOSED;
        b.inFlight = 3;
        b.connections = 1;
        b.warmupNanos = 0;
        b.durationNanos = 1000 * MS;
        final LoadConfig config = b.build();
        final ThreadContext context = context(config);
        final EchoConnection c = new EchoConnection(0, config, context, client);
        c.onConnected(0);
        c.start(RunTiming.of(T0, config));
        c.pump(T0 + 7);
        c.pump(T0 + 9);
        assertEquals(3, c.tracker.sentCount(), "three in flight, no more until an answer");
        final List<long[]> sent = readMessages(config, 3);
        for (final long[] m : sent)
        {
            assertEquals(7, m[2], "closed loop: intended time is the actual send time");
            assertEquals(7, m[3]);
        }
        assertEquals(0, interval(context, Tag.SENDLAG).getTotalCount(), "closed loop has no plan to lag behind");
    }

    private static ThreadContext context(final LoadConfig config)
    {
        return new ThreadContext(new Payload(config.size()), new ThreadRecorders(ClientThread.RECORDED), new ThreadStats(), null,
            new ThreadBuffers(config));
    }

    private static Histogram interval(final ThreadContext context, final Tag tag)
    {
        final Histogram h = new Histogram(3);
        Intervals.addTo(context.recorders(), Map.of(tag, h));
        return h;
    }

    /** Reads {@code n} line-framed messages from the server side and returns {connection, seq, intended, sent}. */
    private List<long[]> readMessages(final LoadConfig config, final int n) throws IOException
    {
        final int frame = Framing.LINE.frameLength(config.size());
        final ByteBuffer bytes = ByteBuffer.allocate(frame * n);
        while (bytes.hasRemaining())
        {
            peer.read(bytes);
        }
        final Payload payload = new Payload(config.size());
        final List<long[]> messages = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            assertEquals('\n', bytes.get(i * frame + config.size()));
            assertEquals(true, payload.decode(bytes, i * frame, config.size()), "message " + i + " is intact");
            messages.add(new long[] {payload.connectionId(), payload.sequence(), payload.intendedNanos(),
                payload.sentNanos()});
        }
        return messages;
    }
}
