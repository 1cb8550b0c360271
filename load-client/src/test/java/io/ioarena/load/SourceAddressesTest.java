package io.ioarena.load;

import io.ioarena.protocol.Framing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceAddressesTest
{
    @Test
    void connectionsGoRoundTheAddressesByTheirId()
    {
        final SourceAddresses three = new SourceAddresses(3);
        assertEquals(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"), three.labels());
        assertEquals("127.0.0.1", three.of(0).getAddress().getHostAddress());
        assertEquals("127.0.0.2", three.of(4).getAddress().getHostAddress());
        assertEquals("127.0.0.3", three.of(5).getAddress().getHostAddress());
        assertEquals(0, three.of(5).getPort());
        assertTrue(three.binds());
        assertFalse(new SourceAddresses(1).binds(), "one address: the kernel picks the source, as before");
        assertEquals("127.0.0.254", new SourceAddresses(SourceAddresses.MAX).labels().getLast());
    }

    @Test
    void badCountsAndNonLoopbackServersAreRefusedNamingTheFlag()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SourceAddresses(0)).getMessage()
            .startsWith("--source-addresses must be in 1..254"));
        assertThrows(IllegalArgumentException.class, () -> new SourceAddresses(255));
        final LoadConfig.Builder b = LoadConfig.builder(7000);
        b.host = "10.1.2.3";
        b.sourceAddresses = new SourceAddresses(2);
        assertTrue(assertThrows(IllegalArgumentException.class, b::build).getMessage().contains("--host must be a " +
            "127.x address"));
        b.sourceAddresses = new SourceAddresses(1);
        b.build();
    }

    @Test
    void aRunComesFromEveryAddressAndRecordsThem() throws Exception
    {
        try (FaultyServer server = new FaultyServer(Framing.LINE, false, FaultyServer.Faults.none()))
        {
            final LoadConfig.Builder b = ClientRunTest.shortRun(server.port());
            b.connections = 6;
            b.sourceAddresses = new SourceAddresses(3);
            final RunResult r = ClientRunTest.run(b.build());
            assertEquals(6, r.established());
            assertEquals(r.stats().sent, r.stats().received);
            assertEquals(Set.of("127.0.0.1", "127.0.0.2", "127.0.0.3"), server.peerAddresses());
            assertEquals(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"), r.config().toMap().get("sourceAddresses"));
        }
    }
}
