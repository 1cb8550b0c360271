package io.ioarena.k8s;

import java.util.List;

/**
 * How a suite is laid out on a cluster. Each setting's flag, default and meaning are in {@link K8sMain}'s options;
 * this record validates them, naming the flag, and prints them at the start of a command.
 *
 * @param run          names this run: every object carries it as the label {@code ioarena.io/run} and in its name.
 * @param namespace    where the objects go.
 * @param image        the image the pods run (the Containerfile's build).
 * @param instances    load-client instances per point: the Indexed Job's completions.
 * @param serverCpus   the server pod's CPUs, requested and limited alike (Guaranteed QoS); its event loops.
 * @param clientCpus   each client pod's CPUs, requested and limited alike; its I/O threads.
 * @param serverMemory the server pod's memory, requested and limited alike.
 * @param clientMemory each client pod's memory, requested and limited alike.
 */
public record K8sSettings(String run, String namespace, String image, int instances, int serverCpus, int clientCpus,
    String serverMemory, String clientMemory)
{
    private static final String QUANTITY = "[0-9]+(Ki|Mi|Gi)";

    public K8sSettings
    {
        require(run.equals(Names.dns(run)) && run.length() <= 30, "--run must be at most 30 characters of " +
            "a-z, 0-9 and '-', starting and ending with a letter or digit, not '" + run + "'");
        require(namespace.equals(Names.dns(namespace)), "--namespace must be a DNS label, not '" + namespace + "'");
        require(!image.isBlank() && !image.contains(" "), "--image must name an image, not '" + image + "'");
        require(instances >= 1, "--instances must be at least 1, not " + instances);
        require(serverCpus >= 1, "--server-cpus must be at least 1, not " + serverCpus);
        require(clientCpus >= 1, "--client-cpus must be at least 1, not " + clientCpus);
        require(serverMemory.matches(QUANTITY), "--server-memory must look like 2Gi or 1536Mi, not " + serverMemory);
        require(clientMemory.matches(QUANTITY), "--client-memory must look like 2Gi or 1536Mi, not " + clientMemory);
    }

    /** One line per setting, for the start of a command. */
    public List<String> describe()
    {
        return List.of("run " + run, "namespace " + namespace, "image " + image,
            "client instances per point " + instances,
            "server pod " + serverCpus + " CPU, " + serverMemory + " (requests = limits)",
            "client pods " + clientCpus + " CPU, " + clientMemory + " each (requests = limits)");
    }

    private static void require(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
