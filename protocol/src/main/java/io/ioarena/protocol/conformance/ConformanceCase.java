package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;

import java.util.List;

/**
 * One check of the conformance kit for one service and framing.
 *
 * @param name       what is checked, e.g. {@code split-1-byte-writes}.
 * @param serverArgs flags the server needs beyond {@code --service} and {@code --framing} (e.g. a small
 *                   {@code --max-connections}); cases with the same flags share one server.
 * @param stopsServer the case stops its server (graceful shutdown): the kit runs it after every other case that
 *                   shares that server.
 */
public record ConformanceCase(
    String name, Service service, Framing framing, List<String> serverArgs, boolean stopsServer, Body body)
{
    /** The body of a case: throws {@link AssertionError} (or any exception) when the server does not conform. */
    @FunctionalInterface
    public interface Body
    {
        void run(CaseContext context) throws Exception;
    }

    /** {@code <service>/<framing> <name>}, e.g. {@code chat/line broadcast-per-sender-order}. */
    public String id()
    {
        return service.cliName() + "/" + framing.cliName() + " " + name;
    }

    /** Every flag the server is launched with for this case. */
    public List<String> launchArgs()
    {
        final java.util.ArrayList<String> args = new java.util.ArrayList<>(List.of(
            "--service", service.cliName(), "--framing", framing.cliName()));
        args.addAll(serverArgs);
        return List.copyOf(args);
    }
}
