package io.ioarena.vthreads;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Room membership shared by every connection's thread. A room exists while it has members. Membership changes run in
 * the map's per-key {@code compute}, so a join never lands in a set that a concurrent last leave just dropped; that
 * holds a monitor briefly but never blocks inside it, so it does not hold a carrier for long.
 */
final class ChatRooms
{
    private final ConcurrentMap<String, Set<ChatConnection>> rooms = new ConcurrentHashMap<>();

    void join(final String room, final ChatConnection member)
    {
        rooms.compute(room, (name, members) ->
        {
            final Set<ChatConnection> set = members != null ? members : ConcurrentHashMap.newKeySet();
            set.add(member);
            return set;
        });
    }

    void leave(final String room, final ChatConnection member)
    {
        rooms.computeIfPresent(room, (name, members) ->
        {
            members.remove(member);
            return members.isEmpty() ? null : members;
        });
    }

    void leaveAll(final Set<String> joined, final ChatConnection member)
    {
        for (final String room : joined)
        {
            leave(room, member);
        }
    }

    /**
     * Delivers one message to every member of {@code room}, in the sender's thread. The payload is shared by every
     * recipient's queue; nobody modifies it. A member that joined before this call is seen, one that left
     * before it is not (the set's iterator reflects every change completed before it was created).
     */
    void deliver(final String room, final byte[] payload, final ChatConnection sender)
    {
        final Set<ChatConnection> members = rooms.get(room);
        if (members == null)
        {
            return;
        }
        for (final ChatConnection member : members)
        {
            if (member == sender)
            {
                member.sendOwn(payload);
            }
            else
            {
                member.deliver(payload);
            }
        }
    }
}
