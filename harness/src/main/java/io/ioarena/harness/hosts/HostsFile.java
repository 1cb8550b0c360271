package io.ioarena.harness.hosts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ioarena.contract.ContractJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code --hosts hosts.json}: where a run's server and load clients run when they run on other machines, over SSH.
 * The server runs on {@code server}; {@code instances} load-client instances are dealt round-robin over
 * {@code clients} (instance i on {@code clients[i % clients.size()]}), each with its slice of the connections and
 * the rate. Read strictly, like suite files: an unknown key is an error that names it.
 *
 * @param server     the server's host
 * @param clients    the load clients' hosts (at least one; the server's host may be among them)
 * @param instances  load-client instances in all (default: one per client host)
 * @param knownHosts the known-hosts file that checks the hosts' keys (default {@code ~/.ssh/known_hosts}): a host
 *                   not in it is added on first contact, one whose key changed is refused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostsFile(Host server, List<Host> clients, Integer instances, String knownHosts)
{
    private static final ObjectReader STRICT = ContractJson.mapper().readerFor(HostsFile.class)
        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads and validates {@code file}; every message names the file and the field. */
    public static HostsFile load(final Path file) throws IOException
    {
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("--hosts " + file + ": no such file");
        }
        try (InputStream in = Files.newInputStream(file))
        {
            return read(in, file.toString());
        }
    }

    /** @param source the file's name, for messages */
    public static HostsFile read(final InputStream in, final String source) throws IOException
    {
        final HostsFile raw;
        try
        {
            raw = STRICT.readValue(in);
        }
        catch (final UnrecognizedPropertyException e)
        {
            throw new IllegalArgumentException("hosts " + source + ": unknown key \"" + e.getPropertyName() + "\"; "
                + "the known keys there are " + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                .collect(Collectors.joining(", ")));
        }
        catch (final JsonMappingException e)
        {
            throw new IllegalArgumentException("hosts " + source + ": " + e.getOriginalMessage());
        }
        try
        {
            return raw.validated();
        }
        catch (final IllegalArgumentException e)
        {
            throw new IllegalArgumentException("hosts " + source + ": " + e.getMessage(), e);
        }
    }

    HostsFile validated()
    {
        require(server != null, "server is missing");
        require(clients != null && !clients.isEmpty(), "clients is missing or empty (at least one client host)");
        final List<Host> checked = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++)
        {
            require(clients.get(i) != null, "clients[" + i + "] is null");
            checked.add(clients.get(i).validated("clients[" + i + "]"));
        }
        final int n = instances == null ? clients.size() : instances;
        require(n >= 1, "instances must be at least 1, got " + n);
        final String known = knownHosts == null
            ? Path.of(System.getProperty("user.home"), ".ssh", "known_hosts").toString() : knownHosts;
        return new HostsFile(server.validated("server"), List.copyOf(checked), n, known);
    }

    /** The host that runs load-client instance {@code index}. */
    public Host clientOf(final int index)
    {
        return clients.get(index % clients.size());
    }

    /** The lines the run prints at its start, with the rest of its configuration. */
    public List<String> describe()
    {
        final List<String> lines = new ArrayList<>();
        lines.add("  hosts (over SSH, host keys checked against " + knownHosts + "):");
        lines.add("    server on " + line(server));
        for (int i = 0; i < instances; i++)
        {
            lines.add("    client instance " + i + " of " + instances + " on " + line(clientOf(i)));
        }
        return lines;
    }

    private static String line(final Host h)
    {
        return h.describe() + " (java " + h.java() + ", repo " + h.repo() + ", " + (h.cpus() == null ? "not pinned"
            : "CPUs " + h.cpus()) + ", key " + h.key() + ")";
    }

    static void require(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
