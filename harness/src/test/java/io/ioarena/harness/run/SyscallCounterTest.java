package io.ioarena.harness.run;

import io.ioarena.harness.results.SyscallCensus.Source;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyscallCounterTest
{
    private static SyscallCounter counter(final boolean tracepoint, final boolean perf, final boolean strace)
    {
        return new SyscallCounter(tracepoint, perf, strace, System::currentTimeMillis);
    }

    @Test
    void perfOnlyWhereTheTracepointIsAlreadyThereElseStraceElseNothingWithTheReason()
    {
        assertEquals(Source.PERF, counter(true, true, true).source());
        assertEquals(Source.STRACE, counter(false, true, true).source());
        assertTrue(counter(false, true, true).why().contains("tracefs is not mounted"), counter(false, true, true).why());
        assertEquals(Source.STRACE, counter(true, false, true).source());
        assertTrue(counter(true, false, true).why().contains("perf is not on the PATH"));
        assertEquals(Source.NONE, counter(false, false, false).source());
        assertTrue(counter(false, false, false).why().endsWith("and strace is not on the PATH"));
        assertTrue(counter(false, false, false).describe().startsWith("none ("));
        assertTrue(counter(false, true, true).describe().contains("census run"));
    }

    @Test
    void theSocketsAmongAProcessOpenFilesAreCounted() throws IOException
    {
        final Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(fds.toFile().isDirectory(), "Linux /proc");
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final long before = OpenSockets.in(fds);
            try (ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket c = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
            {
                assertEquals(before + 2, OpenSockets.in(fds));
            }
        }
    }
}
