package io.ioarena.harness.run;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two network namespaces joined by a veth pair, a server side and a client side, each with an address of its own
 * (10.214.0.1 and .2), so that faults can be put on the packets between a server and its client without touching
 * the machine's own network. Creating them needs root (as CI runs); where it is refused, or {@code nft} is missing,
 * the test using them is skipped with the reason. {@link #close()} deletes both namespaces, which takes the veth
 * pair and every nft rule with them; the names carry this JVM's pid, so that tests in parallel JVMs do not meet.
 */
final class NetnsPair implements AutoCloseable
{
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(10);
    /** The names this fixture gives its namespaces, with the pid of the JVM that made them. */
    private static final Pattern OURS = Pattern.compile("ioarena-(?:srv|cli)-(\\d+)");

    /** One end: its namespace, its address and its veth device, and the address of the other end. */
    record Side(String namespace, String address, String device, String peer)
    {
        /** The prefix that runs a command in this namespace. */
        List<String> exec()
        {
            return List.of("ip", "netns", "exec", namespace);
        }
    }

    private final Side server;
    private final Side client;

    private NetnsPair(final Side server, final Side client)
    {
        this.server = server;
        this.client = client;
    }

    /** Creates the pair, or skips the calling test (with the reason) where this machine does not allow it. */
    static NetnsPair create() throws InterruptedException
    {
        final long pid = ProcessHandle.current().pid();
        final Side server = new Side("ioarena-srv-" + pid, "10.214.0.1", "ioa" + pid + "s", "10.214.0.2");
        final Side client = new Side("ioarena-cli-" + pid, "10.214.0.2", "ioa" + pid + "c", "10.214.0.1");
        final NetnsPair pair = new NetnsPair(server, client);
        removeStale();
        try
        {
            run(List.of("nft", "--version"));
        }
        catch (final IOException noNft)
        {
            skip("this test needs nft (Debian package nftables) to make its faults: " + noNft.getMessage());
        }
        try
        {
            run(List.of("ip", "netns", "add", server.namespace()));
            run(List.of("ip", "netns", "add", client.namespace()));
            run(List.of("ip", "link", "add", server.device(), "type", "veth", "peer", "name", client.device()));
            for (final Side s : List.of(server, client))
            {
                run(List.of("ip", "link", "set", s.device(), "netns", s.namespace()));
                run(List.of("ip", "-n", s.namespace(), "addr", "add", s.address() + "/24", "dev", s.device()));
                // one segment per packet, as on a wire: else TCP hands the veth 64 KiB super-packets, and a fault
                // of "1% of packets" would drop or copy tens of segments at once, and rarely
                run(List.of("ip", "-n", s.namespace(), "link", "set", s.device(), "gso_max_segs", "1", "up"));
                run(List.of("ip", "-n", s.namespace(), "link", "set", "lo", "up"));
            }
        }
        catch (final IOException refused)
        {
            pair.close();
            skip("this test needs network namespaces and a veth pair (as root, which CI is): " +
                refused.getMessage());
        }
        return pair;
    }

    /** Skips the calling test with the reason, also printed, so that a skip shows in the build's output. */
    static void skip(final String reason)
    {
        System.out.println("netfaults SKIPPED: " + reason);
        assumeTrue(false, "skipped: " + reason);
    }

    /**
     * Deletes the namespaces of test JVMs that are gone: one that was killed could not delete its own, and left
     * behind they hold nothing but their names.
     */
    private static void removeStale() throws InterruptedException
    {
        final String list;
        try
        {
            list = run(List.of("ip", "netns", "list"));
        }
        catch (final IOException notAllowed)
        {
            return; // then creating ours fails too, and says why
        }
        for (final String line : list.lines().toList())
        {
            final Matcher m = OURS.matcher(line);
            if (m.lookingAt() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty())
            {
                try
                {
                    run(List.of("ip", "netns", "delete", m.group()));
                }
                catch (final IOException goneMeanwhile)
                {
                    // another test JVM deleted it first
                }
            }
        }
    }

    Side server()
    {
        return server;
    }

    Side client()
    {
        return client;
    }

    /** Puts {@code fault} on both directions, in place of any fault before it. */
    void apply(final NetFault fault) throws IOException, InterruptedException
    {
        clear();
        for (final Side s : List.of(server, client))
        {
            final List<String> nft = new ArrayList<>(s.exec());
            nft.addAll(List.of("nft", fault.ruleset(s.peer(), s.device())));
            run(nft);
        }
    }

    /** The packets the fault in place hit so far, both directions together. */
    long faultedPackets() throws IOException, InterruptedException
    {
        long packets = 0;
        for (final Side s : List.of(server, client))
        {
            final List<String> list = new ArrayList<>(s.exec());
            list.addAll(List.of("nft", "list", "table", "ip", NetFault.TABLE));
            packets += NetFault.packetsHit(run(list));
        }
        return packets;
    }

    /** Takes the fault in place away (none is fine). */
    void clear() throws IOException, InterruptedException
    {
        for (final Side s : List.of(server, client))
        {
            final List<String> nft = new ArrayList<>(s.exec());
            // add, then delete: nft's own "destroy" (delete if present) is newer than Debian 12's nft
            nft.addAll(List.of("nft", "add table ip " + NetFault.TABLE + "; delete table ip " + NetFault.TABLE));
            run(nft);
        }
    }

    /**
     * Resets one of the connections established to the server's {@code port}, as the server's kernel does when a
     * socket is destroyed ({@code ss -K}: the server's socket is aborted and a RST goes to the client). Returns the
     * client's port of the connection it reset.
     */
    int resetOneConnection(final int port) throws IOException, InterruptedException
    {
        final List<String> list = new ArrayList<>(server.exec());
        list.addAll(List.of("ss", "-Htn", "state", "established", "( sport = :" + port + " )"));
        final List<Integer> peers = SsLines.peerPorts(run(list));
        if (peers.isEmpty())
        {
            throw new IOException("no connection established to port " + port + " to reset");
        }
        final List<String> kill = new ArrayList<>(server.exec());
        kill.addAll(List.of("ss", "-K", "-Htn", "state", "established", "( sport = :" + port + " and dport = :" +
            peers.getFirst() + " )"));
        if (SsLines.peerPorts(run(kill)).size() != 1)
        {
            throw new IOException("ss -K did not reset the connection from port " + peers.getFirst());
        }
        return peers.getFirst();
    }

    /**
     * Deletes both namespaces, and with them the veth pair and every rule; safe to call on a half-made pair (a veth
     * pair not yet moved into its namespace is deleted where it was made).
     */
    @Override
    public void close() throws InterruptedException
    {
        final List<List<String>> deletes = List.of(List.of("ip", "netns", "delete", server.namespace()),
            List.of("ip", "netns", "delete", client.namespace()), List.of("ip", "link", "delete", server.device()));
        for (final List<String> delete : deletes)
        {
            try
            {
                run(delete);
            }
            catch (final IOException notThere)
            {
                // never made, or already gone with its namespace: nothing of it is left either way
            }
        }
    }

    private static String run(final List<String> command) throws IOException, InterruptedException
    {
        return BoundedCommand.run(command, COMMAND_LIMIT);
    }
}
