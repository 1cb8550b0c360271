package io.ioarena.protocol.conformance;

import io.ioarena.protocol.ErrorCode;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ioarena.protocol.conformance.CommonCases.c;

/** Checks of the chat service (PROTOCOL.md section 4) beyond the common ones. */
final class ChatCases
{
    static final int MEMBERS = 8;
    static final int MESSAGES_PER_MEMBER = 50;
    static final int SLOW_CONSUMER_MAX_OUTBOUND = 256 * 1024;
    static final int FLOOD_TEXT_BYTES = 16 * 1024;
    /** The slow consumer's socket buffers: small, so that nearly all it is owed waits at the server. */
    static final int SLOW_CONSUMER_BUFFERS = 16 * 1024;
    /** The flood is this many times what the slow consumer may receive, so that passing the bound cannot be missed. */
    static final int FLOOD_OVER_BOUND = 2;
    /** How far the flood's sender may run ahead of the members that do read. */
    static final int FLOOD_WINDOW = 8;
    /** Heap (or RSS) growth during the flood that would mean the server keeps what it sends (a leak per message). */
    static final long FLOOD_MEMORY_BOUND = 32L << 20;
    /** Text sizes of the coalesced-deliveries case, cycled: empty, tiny, a line, a segment, several, most of a read. */
    private static final int[] COALESCED_TEXT_BYTES = {0, 1, 90, 1500, 9000, 30000};
    /** Messages of that case: about 430 KB of deliveries per member, under the default --max-outbound (1 MiB). */
    private static final int COALESCED_MESSAGES = 64;
    /** Socket buffers of that case's receiver: small, so the server's writes to it end mid-delivery. */
    private static final int COALESCED_RECEIVER_BUFFERS = 16 * 1024;

    private static final Pattern BROADCAST = Pattern.compile("MSG hall m(\\d+) (\\d+) from m(\\d+)");
    private static final Pattern STATS = Pattern.compile("OK STATS connections=(\\d+) slow_consumers=(\\d+)");

    private ChatCases()
    {
    }

    static List<ConformanceCase> cases(final Framing f)
    {
        final Service s = Service.CHAT;
        final List<ConformanceCase> cases = new ArrayList<>(List.of(
            c("ping-with-and-without-token", s, f, ChatCases::ping),
            c("nick-and-delivery-format", s, f, ChatCases::deliveryFormat),
            c("join-leave-replies", s, f, ChatCases::joinLeave),
            c("msg-not-in-room", s, f, ChatCases::msgNotInRoom),
            c("broadcast-to-8-members-per-sender-order", s, f, ChatCases::broadcast),
            c("coalesced-deliveries-split-across-reads", s, f, ChatCases::coalescedDeliveries),
            c("rooms-are-isolated", s, f, ChatCases::roomsIsolated),
            c("leave-stops-delivery", s, f, ChatCases::leaveStopsDelivery),
            c("disconnect-leaves-rooms", s, f, ChatCases::disconnectLeavesRooms),
            c("max-rooms", s, f, ChatCases::maxRooms),
            c("unknown-commands", s, f, ChatCases::unknownCommands),
            c("malformed-arguments", s, f, ChatCases::malformed),
            c("invalid-utf8", s, f, ChatCases::invalidUtf8),
            c("quit", s, f, ChatCases::quit),
            c("stats-counts-connections", s, f, ChatCases::stats),
            c(NonReaders.CONNECTIONS + "-room-flooders-held-per-connection", s, f, NonReaders::roomFloodersNeverRead),
            new ConformanceCase("slow-consumer-disconnected", s, f,
                List.of("--max-outbound", Integer.toString(SLOW_CONSUMER_MAX_OUTBOUND)), false,
                ChatCases::slowConsumer)));
        return cases;
    }

    private static void ping(final CaseContext ctx) throws Exception
    {
        final KitConnection c = ctx.connect();
        c.send("PING");
        c.expect("PONG");
        c.send("PING a b  c");
        c.expect("PONG a b  c");
        c.send("PING ");
        c.expect("PONG ");
        c.send("PING héllo ✓ 𝄞");
        c.expect("PONG héllo ✓ 𝄞");
    }

    private static KitConnection member(final CaseContext ctx, final String nick, final String... rooms)
        throws IOException
    {
        final KitConnection c = ctx.connect();
        if (nick != null)
        {
            c.send("NICK " + nick);
            c.expect("OK NICK " + nick);
        }
        for (final String room : rooms)
        {
            c.send("JOIN " + room);
            c.expect("OK JOIN " + room);
        }
        return c;
    }

