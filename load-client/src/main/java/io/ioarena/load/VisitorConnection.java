package io.ioarena.load;

import io.ioarena.contract.Tag;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A visitor of {@code --chat-churn}: a connection of its own, beside the rooms' steady members, that joins a room by
 * its {@link VisitPlan}, stays half a period, leaves, and joins another room later. It never sends a message.
 *
 * <p>Why visitors, and not members that leave and rejoin: a member's copies are counted exactly (each sender expects
 * one copy per member of its room at send time, {@link ChatRooms}), and a member in transition would make that count
 * uncertain for every sender of its room. Visitors are not in that count, so the steady members' accounting stays
 * exact, and what a visitor must receive is decided by rules that need no guess:
 * <ul>
 * <li><b>Required copies.</b> A copy from a member of this instance is required when that member sent it after the
 * visitor had received its {@code OK JOIN} (the member publishes each sequence number before writing it,
 * {@link ChatConnection#lastSent}, and the visitor reads that when the {@code OK JOIN} arrives) and its own copy came
 * back to it before the visitor sent its {@code LEAVE} ({@link ChatConnection#lastAnswered}, read just before): the
 * server then processed it while the visitor was surely a member (PROTOCOL.md 4.2). A required copy that never comes
 * is an error: lost when a later copy of the same sender came (a gap), else unanswered.</li>
 * <li><b>Every copy</b> the visitor gets is checked like a member's (form, sender, room, the message itself) and, per
 * sender, for order: between two copies of one sender the visitor was a member all along, so a gap is lost. Only
 * the copies at the edges of a visit (sent around its join or its leave, or by members of another instance, whose
 * times it cannot see) are not required, since the server may rightly deliver them or not.</li>
 * </ul>
 * Copies of the room it left may still come after its {@code OK LEAVE} (a message processed before the leave, on
 * another event loop): they are checked and counted, and the visit's required copies are judged only when the next
 * visit begins (or at the end of the run, whose drain waits for them).
 *
 * <p>Visits allocate a few small arrays each (the commands and replies of their room), at a few visits a second per
 * thread; the members' hot path is unchanged.
 */
final class VisitorConnection extends Connection
{
    /** Join times by phase ({@link RunTiming#phase}): only the measured phase's are kept. */
    private static final int[] JOIN_SLOTS = ThreadRecorders.byPhase(null, Tag.JOIN);
    private static final byte[] NO_PREFIX = new byte[0];

    /** Where the current visit is: no visit yet, join sent, {@code OK JOIN} received, leave sent, {@code OK LEAVE} received. */
    private enum Visit
    {
        NONE, JOINING, JOINED, LEAVING, LEFT
    }

    private final int visitor;
    private final ChatRooms rooms;
    private final byte[] nickCommand;
    private final byte[] nickOk;
    /** Per member index of the visit's room: the last sequence number received from that member, -1 before any. */
    private final long[] last;
    /** Per member index: the first required sequence number ({@link Long#MAX_VALUE}: none, another instance's member). */
    private final long[] from;
    /** Per member index: the last required sequence number (-1: none). */
    private final long[] to;
    private VisitPlan plan;
    private Visit visit = Visit.NONE;
    private int room = -1;
    private int previousRoom = -1;
    /** {@code MSG <room> } of the visit's room and of the one before (whose late copies may still come). */
    private byte[] prefix;
    private byte[] previousPrefix;
    private byte[] joinOk;
    private byte[] leaveOk;
    private long joinIntended;
    private int joinPhase;
    private long leaveAt;
    /** This visitor's errors, of every class; added to the thread's {@code churnErrors} at the end. */
    private long errors;

    VisitorConnection(final int visitor, final LoadConfig config, final ThreadContext context,
        final SocketChannel channel)
    {
        // Connection ids above the members': a visitor never sends a message, so its id appears in no payload.
        super(config.connections() + visitor, config, context, channel, NO_PREFIX);
        this.visitor = visitor;
        this.rooms = context.rooms();
        this.nickCommand = ascii("NICK v" + visitor);
        this.nickOk = ascii("OK NICK v" + visitor);
        // room 0 has the most members
        this.last = new long[rooms.members(0)];
        this.from = new long[last.length];
        this.to = new long[last.length];
    }

    @Override
    void start(final RunTiming timing)
    {
        this.timing = timing;
        this.plan = new VisitPlan(config, timing, visitor);
    }

    @Override
    void onConnected(final long now)
    {
        state = State.SETUP;
        writeFrame(nickCommand);
        flush();
    }

    @Override
    long nextDue(final long now)
    {
        if (plan == null || state != State.READY || hasUnsent())
        {
            return Long.MAX_VALUE;
        }
        return switch (visit)
        {
            case NONE, LEFT -> plan.joinAt();
            case JOINED -> leaveAt;
            case JOINING, LEAVING -> Long.MAX_VALUE;
        };
    }

    @Override
    void pump(final long now)
    {
        if (plan == null || state != State.READY || hasUnsent())
        {
            return;
        }
        if ((visit == Visit.NONE || visit == Visit.LEFT) && plan.joinAt() <= now)
        {
            join();
        }
        else if (visit == Visit.JOINED && leaveAt <= now)
        {
            leave();
        }
    }

    @Override
    boolean isIdle(final long now)
    {
        return plan == null || state != State.READY
            || ((visit == Visit.NONE || visit == Visit.LEFT) && plan.joinAt() == Long.MAX_VALUE);
    }

    private void join()
    {
        if (visit == Visit.LEFT)
        {
            judgeVisit();
        }
        joinIntended = plan.joinAt();
        joinPhase = timing.phase(joinIntended);
        leaveAt = plan.leaveAt(joinIntended);
        previousRoom = room;
        previousPrefix = prefix;
        room = plan.room();
        plan.advance();
        final String name = LoadConfig.roomName(room);
        prefix = ascii("MSG " + name + " ");
        joinOk = ascii("OK JOIN " + name);
        leaveOk = ascii("OK LEAVE " + name);
        final int members = rooms.members(room);
        Arrays.fill(last, 0, members, -1);
        Arrays.fill(from, 0, members, Long.MAX_VALUE);
        Arrays.fill(to, 0, members, -1);
        visit = Visit.JOINING;
        writeFrame(ascii("JOIN " + name));
        flush();
    }

    private void joined(final long now)
    {
        visit = Visit.JOINED;
        recorders.record(JOIN_SLOTS[joinPhase], now - joinIntended);
        stats.joins += joinPhase;
        // Read after the OK JOIN arrived: a member's later messages were written after it.
        for (final ChatConnection member : rooms.localMembers(room))
        {
            from[rooms.memberIndex(member.id)] = member.lastSent() + 1;
        }
    }

    private void leave()
    {
        // Read before the LEAVE is written: a member's messages up to here were processed while this one was in.
        for (final ChatConnection member : rooms.localMembers(room))
        {
            to[rooms.memberIndex(member.id)] = member.lastAnswered();
        }
        visit = Visit.LEAVING;
        writeFrame(ascii("LEAVE " + LoadConfig.roomName(room)));
        flush();
    }

    @Override
    void onFrame(final ByteBuffer in, final int at, final int length, final long now)
    {
        if (state == State.SETUP)
        {
            if (is(in, at, length, nickOk))
            {
                state = State.READY;
            }
            else
            {
                close();
            }
            return;
        }
        if (visit == Visit.JOINING && is(in, at, length, joinOk))
        {
            joined(now);
        }
        else if (visit == Visit.LEAVING && is(in, at, length, leaveOk))
        {
            visit = Visit.LEFT;
            stats.leaves += joinPhase;
        }
        else if (prefix != null && startsWith(in, at, length, prefix))
        {
            // Before the OK JOIN, a copy of this room can only be a late one of an earlier visit to it.
            copy(in, at, length, prefix.length, room, visit != Visit.JOINING);
        }
        else if (previousPrefix != null && startsWith(in, at, length, previousPrefix))
        {
            copy(in, at, length, previousPrefix.length, previousRoom, false);
        }
        else
        {
            // an error frame, a reply out of turn, a copy of a room this visitor was not in
            stats.unexpected++;
            errors++;
        }
    }

    /** A copy of a message to {@code copyRoom}; {@code tracked}: one of the current visit, whose order is checked. */
    private void copy(final ByteBuffer in, final int at, final int length, final int prefixLength, final int copyRoom,
        final boolean tracked)
    {
        final int sender = deliverySender(in, at, length, prefixLength, copyRoom, rooms);
        if (sender < 0)
        {
            errors++;
            return;
        }
        if (!tracked)
        {
            return;
        }
        stats.visitorCopies++;
        final int member = rooms.memberIndex(sender);
        final long seq = payload.sequence();
        final long before = last[member];
        if (before < 0)
        {
            if (seq < from[member] && from[member] != Long.MAX_VALUE)
            {
                // sent before the OK JOIN (or late from an earlier visit to this room): an edge, not the visit's
                return;
            }
            // the first copy of this sender in the visit: those it sent since the OK JOIN must have come before it
            lose(Math.max(0, seq - from[member]));
            last[member] = seq;
        }
        else if (seq > before)
        {
            lose(seq - before - 1);
            last[member] = seq;
        }
        else
        {
            // A copy again, or one older than a copy already here. Counted as what it is, and any gap it seemed to
            // fill stays counted as lost: a visitor's errors never cancel out.
            if (seq == before)
            {
                stats.duplicated++;
            }
            else
            {
                stats.reordered++;
            }
            errors++;
        }
    }

    private void lose(final long copies)
    {
        stats.lost += copies;
        errors += copies;
    }

    /** The required copies of the visit that are still missing. */
    private long missingRequired()
    {
        long missing = 0;
        for (final ChatConnection member : rooms.localMembers(room))
        {
            final int i = rooms.memberIndex(member.id);
            missing += Math.max(0, to[i] - Math.max(last[i], from[i] - 1));
        }
        return missing;
    }

    /** The left visit is over: counts its required copies, and those that never came (unanswered: no later one came). */
    private void judgeVisit()
    {
        for (final ChatConnection member : rooms.localMembers(room))
        {
            final int i = rooms.memberIndex(member.id);
            stats.requiredCopies += Math.max(0, to[i] - from[i] + 1);
        }
        final long missing = missingRequired();
        stats.unanswered += missing;
        errors += missing;
    }

    /** While its last visit's required copies are missing, the run's drain waits for them. */
    @Override
    long missingCopies()
    {
        return visit == Visit.LEFT ? missingRequired() : 0;
    }

    @Override
    void disconnected()
    {
        if (state != State.CLOSED)
        {
            errors++;
        }
        super.disconnected();
    }

    /**
     * At the end: judges the last visit; a visit stuck waiting for its {@code OK JOIN} or {@code OK LEAVE} is
     * unanswered, planned joins never made are unsent, and a visitor that never got set up (its {@code OK NICK} never
     * came) is unanswered too: it flags the run like any other error.
     */
    @Override
    void finish()
    {
        if (plan == null)
        {
            stats.unanswered++;
            errors++;
        }
        else
        {
            switch (visit)
            {
                case LEFT -> judgeVisit();
                case JOINING, LEAVING ->
                {
                    stats.unanswered++;
                    errors++;
                }
                case JOINED ->
                {
                    stats.unsent++;
                    errors++;
                }
                case NONE ->
                {
                }
            }
            while (plan.joinAt() != Long.MAX_VALUE)
            {
                stats.unsent++;
                errors++;
                plan.advance();
            }
        }
        stats.churnErrors += errors;
    }

    private static boolean is(final ByteBuffer in, final int at, final int length, final byte[] expected)
    {
        return length == expected.length && startsWith(in, at, length, expected);
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
