package io.ioarena.harness.hosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux network namespaces standing in for hosts: each has one address on {@code 10.213.<net>.0/24}, all joined by
 * a bridge in a namespace of its own (so that no firewall of this machine's sees their traffic), which this
 * machine reaches at {@code .1}. Every name carries the creating JVM's pid, so that runs never meet;
 * {@link #close()} (also run at JVM exit) deletes every namespace (with its links) and ends every process still in
 * one, and {@link #create()} first removes those of a test JVM that was killed before it could.
 */
final class Namespaces implements AutoCloseable
{
    private static final long COMMAND_SECONDS = 10;
    private static final String PREFIX = "ioa-";

    private final String tag;
    private final int net;
    private final List<String> created = new ArrayList<>();

    private Namespaces(final String tag, final int net)
    {
        this.tag = tag;
        this.net = net;
    }

    /** Why namespaces cannot be made here (not root, no {@code ip}, not allowed), or empty when they can. */
    static Optional<String> unavailable()
    {
        if (!"root".equals(System.getProperty("user.name")))
        {
            return Optional.of("needs root (ip netns), running as " + System.getProperty("user.name"));
        }
        final String probe = "ioa-probe-" + ProcessHandle.current().pid();
        try
        {
            ip("netns", "add", probe);
            ip("netns", "del", probe);
            return Optional.empty();
        }
        catch (final IOException e)
        {
            return Optional.of("ip netns is not allowed here: " + e.getMessage());
        }
    }

    /** The LAN: its bridge namespace, and this machine's link into it at {@code .1}. */
    static Namespaces create() throws IOException
    {
        removeOrphans();
        final long pid = ProcessHandle.current().pid();
        final Namespaces n = new Namespaces(Long.toHexString(pid), 100 + (int) (pid % 150));
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            try
            {
                n.close();
            }
            catch (final IOException e)
            {
                System.err.println("could not remove the test's namespaces: " + e.getMessage());
            }
        }, "namespaces-cleanup"));
        try
        {
            final String lan = n.add("lan");
            ip("-n", lan, "link", "add", "br0", "type", "bridge");
            ip("-n", lan, "link", "set", "br0", "up");
            final String rootLink = "ioa" + n.tag + "r";
            ip("link", "add", rootLink, "type", "veth", "peer", "name", "root", "netns", lan);
            n.plug(lan, "root");
            ip("addr", "add", n.address(1) + "/24", "dev", rootLink);
            ip("link", "set", rootLink, "up");
            return n;
        }
        catch (final IOException | RuntimeException e)
        {
            n.close();
            throw e;
        }
    }

    /** Deletes the namespaces (and ends the processes in them) of test JVMs that no longer run. */
    private static void removeOrphans() throws IOException
    {
        final Pattern ours = Pattern.compile("^(" + PREFIX + "([0-9a-f]+)-\\w+)\\b.*");
        for (final String line : ip("netns", "list").lines().toList())
        {
            final Matcher m = ours.matcher(line);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(2), 16)).isEmpty())
            {
                for (final long pid : pids(m.group(1)))
                {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                ip("netns", "del", m.group(1));
            }
        }
    }

    /** A new host, {@code name}, at {@code .<last>}: its namespace's name. */
    String host(final String name, final int last) throws IOException
    {
        final String ns = add(name);
        final String lan = namespace("lan");
        ip("-n", lan, "link", "add", name, "type", "veth", "peer", "name", "eth0", "netns", ns);
        plug(lan, name);
        ip("-n", ns, "addr", "add", address(last) + "/24", "dev", "eth0");
        ip("-n", ns, "link", "set", "eth0", "up");
        ip("-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    String address(final int last)
    {
        return "10.213." + net + "." + last;
    }

    String namespace(final String name)
    {
        return PREFIX + tag + "-" + name;
    }

    /** The processes in namespace {@code ns}. */
    static List<Long> pids(final String ns) throws IOException
    {
        return ip("netns", "pids", ns).lines().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.strip())).toList();
    }

    /** Takes the namespace's link down ({@code false}) or up: its host drops off the network and comes back. */
    static void link(final String ns, final boolean up) throws IOException
    {
        ip("-n", ns, "link", "set", "eth0", up ? "up" : "down");
    }

    private String add(final String name) throws IOException
    {
        final String ns = namespace(name);
        ip("netns", "add", ns);
        created.add(ns);
        return ns;
    }

    private static void plug(final String lan, final String link) throws IOException
    {
        ip("-n", lan, "link", "set", link, "master", "br0");
        ip("-n", lan, "link", "set", link, "up");
    }

    static String ip(final String... args) throws IOException
    {
        final List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        return run(argv);
    }

    static String run(final List<String> argv) throws IOException
    {
        final Path out = Files.createTempFile("ioarena-netns", ".txt");
        try
        {
            final Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + ": no answer in " + COMMAND_SECONDS + " s");
            }
            final String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0)
            {
                throw new IOException(String.join(" ", argv) + " failed: " + text.strip());
            }
            return text;
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", argv), e);
        }
        finally
        {
            Files.deleteIfExists(out);
        }
    }

    /** Ends every process in the namespaces, then deletes them (their links go with them). */
    @Override
    public synchronized void close() throws IOException
    {
        IOException first = null;
        for (final String ns : created.reversed())
        {
            try
            {
                for (final long pid : pids(ns))
                {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                ip("netns", "del", ns);
            }
            catch (final IOException e)
            {
                first = first == null ? e : first;
            }
        }
        created.clear();
        if (first != null)
        {
            throw first;
        }
    }
}
