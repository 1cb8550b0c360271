package io.ioarena.harness.run;

import io.ioarena.harness.suite.Durations;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.Suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a point's server and load client are told: the PROTOCOL.md flags of the measured server and the arguments of
 * the load client's {@code run} (its flags: load-client/README.md), the same whether they run here or on other
 * hosts.
 *
 * @param serverCores   the server's event loops
 * @param clientThreads the I/O threads of one load-client instance
 */
record PointArgs(Suite suite, int serverCores, int clientThreads)
{
    /** How long the client waits for its last answers after the measured window. */
    static final Duration DRAIN = Duration.ofSeconds(2);

    /**
     * The flags of a measured server that listens on {@code bindHost}. A server serves every point of its server and
     * service, so its connection limit covers the suite's largest connection count.
     */
    List<String> server(final PointSpec spec, final String bindHost)
    {
        return List.of("--host", bindHost, "--port", "0", "--service", spec.workload().cliName(),
            "--framing", spec.framing().cliName(),
            "--event-loops", Integer.toString(serverCores),
            "--max-connections", Integer.toString(Math.max(10_000, suite.maxConnections() + 16)));
    }

    /** The client's run arguments for the point's own warm-up and measured time. */
    List<String> client(final PointSpec spec, final String host, final int port, final Path dir, final String id)
    {
        return client(spec, host, port, dir, id, suite.warmupTime(), suite.measureTime());
    }

    List<String> client(final PointSpec spec, final String host, final int port, final Path dir, final String id,
        final Duration warmup, final Duration duration)
    {
        final List<String> args = new ArrayList<>(List.of("--host", host, "--port", Integer.toString(port),
            "--service", spec.workload().cliName(), "--framing", spec.framing().cliName(), "--mode",
            spec.mode().cliName()));
        if (spec.open())
        {
            args.addAll(List.of("--rate", PointSpec.formatRate(spec.rate())));
        }
        else
        {
            args.addAll(List.of("--in-flight", Integer.toString(spec.inFlight())));
        }
        args.addAll(List.of("--connections", Integer.toString(spec.connections()),
            "--threads", Integer.toString(clientThreads), "--size", Integer.toString(spec.size()),
            "--warmup", Durations.format(warmup), "--duration", Durations.format(duration),
            "--drain-timeout", Durations.format(DRAIN), "--seed", Long.toString(suite.seed()),
            "--output-dir", dir.toString(), "--label", id));
        if (spec.chat())
        {
            args.addAll(List.of("--rooms", Integer.toString(spec.rooms())));
        }
        return args;
    }
}
