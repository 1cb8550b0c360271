package io.ioarena.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The chat rooms of a run. Connection {@code c} (global id) is in room {@code c % rooms} with member index
 * {@code c / rooms}. Tracks the members of each room that are still connected, shared by all client threads, so a
 * sender counts the copies it expects (the members at the moment it sends, itself included).
 */
final class ChatRooms
{
    private final int rooms;
    private final int connections;
    private final AtomicIntegerArray liveMembers;
    /** The members of each room that this instance runs, registered before the client threads start. */
    private final List<List<ChatConnection>> localMembers = new ArrayList<>();

    /** Every configured member counts as live until it fails to join or disconnects. */
    ChatRooms(final int rooms, final int connections)
    {
        this.rooms = rooms;
        this.connections = connections;
        this.liveMembers = new AtomicIntegerArray(rooms);
        for (int r = 0; r < rooms; r++)
        {
            liveMembers.set(r, members(r));
            localMembers.add(new ArrayList<>());
        }
    }

    void addLocal(final ChatConnection member)
    {
        localMembers.get(member.room()).add(member);
    }

    List<ChatConnection> localMembers(final int room)
    {
        return localMembers.get(room);
    }

    /**
     * Copies that local senders sent to {@code recipient} and that have not arrived; read only once the senders'
     * threads have stopped sending (the run's busy counter orders their writes before this read).
     */
    long missingCopies(final ChatConnection recipient)
    {
        long missing = 0;
        for (final ChatConnection sender : localMembers.get(recipient.room()))
        {
            if (sender != recipient)
            {
                missing += recipient.missingFrom(sender);
            }
        }
        return missing;
    }

    int roomOf(final int connection)
    {
        return connection % rooms;
    }

    int memberIndex(final int connection)
    {
        return connection / rooms;
    }

    /** Configured members of room {@code room} over all instances. */
    int members(final int room)
    {
        return (connections - room + rooms - 1) / rooms;
    }

    int liveMembers(final int room)
    {
        return liveMembers.get(room);
    }

    void left(final int room)
    {
        liveMembers.decrementAndGet(room);
    }
}
