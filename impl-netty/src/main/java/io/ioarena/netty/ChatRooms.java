package io.ioarena.netty;

import io.ioarena.protocol.spi.ServerCounters;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * The chat rooms of one server (PROTOCOL.md section 4.2): which connections are in which room, and delivery to them
 * under the slow-consumer policy of section 4.3.
 *
 * <p>A room keeps its members grouped by event loop, as an immutable snapshot replaced on every join and leave
 * (rare next to messages). A delivery reads the snapshot once: that is the membership "at the moment the server
 * processes the MSG". The sender's loop then hands the frame to every other loop that has members with one task per
 * loop, not one per member, and writes to its own loop's members directly. Each loop writes only to its own
 * channels, so the slow-consumer check reads a channel's outbound buffer on the thread that owns it. One sender's
 * tasks reach a loop in the order it submitted them, so per-sender order holds at every member.
 */
final class ChatRooms
{
    /** The members of one room on one event loop. */
    private record LoopMembers(EventLoop loop, ChatMember[] members)
    {
    }

    private static final LoopMembers[] EMPTY = new LoopMembers[0];

    private static final class Room
    {
        /** Replaced, never modified, under the room's lock; read without it. */
        private volatile LoopMembers[] groups = EMPTY;
        /** Set, under the lock, when the last member left and the room was removed from the map. */
        private boolean retired;
    }

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final int maxOutbound;
    private final ServerCounters counters;

    ChatRooms(final int maxOutbound, final ServerCounters counters)
    {
        this.maxOutbound = maxOutbound;
        this.counters = counters;
    }

    /** Adds {@code member} to {@code name} (creating the room); joining twice changes nothing. */
    void join(final String name, final ChatMember member)
    {
        while (true)
        {
            final Room room = rooms.computeIfAbsent(name, n -> new Room());
            synchronized (room)
            {
                // A room retired after this thread found it is gone from the map: look again.
                if (!room.retired)
                {
                    room.groups = withMember(room.groups, member);
                    return;
                }
            }
        }
    }

    /** Removes {@code member} from {@code name}, and the room once it is empty; harmless if not a member. */
    void leave(final String name, final ChatMember member)
    {
        final Room room = rooms.get(name);
        if (room == null)
        {
            return;
        }
        synchronized (room)
        {
            room.groups = withoutMember(room.groups, member);
            if (room.groups.length == 0 && !room.retired)
            {
                room.retired = true;
                rooms.remove(name, room);
            }
        }
    }

    /**
     * Delivers {@code frame} to every member of {@code name}; called on the sender's event loop {@code here}. Takes
     * ownership of {@code frame}.
     */
    void deliver(final String name, final ByteBuf frame, final EventLoop here)
    {
        final Room room = rooms.get(name);
        final LoopMembers[] snapshot = room == null ? EMPTY : room.groups;
        ChatMember[] local = null;
        // Other loops first, so that they work while this one writes.
        for (final LoopMembers group : snapshot)
        {
            if (group.loop() == here)
            {
                local = group.members();
            }
            else
            {
                handOver(group, frame.retain());
            }
        }
        if (local != null)
        {
            deliverOnOwnLoop(local, frame);
        }
        else
        {
            frame.release();
        }
    }

    private void handOver(final LoopMembers group, final ByteBuf frame)
    {
        final ChatMember[] members = group.members();
        try
        {
            group.loop().execute(() -> deliverOnOwnLoop(members, frame));
        }
        catch (final RejectedExecutionException e)
        {
            frame.release(); // that loop is shutting down, and its channels with it
        }
    }

    /** On the event loop of {@code members}; releases {@code frame}. */
    private void deliverOnOwnLoop(final ChatMember[] members, final ByteBuf frame)
    {
        try
        {
            for (final ChatMember member : members)
            {
                deliverTo(member, frame);
            }
        }
        finally
        {
            frame.release();
        }
    }

    private void deliverTo(final ChatMember member, final ByteBuf frame)
    {
        final Channel channel = member.channel();
        if (pendingOutbound(channel) + frame.readableBytes() > maxOutbound)
        {
            // Bytes written but not yet flushed are not the peer's fault: let the socket take what it can first.
            channel.flush();
            if (pendingOutbound(channel) + frame.readableBytes() > maxOutbound)
            {
                if (channel.isOpen())
                {
                    counters.slowConsumerClosed();
                    channel.close(); // no error frame: it is not reading
                }
                return;
            }
        }
        // A duplicate shares the bytes: one frame in memory for every member.
        channel.write(frame.retainedDuplicate(), channel.voidPromise());
        member.flushSoon();
    }

    /**
     * The exact count of what {@code channel} has queued and not yet written to its socket, as Netty counts it for
     * its water marks (each queued message also counts Netty's per-entry bookkeeping); a closed channel counts as
     * full. Above the high-water mark there is no public per-channel getter for it, hence the outbound buffer; read
     * on the channel's own loop, it is exact.
     */
    private static long pendingOutbound(final Channel channel)
    {
        final ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        return outbound == null ? Long.MAX_VALUE / 2 : outbound.totalPendingWriteBytes();
    }

    private static LoopMembers[] withMember(final LoopMembers[] groups, final ChatMember member)
    {
        final EventLoop loop = member.loop();
        for (int i = 0; i < groups.length; i++)
        {
            final ChatMember[] members = groups[i].members();
            if (groups[i].loop() == loop)
            {
                if (Arrays.asList(members).contains(member))
                {
                    return groups;
                }
                final ChatMember[] more = Arrays.copyOf(members, members.length + 1);
                more[members.length] = member;
                final LoopMembers[] result = groups.clone();
                result[i] = new LoopMembers(loop, more);
                return result;
            }
        }
        final LoopMembers[] result = Arrays.copyOf(groups, groups.length + 1);
        result[groups.length] = new LoopMembers(loop, new ChatMember[] {member});
        return result;
    }

    private static LoopMembers[] withoutMember(final LoopMembers[] groups, final ChatMember member)
    {
        for (int i = 0; i < groups.length; i++)
        {
            final ChatMember[] members = groups[i].members();
            if (groups[i].loop() != member.loop())
            {
                continue;
            }
            final ChatMember[] fewer = Arrays.stream(members).filter(m -> m != member).toArray(ChatMember[]::new);
            if (fewer.length == members.length)
            {
                return groups;
            }
            if (fewer.length > 0)
            {
                final LoopMembers[] result = groups.clone();
                result[i] = new LoopMembers(groups[i].loop(), fewer);
                return result;
            }
            final LoopMembers[] result = new LoopMembers[groups.length - 1];
            System.arraycopy(groups, 0, result, 0, i);
            System.arraycopy(groups, i + 1, result, i, groups.length - i - 1);
            return result;
        }
        return groups;
    }
}
