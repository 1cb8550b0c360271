package io.ioarena.protocol.conformance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arithmetic of the non-reader cases: the kernel's queues as {@code /proc/net/tcp} shows them, and held bytes. */
class NonReadersTest
{
    private static final List<String> ROWS = List.of(
        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5814499 1 " +
            "00000000f5c99b81 100 0 0 10 0",
        "   1: 0100007F:1F90 0100007F:C350 01 00024000:00010000 00:00000000 00000000  1000        0 5814500 1 " +
            "00000000f5c99b82 20 4 30 10 -1",
        "   2: 0000000000000000FFFF00000100007F:C350 0000000000000000FFFF00000100007F:1F90 01 0000000A:00000014 " +
            "00:00000000 00000000  1000        0 5814501 1 00000000f5c99b83 20 4 30 10 -1");

    @Test
    void queuesAreTakenPerSocketByItsPortsFromBothTables()
    {
        final KernelQueues kernel = KernelQueues.parse(ROWS);
        assertEquals(new KernelQueues.Queues(0x24000, 0x10000), kernel.of(8080, 50000));
        assertEquals(new KernelQueues.Queues(10, 20), kernel.of(50000, 8080));
        assertTrue(kernel.lists(50000, 8080));
    }

    @Test
    void listeningSocketsAndUnknownPortsShowNothing()
    {
        final KernelQueues kernel = KernelQueues.parse(ROWS);
        assertFalse(kernel.lists(8080, 0));
        assertEquals(KernelQueues.Queues.NONE, kernel.of(8081, 50000));
    }

    @Test
    void heldIsTheRepliesOwedForWhatTheServerReadLessWhatTheKernelHolds()
    {
        final KernelQueues.Queues client = new KernelQueues.Queues(1000, 500);
        final KernelQueues.Queues server = new KernelQueues.Queues(1500, 2000);
        // 10,000 pushed, 3,000 still in the kernel on the way in: 70 requests read, 7,700 bytes of replies owed,
        // 2,000 of them in the kernel on the way out.
        assertEquals(5700, NonReaders.held(10_000, 100, 110, client, server));
        // Half a request more read: its 50 bytes are held as they came.
        assertEquals(5750, NonReaders.held(10_050, 100, 110, client, server));
    }
}
