package io.ioarena.vertx;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>Membership is decided where the member lives, when the message gets there, against the moment the message was
 * processed: one clock per server, shared by its loops, stamps every JOIN and every published MSG, and a loop hands a
 * message from another loop only to the members that joined before its stamp (PROTOCOL.md section 4.2: the members
 * "at the moment the server processes the MSG"). Without the stamp, a client that joined after the sender already had
 * its own delivery got the message whenever the event-bus hop was slower than that JOIN (the chat fuzz found it). A
 * JOIN is in place before its {@code OK JOIN} is written and a LEAVE before its {@code OK LEAVE}, so a message sent
 * after a client has read either reply sees the change. Not covered: a member that leaves before the hop arrives
 * misses a message sent while it was still in the room (it would need the members who left kept with their stamps).
 * One address for every room, rather than one per room, costs a hop to a loop with no members in the room (at most
 * N-1 per message, N being the event loops) and saves consumer registration on every first JOIN and last LEAVE, with
 * its window where a stale and a fresh consumer could both deliver.
 *
 * <p>Used on the verticle's event loop only.
 */
final class ChatRooms
{
    static final String ADDRESS = "ioarena.chat.delivery";
    /** The stamp of a message processed on this loop: every member here joined before it. */
    private static final long NOW = Long.MAX_VALUE;

    /** A connection that room messages are written to. */
    interface Recipient
    {
        /** Writes the frame {@code shared} (viewed as {@code view}) to this connection, on its own loop. */
        void deliver(ByteBuf shared, Buffer view);
    }

    /** Per room, this loop's members and the stamp of their JOIN. */
    private final Map<String, Map<Recipient, Long>> members = new HashMap<>();
    private final EventBus eventBus;
    /** False with a single event loop: nobody else to tell. */
    private final boolean publish;
    /** The server's order of JOINs and published MSGs, shared by every loop. */
    private final AtomicLong clock;

    ChatRooms(final EventBus eventBus, final boolean publish, final AtomicLong clock)
    {
        this.eventBus = eventBus;
        this.publish = publish;
        this.clock = clock;
    }

    void join(final String room, final Recipient member)
    {
        // joining again changes nothing, its stamp included
        members.computeIfAbsent(room, r -> new LinkedHashMap<>()).computeIfAbsent(member, m -> clock.incrementAndGet());
    }

    void leave(final String room, final Recipient member)
    {
        final Map<Recipient, Long> inRoom = members.get(room);
        if (inRoom != null && inRoom.remove(member) != null && inRoom.isEmpty())
        {
            members.remove(room);
        }
    }

    /** A {@code MSG} processed here: to the local members now, to the other loops through the event bus. */
    void deliver(final String room, final Buffer frame)
    {
        deliverLocally(room, frame, NOW);
        if (publish)
        {
            eventBus.publish(ADDRESS, new Delivery(this, room, frame, clock.incrementAndGet()));
        }
    }

    /** The event-bus consumer: a message processed on another loop. */
    void onDelivery(final Message<Delivery> message)
    {
        receive(message.body());
    }

    /** A message processed on some loop: to this loop's members that were in the room when it was processed. */
    void receive(final Delivery delivery)
    {
        if (delivery.origin() != this)
        {
            deliverLocally(delivery.room(), delivery.frame(), delivery.stamp());
        }
    }

    /**
     * Writes {@code frame} to this loop's members of {@code room}. The heap frame is copied once into pooled direct
     * memory for all of them: written as it is, Netty would copy the heap buffer to direct memory again for every
     * member ({@code filterOutboundMessage}). Each write holds one reference until Vert.x completes it; this loop
     * holds one while it hands the frame out. All of it on this loop: the copy is per loop, not shared across loops.
     */
    private void deliverLocally(final String room, final Buffer frame, final long stamp)
    {
        final Map<Recipient, Long> inRoom = members.get(room);
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
            for (final Map.Entry<Recipient, Long> member : inRoom.entrySet())
            {
                if (member.getValue() < stamp)
                {
                    member.getKey().deliver(shared, view);
                }
            }
        }
        finally
        {
            shared.release();
        }
    }
}
