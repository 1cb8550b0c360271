package io.ioarena.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The loopback addresses the client's connections come from ({@code --source-addresses n}): 127.0.0.1 up to
 * 127.0.0.n, connection {@code id} from address {@code id mod n}. One source address has one ephemeral port range
 * (about 28,000 ports by default) for every connection to a server, so past that many connections (or TIME_WAIT
 * sockets of earlier ones) the client needs more addresses; all of 127.0.0.0/8 is loopback on Linux, without setup.
 * With one address nothing is bound and the kernel picks the source, as it always did.
 */
public record SourceAddresses(int count)
{
    /** 127.0.0.1 to 127.0.0.254: the host byte 0 is the network and 255 the broadcast address of a /24. */
    public static final int MAX = 254;

    public SourceAddresses
    {
        if (count < 1 || count > MAX)
        {
            throw new IllegalArgumentException("--source-addresses must be in 1.." + MAX + " (127.0.0.1 to 127.0.0."
                + MAX + "), got " + count);
        }
    }

    /** Whether connections are bound to their address before connecting: only when there is more than one. */
    public boolean binds()
    {
        return count > 1;
    }

    /** The address connection {@code id} comes from, port 0 (the kernel picks it at bind). */
    public InetSocketAddress of(final int id)
    {
        return new InetSocketAddress(address(Math.floorMod(id, count)), 0);
    }

    /** The addresses in use, for the summary and the log header. */
    public List<String> labels()
    {
        final List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            out.add(address(i).getHostAddress());
        }
        return out;
    }

    /** Checks that {@code host} can be reached from these addresses: more than one needs a loopback server. */
    void requireReachable(final String host)
    {
        if (binds() && !isLoopback(host))
        {
            throw new IllegalArgumentException("--source-addresses " + count + " binds connections to 127.0.0.1.."
                + "127.0.0." + count + ", which reach loopback servers only: --host must be a 127.x address, got "
                + host);
        }
    }

    private static boolean isLoopback(final String host)
    {
        try
        {
            final InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress() && a.getAddress().length == 4;
        }
        catch (final UnknownHostException e)
        {
            return false;
        }
    }

    private static InetAddress address(final int index)
    {
        try
        {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (index + 1)});
        }
        catch (final UnknownHostException e)
        {
            throw new AssertionError("four bytes are always an address", e);
        }
    }
}
