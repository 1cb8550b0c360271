package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text of the network faults' rules and of what nft and ss print back, without a network (NetworkFaultsTest). */
class NetFaultTest
{
    @Test
    void lossDropsARandomShareOfWhatArrivesFromThePeerAndCountsIt()
    {
        assertEquals("""
            table ip ioarena_fault {
              chain fault {
                type filter hook input priority 0; policy accept;
                ip saddr 10.214.0.2 numgen random mod 100 < 5 counter drop
              }
            }
            """, NetFault.loss(5).ruleset("10.214.0.2", "ioa1s"));
    }

    @Test
    void aHundredPercentLossDropsEverythingAPartition()
    {
        assertTrue(NetFault.loss(100).ruleset("10.214.0.2", "ioa1s").contains(
            "    ip saddr 10.214.0.2 counter drop\n"), NetFault.loss(100).ruleset("10.214.0.2", "ioa1s"));
    }

    @Test
    void duplicationSendsACopyOfARandomShareOfWhatLeavesForThePeerByTheSameDevice()
    {
        assertEquals("""
            table ip ioarena_fault {
              chain fault {
                type filter hook output priority 0; policy accept;
                ip daddr 10.214.0.1 numgen random mod 100 < 1 counter dup to 10.214.0.1 device "ioa1c"
              }
            }
            """, NetFault.duplication(1).ruleset("10.214.0.1", "ioa1c"));
    }

    @Test
    void aShareOutsideOneToAHundredPercentIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> NetFault.loss(0));
        assertThrows(IllegalArgumentException.class, () -> NetFault.duplication(101));
        assertEquals("5% loss", NetFault.loss(5).toString());
    }

    @Test
    void thePacketsHitAreReadFromTheCountersNftLists()
    {
        final String listing = """
            table ip ioarena_fault {
            	chain fault {
            		type filter hook input priority filter; policy accept;
            		ip saddr 10.214.0.2 numgen random mod 100 < 5 counter packets 224 bytes 26844 drop
            	}
            }
            """;
        assertEquals(224, NetFault.packetsHit(listing));
        assertEquals(0, NetFault.packetsHit("table ip ioarena_fault {\n}\n"));
    }

    @Test
    void thePeerPortsOfEstablishedSocketsAreReadFromSsIncludingMappedAddresses()
    {
        final String ss = """
            0      130    [::ffff:10.214.0.1]:7000 [::ffff:10.214.0.2]:37164
            0      0      10.214.0.1:7000          10.214.0.2:40650
            """;
        assertEquals(List.of(37164, 40650), SsLines.peerPorts(ss));
        assertEquals(List.of(), SsLines.peerPorts(""));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SsLines.peerPorts("ESTAB 0"));
        assertTrue(e.getMessage().contains("ESTAB 0"), e.getMessage());
    }
}
