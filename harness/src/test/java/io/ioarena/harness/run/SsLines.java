package io.ioarena.harness.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code ss -Htn state <one state>} output: one socket a line, {@code Recv-Q Send-Q Local Peer} (with one
 * state asked for, ss leaves its State column out), so the peer's {@code address:port} is the fourth column.
 */
final class SsLines
{
    private SsLines()
    {
    }

    /** The peer ports of the sockets listed, in their order. */
    static List<Integer> peerPorts(final String output)
    {
        final List<Integer> ports = new ArrayList<>();
        for (final String line : output.strip().lines().toList())
        {
            final String[] columns = line.strip().split("\\s+");
            if (columns.length < 4)
            {
                throw new IllegalArgumentException("not a line of ss -Htn with one state: " + line);
            }
            final String peer = columns[3];
            ports.add(Integer.parseInt(peer.substring(peer.lastIndexOf(':') + 1)));
        }
        return ports;
    }
}