    private static void deliveryFormat(final CaseContext ctx) throws Exception
    {
        final KitConnection bob = member(ctx, "bob_1.x-Y", "lobby");
        final KitConnection anon = member(ctx, null, "lobby");
        bob.send("MSG lobby hello  world ");
        bob.expect("MSG lobby bob_1.x-Y hello  world ");
        anon.expect("MSG lobby bob_1.x-Y hello  world ");
        anon.send("MSG lobby ");
        anon.expect("MSG lobby * ");
        bob.expect("MSG lobby * ");
        bob.send("NICK robert");
        bob.expect("OK NICK robert");
        bob.send("MSG lobby ünïcode ✓");
        bob.expect("MSG lobby robert ünïcode ✓");
        anon.expect("MSG lobby robert ünïcode ✓");
    }

    private static void joinLeave(final CaseContext ctx) throws Exception
    {
        final KitConnection c = member(ctx, "j", "r1");
        c.send("JOIN r1");
        c.expect("OK JOIN r1");
        c.send("LEAVE r1");
        c.expect("OK LEAVE r1");
        c.send("LEAVE r1");
        c.expectError(ErrorCode.NOT_IN_ROOM);
        c.send("LEAVE never-joined");
        c.expectError(ErrorCode.NOT_IN_ROOM);
        c.send("PING still-here");
        c.expect("PONG still-here");
    }

    private static void msgNotInRoom(final CaseContext ctx) throws Exception
    {
        final KitConnection inside = member(ctx, "in", "guarded");
        final KitConnection outside = member(ctx, "out");
        outside.send("MSG guarded let me in");
        outside.expectError(ErrorCode.NOT_IN_ROOM);
        outside.send("PING ok");
        outside.expect("PONG ok");
        inside.send("PING nothing-arrived");
        inside.expect("PONG nothing-arrived");
    }

