package io.ioarena.harness.hosts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ioarena.harness.run.Pinning;

import java.util.List;

/**
 * One machine of a run over SSH, as the hosts file gives it.
 *
 * @param address the host's address: SSH connects to it, and a server host's server binds it (the clients connect
 *                to it), so it must be the address of the network the benchmark is meant to cross
 * @param sshPort the SSH server's port (default 22)
 * @param user    the user SSH logs in as
 * @param key     the private key file (OpenSSH or PEM) that logs in, on this machine
 * @param java    the {@code java} to run there (default {@code java}: the remote PATH's)
 * @param repo    the ioarena checkout there, built ({@code mvn -DskipTests package}) at the same commit as this one
 * @param cpus    CPUs to pin there with {@code taskset -c} (e.g. {@code 0-3}); absent: not pinned
 * @param workDir where the host's processes write their files before they are fetched (default
 *                {@code /tmp/ioarena}); each run works in a folder of its own under it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Host(String address, Integer sshPort, String user, String key, String java, String repo, String cpus,
    String workDir)
{
    static final int DEFAULT_SSH_PORT = 22;
    static final String DEFAULT_JAVA = "java";
    static final String DEFAULT_WORK_DIR = "/tmp/ioarena";

    /** This host with its defaults filled in, checked; {@code field} names it in messages ({@code clients[1]}). */
    Host validated(final String field)
    {
        HostsFile.require(address != null && !address.isBlank(), field + ".address is missing");
        HostsFile.require(user != null && !user.isBlank(), field + ".user is missing");
        HostsFile.require(key != null && !key.isBlank(), field + ".key is missing (the private key file SSH logs "
            + "in with)");
        HostsFile.require(repo != null && repo.startsWith("/"), field + ".repo must be the absolute path of the "
            + "ioarena checkout on " + address + ", got " + repo);
        final int port = sshPort == null ? DEFAULT_SSH_PORT : sshPort;
        HostsFile.require(port > 0 && port < 65_536, field + ".sshPort must be 1..65535, got " + port);
        final String dir = workDir == null ? DEFAULT_WORK_DIR : workDir;
        HostsFile.require(dir.startsWith("/"), field + ".workDir must be an absolute path, got " + dir);
        if (cpus != null)
        {
            final List<Integer> list;
            try
            {
                list = Pinning.parseCpuList(cpus);
            }
            catch (final NumberFormatException e)
            {
                throw new IllegalArgumentException(field + ".cpus is not a CPU list like 0-3,6: " + cpus, e);
            }
            HostsFile.require(!list.isEmpty(), field + ".cpus is empty (leave it out not to pin)");
        }
        return new Host(address, port, user, key, java == null ? DEFAULT_JAVA : java, repo, cpus, dir);
    }

    /** The CPUs to pin to there; empty when not pinned. */
    public List<Integer> cpuList()
    {
        return cpus == null ? List.of() : Pinning.parseCpuList(cpus);
    }

    /** {@code user@address:port}: how messages name the host. */
    public String describe()
    {
        return user + "@" + address + ":" + sshPort;
    }
}
