package io.ioarena.vertx;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The chat rooms as one verticle instance sees them: the members that live on its event loop, per room. A room
 * spans event loops through the event bus, the Vert.x way for verticles to share work: every instance registers one
 * local consumer on {@link #ADDRESS}, and a message is published once, reaching each other instance once, which
 * writes it to its own members. That is one event-bus hop per loop per message, not one per member, and no socket is
 * ever written from a thread other than its own event loop.
 *
 * <p>The instance that processes a {@code MSG} delivers to its own members at once, the sender included, before it
 * publishes: so the sender's delivery comes in order with its other replies (PROTOCOL.md section 4.2), and the own
 * loop is not a consumer of its own message. Order per sender holds at every recipient: a sender's messages are
 * handled in order on one loop, and the event bus queues them to each consumer's loop in that order.
 *
 * <p>Membership is decided where the member lives, when the message gets there. A JOIN is in place before its
 * {@code OK JOIN} is written and a LEAVE before its {@code OK LEAVE}, so a message sent after a client has read
 * either reply sees the change. One address for every room, rather than one per room, costs a hop to a loop with
 * no members in the room (at most N-1 per message, N being the event loops) and saves consumer registration on
 * every first JOIN and last LEAVE, with its window where a stale and a fresh consumer could both deliver.
 *
 * <p>Used on the verticle's event loop only.
 */
final class ChatRooms
{
    static final String ADDRESS = "ioarena.chat.delivery";

    private final Map<String, Set<ChatConnection>> members = new HashMap<>();
    private final EventBus eventBus;
    /** False with a single event loop: nobody else to tell. */
    private final boolean publish;

    ChatRooms(final EventBus eventBus, final boolean publish)
    {
        this.eventBus = eventBus;
        this.publish = publish;
    }

    void join(final String room, final ChatConnection member)
    {
        members.computeIfAbsent(room, r -> new LinkedHashSet<>()).add(member);
    }

    void leave(final String room, final ChatConnection member)
    {
        final Set<ChatConnection> inRoom = members.get(room);
        if (inRoom != null && inRoom.remove(member) && inRoom.isEmpty())
        {
            members.remove(room);
        }
    }

    /** A {@code MSG} processed here: to the local members now, to the other loops through the event bus. */
    void deliver(final String room, final Buffer frame)
    {
        deliverLocally(room, frame);
        if (publish)
        {
            eventBus.publish(ADDRESS, new Delivery(this, room, frame));
        }
    }

    /** The event-bus consumer: a message processed on another loop. */
    void onDelivery(final Message<Delivery> message)
    {
        final Delivery delivery = message.body();
        if (delivery.origin() != this)
        {
            deliverLocally(delivery.room(), delivery.frame());
        }
    }

    /**
     * Writes {@code frame} to this loop's members of {@code room}. The heap frame is copied once into pooled direct
     * memory for all of them: written as it is, Netty would copy the heap buffer to direct memory again for every
     * member ({@code filterOutboundMessage}). Each write holds one reference until Vert.x completes it; this loop
     * holds one while it hands the frame out. All of it on this loop: the copy is per loop, not shared across loops.
     */
    private void deliverLocally(final String room, final Buffer frame)
    {
        final Set<ChatConnection> inRoom = members.get(room);
        if (inRoom == null)
        {
            return;
        }
        final ByteBuf source = ((BufferInternal)frame).getByteBuf();
        final ByteBuf shared = PooledByteBufAllocator.DEFAULT.directBuffer(source.readableBytes()).writeBytes(source);
        final Buffer view = BufferInternal.buffer(shared);
        try
        {
            // Safe to iterate: a member closed here as a slow consumer leaves its rooms in its close handler,
            // which Netty runs in a later task, never inside this loop.
            for (final ChatConnection member : inRoom)
            {
                member.deliver(shared, view);
            }
        }
        finally
        {
            shared.release();
        }
    }
}
