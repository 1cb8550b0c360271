package io.ioarena.harness.run;

import io.ioarena.contract.AgentLine;
import io.ioarena.harness.suite.Durations;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.Sweep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place a point becomes command-line flags: the PROTOCOL.md flags of its server and the arguments of the load
 * client's {@code run} or {@code churn}. The local runner ({@link PointRunner}) and the runners for other machines (the
 * Kubernetes module) take them from here, so a point runs with the same flags wherever it runs.
 */
public final class PointCommands
{
    /** How long the client waits for answers after its measured window ({@code --drain-timeout}). */
    public static final Duration DRAIN = Duration.ofSeconds(2);
    /**
     * Where idle connections are held, how long the client may take per connection to connect it and prove it live
     * with one echo ({@code --connect-timeout}, at least its default {@link #SETUP_MIN}): each waits for an answer
     * from a server that may start a thread for it, on a loaded core (27 s at 18,000 connections, within the
     * harness's slack for a client run and the memory run's wait for the connections).
     */
    static final Duration SETUP_PER_CONNECTION = Duration.ofNanos(1_500_000);
    static final Duration SETUP_MIN = Duration.ofSeconds(5);

    private PointCommands()
    {
    }

    /**
     * The PROTOCOL.md flags of a measured server on {@code host}:{@code port} ({@code 0}: any free port) with
     * {@code cores} event loops. A trial serves every point of its server and service, so its connection limit covers
     * the suite's largest connection count.
     */
    public static List<String> serverFlags(final Suite suite, final PointSpec spec, final String host, final int port,
        final int cores)
    {
        return List.of("--host", host, "--port", Integer.toString(port), "--service", spec.workload().cliName(),
            "--framing", spec.framing().cliName(),
            "--event-loops", Integer.toString(cores),
            "--max-connections", Integer.toString(Math.max(10_000, suite.maxConnections() + 16)));
    }

    /** The client's command that measures the point: {@code churn} for a churn point, else {@code run}. */
    public static String verb(final PointSpec spec)
    {
        return spec.churn() ? AgentLine.Request.CHURN : AgentLine.Request.RUN;
    }

    /**
     * The arguments of the load client's {@code run} (its flags: load-client/README.md) for {@code spec} against
     * {@code host}:{@code port}, with {@code threads} I/O threads, writing into {@code dir}; {@code --chat-churn}
     * where its sweep says so (open loop only).
     */
    public static List<String> clientArgs(final Suite suite, final PointSpec spec, final String host, final int port,
        final Path dir, final String id, final int threads, final Duration warmup, final Duration duration)
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
            "--threads", Integer.toString(threads), "--size", Integer.toString(spec.size()),
            "--warmup", Durations.format(warmup), "--duration", Durations.format(duration),
            "--drain-timeout", Durations.format(DRAIN), "--seed", Long.toString(suite.seed()),
            "--output-dir", dir.toString(), "--label", id));
        if (spec.chat())
        {
            args.addAll(List.of("--rooms", Integer.toString(spec.rooms())));
        }
        final double chatChurn = suite.sweeps().stream().filter(w -> w.name().equals(spec.sweep()))
            .mapToDouble(Sweep::chatChurnRate).findFirst().orElse(0);
        // open loop only: a trial's warm-up runs the same load in closed loop (PointSpec.closedLoop), without churn
        if (chatChurn > 0 && spec.open())
        {
            args.addAll(List.of("--chat-churn", PointSpec.formatRate(chatChurn)));
        }
        if (spec.idleHeld())
        {
            final Duration setup = SETUP_PER_CONNECTION.multipliedBy(spec.connections());
            args.addAll(List.of("--active-connections", Integer.toString(spec.active()), "--connect-timeout",
                Durations.format(setup.compareTo(SETUP_MIN) > 0 ? setup : SETUP_MIN)));
        }
        return args;
    }

    /**
     * The arguments of the load client's {@code churn} for {@code spec}: its rate as connection arrivals per second
     * against {@code host}:{@code port}, writing into {@code dir}; {@code --linger-zero} where its sweep says so.
     */
    public static List<String> churnArgs(final Suite suite, final PointSpec spec, final String host, final int port,
        final Path dir, final Duration warmup, final Duration duration)
    {
        final List<String> args = new ArrayList<>(List.of("--host", host, "--port", Integer.toString(port),
            "--framing", spec.framing().cliName(), "--rate", PointSpec.formatRate(spec.rate()),
            "--size", Integer.toString(spec.size()), "--warmup", Durations.format(warmup),
            "--duration", Durations.format(duration), "--seed", Long.toString(suite.seed()),
            "--output-dir", dir.toString()));
        if (suite.sweeps().stream().anyMatch(w -> w.name().equals(spec.sweep()) && w.closesWithReset()))
        {
            args.add("--linger-zero");
        }
        return args;
    }
}
