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
 * The chat rooms of one server (PROTOCOL.md section 4.2): which channels are in which room, and delivery to them
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
    private record LoopMembers(EventLoop loop, Channel[] channels)
    {
    }

    private static final LoopMembers[] EMPTY = new LoopMembers[0];

    private static final class Room
    {
        /** Replaced, never modified, under the room's lock; read without it. */
        private volatile LoopMembers[] members = EMPTY;
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
    void join(final String name, final Channel member)
    {
        while (true)
        {
            final Room room = rooms.computeIfAbsent(name, n -> new Room());
            synchronized (room)
            {
                // A room retired after this thread found it is gone from the map: look again.
                if (!room.retired)
                {
                    room.members = withMember(room.members, member);
                    return;
                }
            }
        }
    }

    /** Removes {@code member} from {@code name}, and the room once it is empty; harmless if not a member. */
    void leave(final String name, final Channel member)
    {
        final Room room = rooms.get(name);
        if (room == null)
        {
            return;
        }
        synchronized (room)
        {
            room.members = withoutMember(room.members, member);
            if (room.members.length == 0 && !room.retired)
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
        final LoopMembers[] snapshot = room == null ? EMPTY : room.members;
        Channel[] local = null;
        // Other loops first, so that they work while this one writes.
        for (final LoopMembers group : snapshot)
        {
            if (group.loop() == here)
            {
                local = group.channels();
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
        final Channel[] channels = group.channels();
        try
        {
            group.loop().execute(() -> deliverOnOwnLoop(channels, frame));
        }
        catch (final RejectedExecutionException e)
        {
            frame.release(); // that loop is shutting down, and its channels with it
        }
    }

    /** On the event loop of {@code members}; releases {@code frame}. */
    private void deliverOnOwnLoop(final Channel[] members, final ByteBuf frame)
    {
        try
        {
            for (final Channel member : members)
            {
                deliverTo(member, frame);
            }
        }
        finally
        {
            frame.release();
        }
    }

    private void deliverTo(final Channel member, final ByteBuf frame)
    {
        // The exact pending count: what the channel has queued and not yet written to the socket, as Netty counts
        // it for its water marks (each queued message also counts Netty's per-entry bookkeeping). There is no
        // public per-channel getter for it above the high-water mark, hence the outbound buffer; read on the
        // channel's own loop, it is exact.
        final ChannelOutboundBuffer outbound = member.unsafe().outboundBuffer();
        if (outbound == null)
        {
            return; // closed: it has left or is leaving its rooms
        }
        if (outbound.totalPendingWriteBytes() + frame.readableBytes() > maxOutbound)
        {
            counters.slowConsumerClosed();
            member.close(); // no error frame: it is not reading
            return;
        }
        // A duplicate shares the bytes: one frame in memory for every member. The flush is consolidated per channel
        // by its FlushConsolidationHandler, so a burst of deliveries costs one write syscall per member.
        member.writeAndFlush(frame.retainedDuplicate(), member.voidPromise());
    }

    private static LoopMembers[] withMember(final LoopMembers[] groups, final Channel member)
    {
        final EventLoop loop = member.eventLoop();
        for (int i = 0; i < groups.length; i++)
        {
            final LoopMembers group = groups[i];
            if (group.loop() == loop)
            {
                if (Arrays.asList(group.channels()).contains(member))
                {
                    return groups;
                }
                final Channel[] channels = Arrays.copyOf(group.channels(), group.channels().length + 1);
                channels[channels.length - 1] = member;
                final LoopMembers[] result = groups.clone();
                result[i] = new LoopMembers(loop, channels);
                return result;
            }
        }
        final LoopMembers[] result = Arrays.copyOf(groups, groups.length + 1);
        result[groups.length] = new LoopMembers(loop, new Channel[] {member});
        return result;
    }

    private static LoopMembers[] withoutMember(final LoopMembers[] groups, final Channel member)
    {
        for (int i = 0; i < groups.length; i++)
        {
            final LoopMembers group = groups[i];
            if (group.loop() == member.eventLoop())
            {
                final Channel[] channels =
                    Arrays.stream(group.channels()).filter(c -> c != member).toArray(Channel[]::new);
                if (channels.length == group.channels().length)
                {
                    return groups;
                }
                if (channels.length > 0)
                {
                    final LoopMembers[] result = groups.clone();
                    result[i] = new LoopMembers(group.loop(), channels);
                    return result;
                }
                final LoopMembers[] result = new LoopMembers[groups.length - 1];
                System.arraycopy(groups, 0, result, 0, i);
                System.arraycopy(groups, i + 1, result, i, groups.length - i - 1);
                return result;
            }
        }
        return groups;
    }
}