    private static void broadcast(final CaseContext ctx) throws Exception
    {
        final List<KitConnection> members = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++)
        {
            members.add(member(ctx, "m" + m, "hall"));
        }
        for (int m = 0; m < MEMBERS; m++)
        {
            final KitConnection c = members.get(m);
            final List<byte[]> frames = new ArrayList<>();
            for (int k = 0; k < MESSAGES_PER_MEMBER; k++)
            {
                frames.add(c.framing().encode(("MSG hall " + k + " from m" + m).getBytes(StandardCharsets.UTF_8)));
            }
            c.write(frames.stream().reduce(new byte[0], KitConnection::concat));
        }
        for (int r = 0; r < MEMBERS; r++)
        {
            final int[] next = new int[MEMBERS];
            final KitConnection c = members.get(r);
            for (int i = 0; i < MEMBERS * MESSAGES_PER_MEMBER; i++)
            {
                final String text = c.readText();
                final Matcher m = BROADCAST.matcher(text);
                if (!m.matches() || !m.group(1).equals(m.group(3)))
                {
                    throw new AssertionError("member m" + r + " got an unexpected frame: \"" + text + "\"");
                }
                final int sender = Integer.parseInt(m.group(1));
                final int seq = Integer.parseInt(m.group(2));
                if (seq != next[sender])
                {
                    throw new AssertionError("member m" + r + " got message " + seq + " of m" + sender +
                        " when message " + next[sender] + " was due: per-sender order broken");
                }
                next[sender]++;
            }
            c.send("PING end");
            c.expect("PONG end");
        }
    }

    /**
     * A server may write the deliveries a member gets in one loop turn together, and a socket may take any part of
     * that: the bytes must still be exactly the frames, in order. One write of 64 messages of 0 B to 30 KB; the
     * sender reads its deliveries as they come, in reads of whatever TCP hands over; the receiver, with small socket
     * buffers, reads nothing until the sender has got all of them, so the server's writes to it stop mid-delivery
     * (its buffer is full) and resume on writability; its first read then takes several deliveries at once, and the
     * 30 KB ones span reads. Both streams must equal the expected frames byte for byte.
     */
    private static void coalescedDeliveries(final CaseContext ctx) throws Exception
    {
        final KitConnection sender = member(ctx, "s", "co");
        final KitConnection receiver = ctx.connectWithSmallBuffers(COALESCED_RECEIVER_BUFFERS);
        receiver.send("JOIN co");
        receiver.expect("OK JOIN co");
        final ByteArrayOutputStream commands = new ByteArrayOutputStream();
        final ByteArrayOutputStream deliveries = new ByteArrayOutputStream();
        for (int k = 0; k < COALESCED_MESSAGES; k++)
        {
            final byte[] text = coalescedText(k, COALESCED_TEXT_BYTES[k % COALESCED_TEXT_BYTES.length]);
            commands.writeBytes(sender.framing().encode(
                KitConnection.concat("MSG co ".getBytes(StandardCharsets.US_ASCII), text)));
            deliveries.writeBytes(sender.framing().encode(
                KitConnection.concat("MSG co s ".getBytes(StandardCharsets.US_ASCII), text)));
        }
        final byte[] expected = deliveries.toByteArray();
        // In the background: the server stops reading the sender while its own deliveries wait for it.
        final CompletableFuture<Void> writing = Exchange.inBackground("kit-coalesced-sender",
            () -> sender.write(commands.toByteArray()));
        expectStream("the sender", expected, sender.readExactly(expected.length));
        Exchange.await(writing);
        expectStream("the receiver", expected, receiver.readExactly(expected.length));
        receiver.send("PING after");
        receiver.expect("PONG after");
    }

    /** Text of message {@code k}: its number, then printable filler up to {@code size} bytes (at least the number). */
    private static byte[] coalescedText(final int k, final int size)
    {
        final byte[] number = ("#" + k).getBytes(StandardCharsets.US_ASCII);
        if (size == 0)
        {
            return new byte[0];
        }
        final byte[] text = Arrays.copyOf(number, Math.max(size, number.length));
        for (int i = number.length; i < text.length; i++)
        {
            text[i] = (byte)('a' + (k + i) % 26);
        }
        return text;
    }

    private static void expectStream(final String who, final byte[] expected, final byte[] actual)
    {
        final int diff = Arrays.mismatch(expected, actual);
        if (diff >= 0)
        {
            throw new AssertionError(who + "'s deliveries differ from the frames sent at byte " + diff + " of " +
                expected.length + ": expected " + KitConnection.show(Arrays.copyOfRange(expected, diff,
                Math.min(expected.length, diff + 40))) + ", got " + KitConnection.show(Arrays.copyOfRange(actual, diff,
                Math.min(actual.length, diff + 40))));
        }
    }

    private static void roomsIsolated(final CaseContext ctx) throws Exception
    {
        final KitConnection a = member(ctx, "a", "red");
        final KitConnection b = member(ctx, "b", "blue");
        a.send("MSG red for red only");
        a.expect("MSG red a for red only");
        b.send("MSG blue for blue only");
        b.expect("MSG blue b for blue only");
        a.send("PING a");
        a.expect("PONG a");
        b.send("PING b");
        b.expect("PONG b");
    }

    private static void leaveStopsDelivery(final CaseContext ctx) throws Exception
    {
        final KitConnection a = member(ctx, "a", "room");
        final KitConnection b = member(ctx, "b", "room");
        b.send("LEAVE room");
        b.expect("OK LEAVE room");
        a.send("MSG room after b left");
        a.expect("MSG room a after b left");
        b.send("PING b");
        b.expect("PONG b");
    }

    private static void disconnectLeavesRooms(final CaseContext ctx) throws Exception
    {
        final KitConnection a = member(ctx, "a", "room");
        final KitConnection b = member(ctx, "b", "room");
        b.close();
        awaitOpenConnections(a, 1);
        for (int i = 0; i < 20; i++)
        {
            a.send("MSG room " + i);
            a.expect("MSG room a " + i);
        }
        final KitConnection reset = member(ctx, "r", "room");
        reset.reset();
        awaitOpenConnections(a, 1);
        a.send("MSG room after reset");
        a.expect("MSG room a after reset");
    }

    private static void maxRooms(final CaseContext ctx) throws Exception
    {
        final KitConnection c = member(ctx, "roomy");
        final int max = ((Number)ctx.server().ready().settings().get("maxRooms")).intValue();
        for (int i = 0; i < max; i++)
        {
            c.send("JOIN r" + i);
            c.expect("OK JOIN r" + i);
        }
        c.send("JOIN one-too-many");
        c.expectError(ErrorCode.TOO_MANY_ROOMS);
        c.send("JOIN r0");
        c.expect("OK JOIN r0");
        c.send("LEAVE r0");
        c.expect("OK LEAVE r0");
        c.send("JOIN now-fits");
        c.expect("OK JOIN now-fits");
    }

    private static void unknownCommands(final CaseContext ctx) throws Exception
    {
        final KitConnection c = ctx.connect();
        final List<byte[]> unknown = new ArrayList<>(List.of(
            "HELLO".getBytes(), "ping".getBytes(), new byte[0], " PING".getBytes(), "PING\r".getBytes(),
            "PINGPONG".getBytes()));
        for (final byte[] payload : unknown)
        {
            c.send(payload);
            c.expectError(ErrorCode.UNKNOWN_COMMAND);
        }
        c.send("PING survived");
        c.expect("PONG survived");
    }

    private static void malformed(final CaseContext ctx) throws Exception
    {
        final KitConnection c = ctx.connect();
        final String[] bad = {
            "NICK", "NICK ", "NICK a b", "NICK bad!", "NICK " + "n".repeat(33), "JOIN", "JOIN a b", "JOIN #x",
            "LEAVE", "LEAVE ", "MSG", "MSG lobby", "MSG  text", "MSG bad! text", "QUIT now", "STATS all"};
        for (final String payload : bad)
        {
            c.send(payload);
            try
            {
                c.expectError(ErrorCode.MALFORMED);
            }
            catch (final AssertionError e)
            {
                throw new AssertionError("for \"" + payload + "\": " + e.getMessage(), e);
            }
        }
        c.send("NICK " + "n".repeat(32));
        c.expect("OK NICK " + "n".repeat(32));
    }

    private static void invalidUtf8(final CaseContext ctx) throws Exception
    {
        final KitConnection c = member(ctx, "u", "utf");
        final byte[][] invalid = {
            {'P', 'I', 'N', 'G', ' ', (byte)0xC3, 0x28},               // bad continuation
            {'P', 'I', 'N', 'G', ' ', (byte)0xC0, (byte)0xAF},         // overlong '/'
            {'P', 'I', 'N', 'G', ' ', (byte)0xED, (byte)0xA0, (byte)0x80}, // surrogate
            {'P', 'I', 'N', 'G', ' ', (byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80}, // above U+10FFFF
            {'M', 'S', 'G', ' ', 'u', 't', 'f', ' ', (byte)0xE2, (byte)0x82}, // truncated
            {(byte)0xFF}};
        for (final byte[] payload : invalid)
        {
            c.send(payload);
            c.expectError(ErrorCode.INVALID_UTF8);
        }
        c.send("MSG utf fine ✓");
        c.expect("MSG utf u fine ✓");
    }

    private static void quit(final CaseContext ctx) throws Exception
    {
        final KitConnection c = member(ctx, "q", "bye");
        c.send("QUIT");
        c.expect("OK QUIT");
        c.expectEof();
    }

    private static void stats(final CaseContext ctx) throws Exception
    {
        final KitConnection a = ctx.connect();
        awaitOpenConnections(a, 1);
        final KitConnection b = ctx.connect();
        b.send("STATS");
        final Matcher m = statsOf(b.readText());
        if (!m.group(1).equals("2") || !m.group(2).equals("0"))
        {
            throw new AssertionError("expected connections=2 slow_consumers=0, got " + m.group());
        }
    }

    private static Matcher statsOf(final String reply)
    {
        final Matcher m = STATS.matcher(reply);
        if (!m.matches())
        {
            throw new AssertionError("expected \"OK STATS connections=<n> slow_consumers=<n>\" but got \"" +
                reply + "\"");
        }
        return m;
    }

    /** Polls STATS on {@code c} (in no room) until the server counts {@code expected} open connections. */
    static void awaitOpenConnections(final KitConnection c, final int expected) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String last;
        do
        {
            c.send("STATS");
            last = c.readText();
            if (Integer.parseInt(statsOf(last).group(1)) == expected)
            {
                return;
            }
            Thread.sleep(10);
        }
        while (System.nanoTime() < deadline);
        throw new AssertionError("the server still reports \"" + last + "\" 5 s after connections closed; " +
            "expected connections=" + expected);
    }

    /**
     * PROTOCOL.md section 4.3: a member that stops reading while a room floods is closed and counted; the sender and
     * the other members get every message in order, and the server's memory stays bounded.
     */
    private static void slowConsumer(final CaseContext ctx) throws Exception
    {
        final KitConnection sender = member(ctx, "s", "flood");
        final KitConnection fast = member(ctx, "f", "flood");
        final KitConnection slow = ctx.connectWithSmallBuffers(SLOW_CONSUMER_BUFFERS);
        slow.send("JOIN flood");
        slow.expect("OK JOIN flood");
        final OptionalLong memoryBefore = ctx.server().memoryBytes();
        final long slowBound = slowConsumerBound(KernelQueues.sendBufferMax());
        final int floodMessages = (int)Math.ceil((double)FLOOD_OVER_BOUND * slowBound / FLOOD_TEXT_BYTES);

        // The readers keep up: the sender stays at most FLOOD_WINDOW messages ahead of both, so neither ever has
        // more than that pending at the server, far under --max-outbound. Only the member that reads nothing does.
        final AtomicLong senderGot = new AtomicLong();
        final AtomicLong fastGot = new AtomicLong();
        final CompletableFuture<Void> senderReads = readFlood(sender, senderGot, floodMessages);
        final CompletableFuture<Void> fastReads = readFlood(fast, fastGot, floodMessages);
        final byte[] padding = new byte[FLOOD_TEXT_BYTES];
        Arrays.fill(padding, (byte)'x');
        for (int k = 0; k < floodMessages; k++)
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Math.min(senderGot.get(), fastGot.get()) < k - FLOOD_WINDOW)
            {
                if (senderReads.isDone() || fastReads.isDone() || System.nanoTime() > deadline)
                {
                    Exchange.await(senderReads);
                    Exchange.await(fastReads);
                    throw new AssertionError("the members that read stopped receiving the flood at message " +
                        Math.min(senderGot.get(), fastGot.get()) + " of " + floodMessages);
                }
                LockSupport.parkNanos(50_000);
            }
            sender.send(KitConnection.concat(("MSG flood " + k + " ").getBytes(StandardCharsets.US_ASCII), padding));
        }
        Exchange.await(senderReads);
        Exchange.await(fastReads);

        final long slowGot = slow.drainUntilClosed(slowBound, 10_000);
        if (slowGot > slowBound)
        {
            throw new AssertionError("the slow consumer received more than " + slowBound + " bytes of a " +
                (long)floodMessages * FLOOD_TEXT_BYTES + "-byte flood: more than --max-outbound (" +
                SLOW_CONSUMER_MAX_OUTBOUND + ") and what the kernel can hold for it, so the server buffered past " +
                "its limit, or was never closed");
        }
        final OptionalLong memoryAfter = ctx.server().memoryBytes();
        if (memoryBefore.isPresent() && memoryAfter.isPresent() &&
            memoryAfter.getAsLong() - memoryBefore.getAsLong() > FLOOD_MEMORY_BOUND)
        {
            throw new AssertionError("server memory grew by " +
                (memoryAfter.getAsLong() - memoryBefore.getAsLong()) + " bytes during a flood past a slow consumer " +
                "(bound " + FLOOD_MEMORY_BOUND + ")");
        }
        sender.send("STATS");
        final Matcher m = statsOf(sender.readText());
        if (Long.parseLong(m.group(2)) < 1)
        {
            throw new AssertionError("the slow consumer was closed but not counted: " + m.group());
        }
    }

    /**
     * The most a slow consumer can receive from a server that keeps PROTOCOL.md section 4.3: what the server may queue
     * for it (--max-outbound), the frame it was writing when it passed that, and what the kernel holds between them
     * (the server socket's send buffer at its largest, {@code net.ipv4.tcp_wmem}'s maximum, and the consumer's receive
     * buffer, which Linux doubles). Checking this bound, not only that the consumer missed some of the flood, lets
     * the flood be a small multiple of it (about 9 MB here) rather than tens of megabytes.
     */
    static long slowConsumerBound(final long sendBufferMax)
    {
        return SLOW_CONSUMER_MAX_OUTBOUND + FLOOD_TEXT_BYTES + sendBufferMax + 2L * SLOW_CONSUMER_BUFFERS;
    }

    /** Reads the flood's deliveries on another thread, checking each one's sequence number. */
    private static CompletableFuture<Void> readFlood(final KitConnection c, final AtomicLong received,
        final int messages)
    {
        return Exchange.inBackground("kit-flood-reader", () ->
        {
            for (int k = 0; k < messages; k++)
            {
                final byte[] frame = c.readFrame();
                final String head = new String(frame, 0, Math.min(frame.length, 32), StandardCharsets.US_ASCII);
                final String expected = "MSG flood s " + k + " ";
                if (!head.startsWith(expected) ||
                    frame.length != expected.length() + FLOOD_TEXT_BYTES)
                {
                    throw new AssertionError("expected flood message " + k + " but got \"" + head + "...\" (" +
                        frame.length + " bytes)");
                }
                received.incrementAndGet();
            }
        });
    }
}
