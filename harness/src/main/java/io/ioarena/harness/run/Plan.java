package io.ioarena.harness.run;

import io.ioarena.harness.capacity.Axis;
import io.ioarena.harness.capacity.CapacitySearch;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.Sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The run order: every point of every server, repeated in rounds, one scenario (sweep) after another. Each round of
 * a scenario visits every server's points of it once, so repetitions are interleaved in time (a slow minute on the
 * machine hits all servers alike, not one server's repetitions); with {@code order = shuffled} each round is in a
 * fresh seeded random order.
 *
 * <p>A scenario's rounds run back to back, not interleaved with the other scenarios', because scenarios are ranked
 * apart and the machine drifts over minutes. In eleven default suites of 2026-12-04/05 on 2 vCPUs (scenarios then
 * interleaved, a round every ~1.6 min), two repetitions of one server differed more the further apart they ran: the
 * root mean square of the difference of their logs was, for echo-rate p99, 0.40 under a minute apart, 0.74 at 1-3
 * min, 0.87 at 3-6 min and 1.10 beyond; for chat-fanout delivery p99 0.59, 0.58, 0.61 and 0.72. Back to back, a
 * scenario's repetitions in the default suite span about 3 minutes instead of 9. echo-max throughput did not drift
 * so (0.23, 0.30, 0.29, 0.29): its spread is the closed loop's, see docs/findings/echo-max-on-a-pvm-guest.md.
 */
public record Plan(List<PlannedPoint> points, List<String> servers)
{
    /**
     * Guessed cost per point on top of warm-up and measurement on an idle machine: connecting, the drain, the files
     * (the client agent is already running; measured 0.15 s a point on 2 vCPUs). A loaded machine takes longer; the
     * progress line's ETA uses measured times.
     */
    public static final Duration POINT_OVERHEAD = Duration.ofMillis(200);
    /**
     * Guessed warm-up of one trial (a server and service's process, warmed once): on 2 idle vCPUs the JVM servers'
     * JIT went quiet after 3-5 chunks of {@link SteadyState#CHUNK} in closed loop (6-11 s); a server without a JIT
     * takes none, which this guess ignores.
     */
    public static final Duration TRIAL_WARMUP = SteadyState.CHUNK.multipliedBy(4);
    /**
     * Guessed cost of the conformance gate per server, for the cases of two services in one framing. The gate is bound
     * by the CPU of its servers' start-ups and of the heavier cases (the non-readers and room flooders push hundreds of
     * MB through loopback), not by how many servers run at once: on 2 idle vCPUs the default suite's six servers took
     * 68-79 s (2026-12-05, four runs), one server alone 15 s and 28 s of CPU. 12 s a server; a server whose verdict
     * is cached ({@link GateCache}) costs nothing.
     */
    public static final Duration GATE_COST = Duration.ofSeconds(12);
    /**
     * Guessed cost of a point's two memory readings on top of its memory run: a JVM's reading is three jcmd
     * launches (a forced collection, heap, native memory), about a second of CPU on 2 vCPUs; the one during the run
     * mostly overlaps it.
     */
    static final Duration MEMORY_READINGS = Duration.ofSeconds(2);

    public static Plan of(final Suite suite, final List<String> servers)
    {
        final List<PlannedPoint> points = new ArrayList<>();
        for (int s = 0; s < suite.sweeps().size(); s++)
        {
            final Sweep sweep = suite.sweeps().get(s);
            final List<PointSpec> round = new ArrayList<>();
            for (final String server : servers)
            {
                round.addAll(suite.capacity() == null ? sweep.points(server) : sweep.points(server).stream()
                    .map(p -> Axis.of(suite.capacity()).first(p, suite.capacity())).distinct().toList());
            }
            for (int rep = 1; rep <= suite.repetitions(); rep++)
            {
                final List<PointSpec> order = new ArrayList<>(round);
                if ("shuffled".equals(suite.order()))
                {
                    // seeded by sweep and round: a sweep added at the end leaves the others' orders as they were
                    Collections.shuffle(order, new Random(suite.seed() * 1_000_003L + s * 10_007L + rep));
                }
                for (final PointSpec spec : order)
                {
                    points.add(new PlannedPoint(points.size() + 1, spec, rep, suite.capacity() == null ? 0 : 1));
                }
            }
        }
        return new Plan(List.copyOf(points), List.copyOf(servers));
    }

    /**
     * A point's guessed wall time; with the system-call census on, its census run too (strace's case, the longer);
     * with the memory probe on, its memory run and readings.
     */
    public Duration perPoint(final Suite suite)
    {
        Duration point = clientRun(suite);
        if (suite.syscallCensus())
        {
            point = point.plus(SyscallCounter.censusRunTime()).plus(POINT_OVERHEAD);
        }
        return suite.memoryProbe() ? point.plus(MemoryRun.WARMUP).plus(MemoryRun.MEASURED).plus(MEMORY_READINGS)
            : point;
    }

    /** A point's client run: its warm-up, its measured window and what starting and stopping it cost. */
    private static Duration clientRun(final Suite suite)
    {
        return suite.warmupTime().plus(suite.measureTime()).plus(POINT_OVERHEAD);
    }

    /**
     * The runs the suite is expected to make: its points; in a capacity suite its points are the searches' first
     * probes, and each search is guessed at {@link CapacitySearch#expectedProbes} probes.
     */
    public int runs(final Suite suite)
    {
        return suite.capacity() == null ? points.size()
            : points.size() * CapacitySearch.expectedProbes(suite.capacity());
    }

    /** A guess of the wall time, builds excluded, with the gate of every server but {@code cachedGates}. */
    public Duration estimate(final Suite suite, final Set<String> cachedGates)
    {
        final long gated = servers.stream().filter(s -> !cachedGates.contains(s)).count();
        final Duration gates = suite.conformance() ? GATE_COST.multipliedBy(gated) : Duration.ZERO;
        final long trials = points.stream().map(p -> Trials.key(suite, p.spec(), p.repetition())).distinct().count();
        // a churn point has no census or memory run (PointRunner): its client run alone
        final long churn = points.stream().filter(p -> p.spec().churn()).count();
        return perPoint(suite).multipliedBy(runs(suite) - churn).plus(clientRun(suite).multipliedBy(churn))
            .plus(TRIAL_WARMUP.multipliedBy(trials)).plus(gates);
    }
}
