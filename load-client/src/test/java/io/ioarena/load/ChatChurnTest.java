package io.ioarena.load;

import io.ioarena.contract.Tag;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.server.ServerCommandLine;
import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.selector.SelectorServerProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --chat-churn} against real servers: visitors join, get their copies and leave while the members' accounting
 * stays exact, and a copy a server keeps from a visitor that was surely in its room is caught.
 */
class ChatChurnTest
{
    private static final long MS = 1_000_000;

    /** 40 members in 4 rooms, 2,000 msg/s and 20 joins/s, over 2 threads, for 3 s after 0.5 s of warm-up. */
    private static LoadConfig.Builder churn(final int port)
    {
        final LoadConfig.Builder b = ClientRunTest.shortRun(port);
        b.workload = Service.CHAT;
        b.connections = 40;
        b.rooms = 4;
        b.chatChurn = 20;
        b.warmupNanos = 500 * MS;
        b.durationNanos = 3000 * MS;
        b.drainTimeoutNanos = 2000 * MS;
        return b;
    }

    @Test
    void visitorsJoinAndLeaveTheSelectorsRoomsWithNoErrorAndTheMembersCountStaysExact() throws Exception
    {
        final RunningServer server = new SelectorServerProvider().start(ServerCommandLine.parse(
            new SelectorServerProvider(), List.of("--service", "chat", "--event-loops", "2")));
        try
        {
            final RunResult r = ClientRunTest.run(churn(server.port()).build());
            final ThreadStats s = r.stats();
            // 20 joins/s over 3 measured seconds, and every visit left within the run
            assertEquals(60, s.joins);
            assertEquals(60, s.leaves);
            assertEquals(60, r.histogram(Tag.JOIN).getTotalCount());
            assertEquals(0, s.churnErrors);
            assertTrue(s.requiredCopies > 0 && s.visitorCopies >= s.requiredCopies,
                "the visitors had copies to get, and got them: " + s.requiredCopies + " required, "
                    + s.visitorCopies + " received");
            // the visitors change nothing of the members' count: 6,000 messages, each to the 10 members of its room
            assertEquals(6000, s.sent);
            assertEquals(60_000, s.expectedDeliveries);
            assertEquals(60_000, s.receivedDeliveries);
            assertEquals(60_000, r.histogram(Tag.DELIVERY).getTotalCount());
            assertEquals(40, r.established());
            ClientRunTest.assertNoFlagsBut(ClientRunTest.GENERATOR_FLAGS, r);
        }
        finally
        {
            server.stop();
        }
    }

    @Test
    void aCopyKeptFromAVisitorSurelyInItsRoomIsCaught() throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LINE, true, FaultyServer.Faults.none().dropOneToVisitor()))
        {
            final LoadConfig.Builder b = churn(server.port());
            b.connections = 8;
            b.rooms = 2;
            b.threads = 1;
            b.rate = 400;
            b.chatChurn = 2;
            b.warmupNanos = 0;
            b.drainTimeoutNanos = 500 * MS;
            final RunResult r = ClientRunTest.run(b.build());
            final ThreadStats s = r.stats();
            // the server dropped one copy to a visitor that had been in its room for 200 ms of its 1 s stay
            assertEquals(1, s.churnErrors);
            assertEquals(1, s.lost + s.unanswered, "a gap (lost), or the visit's last copy (unanswered)");
            assertEquals(s.expectedDeliveries, s.receivedDeliveries, "every member got every copy");
            assertTrue(r.flags().contains("LOSS") || r.flags().contains("UNANSWERED"), r.flags().toString());
        }
    }
}
