package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class MemoryRunTest
{
    /** The reading waits until the server holds the connections, as a memory run's client makes them. */
    @Test
    void readsTheServerOnceItHoldsTheConnections(@TempDir final Path dir) throws Exception
    {
        final List<SocketChannel> connections = new ArrayList<>();
        try (SelectorProcess server = SelectorProcess.start(List.of("-Xmx64m", "-XX:TieredStopAtLevel=1",
            "-XX:NativeMemoryTracking=summary"), dir))
        {
            final MemoryRun run = MemoryRun.start(MemoryProbe.ofThisJdk(), server.pid(), true, 200);
            Thread.sleep(300); // the reading must not be taken before the connections come
            for (int i = 0; i < 200; i++)
            {
                connections.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", server.ready().port())));
            }
            final MemoryRun.Held held = run.await();
            assertEquals(200, held.sockets(), "read with every connection held");
            assertNotNull(held.reading().heapUsedAfterGcBytes());
            assertNotNull(held.reading().nmtNativeBytes(), "tracked: " + held.reading());
        }
        finally
        {
            for (final SocketChannel c : connections)
            {
                c.close();
            }
        }
    }
}
