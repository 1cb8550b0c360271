package io.ioarena.harness.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyscallCensusTest
{
    @TempDir
    Path dir;

    private static SyscallCensus chat()
    {
        return new SyscallCensus(SyscallCensus.Source.STRACE, null, "a census run", 2.0, 1000.0, 2000.0, 32000.0,
            33645L, Map.of("write", 29758L, "read", 2027L, "epoll_wait", 1860L));
    }

    @Test
    void itWritesAndReadsItsOwnFileInThePointFolder() throws IOException
    {
        assertTrue(SyscallCensus.read(dir).isEmpty(), "no census taken");
        chat().write(dir);
        assertTrue(Files.readString(dir.resolve(SyscallCensus.FILE)).contains("\"schemaVersion\""));
        assertEquals(chat(), SyscallCensus.read(dir).orElseThrow());
        SyscallCensus.none("strace is not on the PATH").write(dir);
        assertEquals(SyscallCensus.none("strace is not on the PATH"), SyscallCensus.read(dir).orElseThrow());
    }

    @Test
    void callsPerMessageAndPerDeliveryAndTheMostFrequentCalls()
    {
        final SyscallCensus c = chat();
        assertEquals(16.8225, c.perMessage(), 1e-9);
        assertEquals(33645 / 32000.0, c.perDelivery(), 1e-9);
        assertEquals("write 14.9, read 1.01", c.topCallsPerMessage(2));
        assertEquals("strace", c.sourceCell());
    }

    @Test
    void nothingCountedIsEmptyAndSaysWhy()
    {
        final SyscallCensus none = SyscallCensus.none("strace did not attach: Operation not permitted");
        assertNull(none.perMessage());
        assertNull(none.perDelivery());
        assertNull(none.topCallsPerMessage(5));
        assertEquals("none: strace did not attach: Operation not permitted", none.sourceCell());
        final SyscallCensus echo = new SyscallCensus(SyscallCensus.Source.PERF, null, "the measured window", 5.0,
            20000.0, 100000.0, null, 300000L, null);
        assertEquals(3.0, echo.perMessage(), 1e-9);
        assertNull(echo.perDelivery(), "echo has no deliveries");
        assertNull(echo.topCallsPerMessage(5), "perf counts a total, not calls by name");
    }
}
