package io.ioarena.load;

import io.ioarena.contract.Tag;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Chat: the connection takes the nickname {@code c<id>}, joins its room, and sends {@code MSG <room> <message>}.
 * Every delivery {@code MSG <room> c<sender> <message>} it receives is checked and timed at arrival (the
 * {@code delivery} tag); its own deliveries are also the answers to its messages ({@code latency}, {@code service}).
 * Per-sender order is checked at every recipient: a gap in a sender's sequence counts the skipped copies as lost,
 * a copy that comes later than a newer one as reordered.
 */
final class ChatConnection extends Connection
{
    /** Delivery times by phase ({@link RunTiming#phase}): only the measured phase's are kept. */
    private static final int[] DELIVERY_SLOTS = ThreadRecorders.byPhase(null, Tag.DELIVERY);

    private final ChatRooms rooms;
    private final int room;
    private final byte[] nickCommand;
    private final byte[] joinCommand;
    private final byte[] nickOk;
    private final byte[] joinOk;
    /** {@code MSG <room> }: what every delivery in this room starts with. */
    private final byte[] deliveryPrefix;
    /** Per member of the room: the last sequence number delivered here from that sender, -1 before the first. */
    private final long[] lastFromSender;
    private boolean nickConfirmed;
    /**
     * With {@code --chat-churn}: this member publishes how far it has sent and how far its own copies came back, so
     * that a visitor of its room knows which of its copies it surely had to get ({@link VisitorConnection}).
     */
    private final boolean publishes;
    /** The sequence number of the last message handed to the socket, published before the write; -1 before any. */
    private volatile long lastSent = -1;
    /** The highest sequence number of this member's own copies delivered back to it; -1 before any. */
    private volatile long lastAnswered = -1;

    ChatConnection(final int id, final LoadConfig config, final ThreadContext context, final SocketChannel channel)
    {
        super(id, config, context, channel, ascii("MSG " + LoadConfig.roomName(context.rooms().roomOf(id)) + " "));
        this.rooms = context.rooms();
        this.room = rooms.roomOf(id);
        final String roomName = LoadConfig.roomName(room);
        this.nickCommand = ascii("NICK c" + id);
        this.joinCommand = ascii("JOIN " + roomName);
        this.nickOk = ascii("OK NICK c" + id);
        this.joinOk = ascii("OK JOIN " + roomName);
        this.deliveryPrefix = ascii("MSG " + roomName + " ");
        this.lastFromSender = new long[rooms.members(room)];
        Arrays.fill(lastFromSender, -1);
        this.publishes = config.chatChurn() > 0;
    }

    /**
     * The last message this member has sent or is about to hand to the socket: any later one is written after this
     * call returns (a volatile write precedes each write to the socket).
     */
    long lastSent()
    {
        return lastSent;
    }

    /** The highest of this member's messages the server has surely processed: its own copy came back. */
    long lastAnswered()
    {
        return lastAnswered;
    }

    int room()
    {
        return room;
    }

    @Override
    void onConnected(final long now)
    {
        state = State.SETUP;
        writeFrame(nickCommand);
        writeFrame(joinCommand);
        flush();
    }

    @Override
    void onFrame(final ByteBuffer in, final int at, final int length, final long now)
    {
        if (state == State.SETUP)
        {
            setupReply(in, at, length);
            return;
        }
        if (!startsWith(in, at, length, deliveryPrefix))
        {
            stats.unexpected++;
            return;
        }
        final int senderId = deliverySender(in, at, length, deliveryPrefix.length, room, rooms);
        if (senderId < 0)
        {
            return;
        }
        final long intended = timing.origin() + payload.intendedNanos();
        if (senderId == id ? !ownAnswer(now) : !othersCopy(senderId))
        {
            return;
        }
        if (publishes && senderId == id)
        {
            lastAnswered = Math.max(lastAnswered, payload.sequence());
        }
        final int phase = timing.phase(intended);
        recorders.record(DELIVERY_SLOTS[phase], now - intended);
        stats.receivedDeliveries += phase;
    }

    /** Checks the order of another member's copy; returns whether it is a new copy (not a duplicate). */
    private boolean othersCopy(final int senderId)
    {
        final int member = rooms.memberIndex(senderId);
        final long seq = payload.sequence();
        final long last = lastFromSender[member];
        if (seq > last)
        {
            stats.lost += seq - last - 1;
            lastFromSender[member] = seq;
            return true;
        }
        if (seq == last)
        {
            stats.duplicated++;
            return false;
        }
        // An older copy after a newer one: it was counted lost when the newer one arrived; it is late instead.
        stats.reordered++;
        stats.lost--;
        return true;
    }

    private void setupReply(final ByteBuffer in, final int at, final int length)
    {
        final byte[] expected = nickConfirmed ? joinOk : nickOk;
        if (length != expected.length || !startsWith(in, at, length, expected))
        {
            // The server refused the session: the connection never becomes ready, so it counts as failed.
            close();
            return;
        }
        if (nickConfirmed)
        {
            state = State.READY;
        }
        nickConfirmed = true;
    }

    @Override
    void onSend(final int phase)
    {
        stats.expectedDeliveries += phase * rooms.liveMembers(room);
        if (publishes)
        {
            // before the write that carries it: a visitor that reads an older value knows this one was sent later
            lastSent = tracker.sentCount() - 1;
        }
    }

    @Override
    void onClosed()
    {
        rooms.left(room);
    }

    @Override
    long missingCopies()
    {
        return rooms.missingCopies(this);
    }

    /** Copies sent by members of this thread's room that never arrived here (they are known only for local senders). */
    long missingFrom(final ChatConnection sender)
    {
        return Math.max(0, sender.tracker.sentCount() - (lastFromSender[rooms.memberIndex(sender.id)] + 1));
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
