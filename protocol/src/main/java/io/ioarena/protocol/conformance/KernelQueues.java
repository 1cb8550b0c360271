package io.ioarena.protocol.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Linux kernel holds on the TCP sockets of this machine, from {@code /proc/net/tcp} and {@code tcp6}: per
 * socket, keyed by its local and remote port, the bytes sent and not yet acknowledged ({@code tx_queue}, which
 * includes what a zero window keeps unsent) and the bytes received and not yet read by the application
 * ({@code rx_queue}). Over loopback both ends of a connection are listed, so the bytes in flight between a client
 * and a server are the sum over the two sockets.
 */
final class KernelQueues
{
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String LISTEN = "0A";

    /** Send and receive queues of one socket, in bytes. */
    record Queues(long tx, long rx)
    {
        static final Queues NONE = new Queues(0, 0);
    }

    private final Map<Long, Queues> sockets;

    private KernelQueues(final Map<Long, Queues> sockets)
    {
        this.sockets = sockets;
    }

    /** Where Linux keeps the minimum, default and maximum of a TCP socket's send buffer. */
    private static final Path TCP_WMEM = Path.of("/proc/sys/net/ipv4/tcp_wmem");
    /** Linux's default maximum of {@code net.ipv4.tcp_wmem}, for a machine that does not show its own. */
    static final long DEFAULT_SEND_BUFFER_MAX = 4L << 20;

    /** The largest a TCP socket's send buffer grows to on this machine ({@code net.ipv4.tcp_wmem}'s maximum). */
    static long sendBufferMax()
    {
        // not Files.readString: it trusts the size /proc reports and returned "4" for "4096 16384 4194304"
        try (java.io.InputStream in = Files.newInputStream(TCP_WMEM))
        {
            final String[] fields = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim()
                .split("\\s+");
            return Long.parseLong(fields[fields.length - 1]);
        }
        catch (final IOException | RuntimeException e)
        {
            return DEFAULT_SEND_BUFFER_MAX;
        }
    }

    /** Whether this machine shows its sockets' queues (Linux). */
    static boolean available()
    {
        return Files.isReadable(TABLES.getFirst());
    }

    /** The queues of every socket now. */
    static KernelQueues read() throws IOException
    {
        final List<String> lines = new ArrayList<>();
        for (final Path table : TABLES)
        {
            if (Files.isReadable(table))
            {
                final List<String> rows = Files.readAllLines(table);
                lines.addAll(rows.subList(1, rows.size())); // the first is the header
            }
        }
        return parse(lines);
    }

    /** The queues of the sockets in rows of {@code /proc/net/tcp} or {@code tcp6}, without their header line. */
    static KernelQueues parse(final List<String> rows)
    {
        final Map<Long, Queues> sockets = new HashMap<>();
        for (final String row : rows)
        {
            // sl local_address rem_address st tx_queue:rx_queue ...; addresses are <hex ip>:<hex port>
            final String[] f = row.trim().split("\\s+");
            if (f.length < 5 || f[3].equals(LISTEN))
            {
                continue;
            }
            final int colon = f[4].indexOf(':');
            sockets.put(key(port(f[1]), port(f[2])), new Queues(
                Long.parseLong(f[4].substring(0, colon), 16), Long.parseLong(f[4].substring(colon + 1), 16)));
        }
        return new KernelQueues(sockets);
    }

    /** The queues of the socket bound to {@code localPort} and connected to {@code remotePort}; none if unlisted. */
    Queues of(final int localPort, final int remotePort)
    {
        return sockets.getOrDefault(key(localPort, remotePort), Queues.NONE);
    }

    /** Both ends of a client's connection to a server, for a message: who holds the bytes. */
    String describe(final int clientPort, final int serverPort)
    {
        final Queues client = of(clientPort, serverPort);
        final Queues server = of(serverPort, clientPort);
        return "kernel queues client tx " + client.tx() + " rx " + client.rx() + ", server rx " + server.rx() +
            " tx " + server.tx();
    }

    /** Whether a socket bound to {@code localPort} and connected to {@code remotePort} is listed. */
    boolean lists(final int localPort, final int remotePort)
    {
        return sockets.containsKey(key(localPort, remotePort));
    }

    private static int port(final String address)
    {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
    }

    private static long key(final int localPort, final int remotePort)
    {
        return ((long)localPort << 16) | remotePort;
    }
}
