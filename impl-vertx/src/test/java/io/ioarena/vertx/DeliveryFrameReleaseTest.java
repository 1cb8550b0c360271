package io.ioarena.vertx;

import io.ioarena.protocol.launch.InProcessLauncher;
import io.ioarena.protocol.launch.LaunchedServer;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pooled direct frame a loop copies each room message into (ChatRooms.deliverLocally) is released once every
 * member's write has completed: after a burst of deliveries to several members, and after the server has stopped,
 * the pool holds no more direct allocations than before. A missing release leaves one per message.
 */
class DeliveryFrameReleaseTest
{
    private static final int MEMBERS = 4;
    private static final int MESSAGES = 200;

    @Test
    void everyDeliveryFrameIsReleased() throws Exception
    {
        final long before = activeDirectAllocations();
        final InProcessLauncher launcher = new InProcessLauncher(new VertxServerProvider(), List.of("--transport", "nio"));
        try (LaunchedServer server = launcher.launch(List.of("--service", "chat", "--framing", "line", "--port", "0")))
        {
            final List<Socket> sockets = new ArrayList<>();
            final List<BufferedReader> readers = new ArrayList<>();
            for (int m = 0; m < MEMBERS; m++)
            {
                final Socket s = new Socket(server.ready().host(), server.ready().port());
                sockets.add(s);
                readers.add(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)));
                s.getOutputStream().write(("NICK m" + m + "\nJOIN r\n").getBytes(StandardCharsets.US_ASCII));
                assertEquals("OK NICK m" + m, readers.get(m).readLine());
                assertEquals("OK JOIN r", readers.get(m).readLine());
            }
            final OutputStream sender = sockets.get(0).getOutputStream();
            final StringBuilder burst = new StringBuilder();
            for (int k = 0; k < MESSAGES; k++)
            {
                burst.append("MSG r ").append(k).append('\n');
            }
            sender.write(burst.toString().getBytes(StandardCharsets.US_ASCII));
            for (final BufferedReader reader : readers)
            {
                for (int k = 0; k < MESSAGES; k++)
                {
                    assertEquals("MSG r m0 " + k, reader.readLine());
                }
            }
            for (final Socket s : sockets)
            {
                s.close();
            }
        }
        assertEquals(before, activeDirectAllocations(), "pooled direct buffers still held after the server stopped");
    }

    private static long activeDirectAllocations()
    {
        long active = 0;
        for (final PoolArenaMetric arena : PooledByteBufAllocator.DEFAULT.metric().directArenas())
        {
            active += arena.numActiveAllocations();
        }
        return active;
    }
}
