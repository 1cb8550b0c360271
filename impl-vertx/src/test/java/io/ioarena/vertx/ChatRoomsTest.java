package io.ioarena.vertx;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A message that reaches a loop over the event bus goes to the members that were in the room when another loop
 * processed it (PROTOCOL.md section 4.2), not to whoever is in the room when it arrives. The chat fuzz found a
 * client that joined after the sender had its own delivery, and still got the message.
 */
class ChatRoomsTest
{
    private final AtomicLong clock = new AtomicLong();
    private final ChatRooms here = new ChatRooms(null, false, clock);
    private final ChatRooms elsewhere = new ChatRooms(null, false, clock);

    @Test
    void aMemberThatJoinedAfterTheMessageWasProcessedDoesNotGetIt()
    {
        final Member before = new Member();
        final Member after = new Member();
        here.join("r", before);
        final Delivery processedElsewhere = delivery("MSG r ann hi");
        here.join("r", after);

        here.receive(processedElsewhere);

        assertEquals(List.of("MSG r ann hi"), before.received);
        assertEquals(List.of(), after.received);
    }

    @Test
    void joiningAgainKeepsTheFirstJoin()
    {
        final Member member = new Member();
        here.join("r", member);
        final Delivery processedElsewhere = delivery("MSG r ann hi");
        here.join("r", member);

        here.receive(processedElsewhere);

        assertEquals(List.of("MSG r ann hi"), member.received);
    }

    @Test
    void aMemberThatLeftAndJoinedAgainGetsOnlyWhatCameAfter()
    {
        final Member member = new Member();
        here.join("r", member);
        here.leave("r", member);
        final Delivery whileOut = delivery("MSG r ann while-out");
        here.join("r", member);
        final Delivery afterRejoin = delivery("MSG r ann after");

        here.receive(whileOut);
        here.receive(afterRejoin);

        assertEquals(List.of("MSG r ann after"), member.received);
    }

    /** A message as the other loop publishes it: stamped when it was processed. */
    private Delivery delivery(final String text)
    {
        return new Delivery(elsewhere, "r", Buffer.buffer(text), clock.incrementAndGet());
    }

    private static final class Member implements ChatRooms.Recipient
    {
        final List<String> received = new ArrayList<>();

        @Override
        public void deliver(final ByteBuf shared, final Buffer view)
        {
            received.add(shared.toString(StandardCharsets.UTF_8));
        }
    }
}
