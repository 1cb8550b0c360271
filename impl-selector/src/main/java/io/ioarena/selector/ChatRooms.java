package io.ioarena.selector;

import io.ioarena.protocol.Framing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Room membership for the whole server: rooms span reactors, so this registry is shared and concurrent. A delivery
 * never touches another reactor's socket: a member owned by another reactor gets it through that reactor's task
 * queue (see {@link Reactor#execute}).
 */
final class ChatRooms
{
    private final Framing framing;
    private final ConcurrentHashMap<String, Set<ChatConnection>> members = new ConcurrentHashMap<>();

    ChatRooms(final Framing framing)
    {
        this.framing = framing;
    }

    void join(final String room, final ChatConnection connection)
    {
        // Inside compute, so that a concurrent leave that empties and removes the room cannot drop this member.
        members.compute(room, (name, set) ->
        {
            final Set<ChatConnection> joined = set != null ? set : ConcurrentHashMap.newKeySet();
            joined.add(connection);
            return joined;
        });
    }

    void leave(final String room, final ChatConnection connection)
    {
        members.computeIfPresent(room, (name, set) ->
        {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Delivers {@code payload} to every member of {@code room}, the sender included; called on the sender's reactor.
     * The frame is encoded once and shared read-only by every recipient, each through its own {@code duplicate()}
     * view (its own position, no copy). Members on this reactor get it at once (written at the end of the loop turn,
     * with whatever else they got in it); the members on each other reactor in one task for that reactor, not one per
     * member. Per-sender order holds at every recipient: the sender's reactor hands its deliveries to each other
     * reactor through one FIFO queue, in the order of the sender's commands.
     */
    void deliver(final String room, final byte[] payload)
    {
        final Set<ChatConnection> recipients = members.get(room);
        if (recipients == null)
        {
            return;
        }
        final ByteBuffer frame = ByteBuffer.wrap(framing.encode(payload)).asReadOnlyBuffer();
        Map<Reactor, List<ChatConnection>> elsewhere = null;
        for (final ChatConnection recipient : recipients)
        {
            final Reactor owner = recipient.reactor;
            if (owner.inEventLoop())
            {
                recipient.deliver(frame.duplicate());
            }
            else
            {
                if (elsewhere == null)
                {
                    elsewhere = new IdentityHashMap<>();
                }
                elsewhere.computeIfAbsent(owner, r -> new ArrayList<>()).add(recipient);
            }
        }
        if (elsewhere != null)
        {
            elsewhere.forEach((owner, group) -> owner.execute(() ->
            {
                for (final ChatConnection recipient : group)
                {
                    recipient.deliver(frame.duplicate());
                }
            }));
        }
    }
}
