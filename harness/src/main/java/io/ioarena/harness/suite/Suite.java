package io.ioarena.harness.suite;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.ioarena.contract.Mode;
import io.ioarena.protocol.Service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a suite run does, as read from a suite file and overridden by flags; recorded whole in the manifest so
 * that {@code --resume} rebuilds exactly the same plan.
 *
 * @param label           part of the results folder name.
 * @param servers         the rows of the matrix, in order: Java variants ({@code selector}, {@code netty-epoll}, ...)
 *                        and names of {@code foreign} servers.
 * @param foreign         command lines of servers outside this build, by name.
 * @param sweeps          what every server is measured under.
 * @param repetitions     how often each point runs; a sweep's repetitions are interleaved (see {@code order}), and
 *                        the sweeps run one after another.
 * @param order           {@code shuffled}: each round of a sweep's repetitions visits its points in a fresh random
 *                        order ({@code seed}); {@code interleaved}: every round in plan order.
 * @param warmup          client warm-up per point (not measured).
 * @param duration        measured time per point.
 * @param heap            server heap ({@code -Xms} = {@code -Xmx}).
 * @param gc              server collector: {@code ParallelGC}, {@code G1GC}, {@code ZGC}, {@code SerialGC}.
 * @param readyTimeout    how long a server may take to print its readiness line.
 * @param conformance     run the conformance gate before measuring a server (off only for harness tests and
 *                        quick iteration; the manifest says so).
 * @param clientCommand   the load client command before {@code agent} (its agent mode serves every run of the suite); null
 *                        means the one built in this repository.
 * @param sampleInterval  how often the server process is sampled from /proc.
 * @param gateScope       {@code measured}: the conformance cases of every service and framing the suite measures;
 *                        {@code full}: every case of the kit.
 * @param validity        how far a measurement may be off before the harness flags it ({@link ValidityLimits});
 *                        left out, the defaults.
 * @param forks           trials (server processes, each warmed on its own) per server and service, JMH's forks:
 *                        repetition r runs on trial ((r - 1) mod forks) + 1, so the spread between repetitions
 *                        includes the spread between processes; left out, 1 (every repetition on one trial).
 * @param syscallCensus   count every system call of the server per point ({@code syscalls.json}, results.csv's
 *                        {@code syscalls_per_msg}): with perf over the measured window where the tracepoint is
 *                        already there, else with strace over a census run of the same load after the measured
 *                        window (a few seconds more per point); left out, off.
 * @param profile         profile the server of each point: {@code none} (left out), {@code jfr} (a JDK Flight
 *                        Recording of the point's run, {@code profile.jfr}, with CPU and allocation flame graphs
 *                        made from it) or {@code async} (async-profiler's {@code asprof}, CPU, where it is on the
 *                        PATH). Java servers only; a profiled point's figures include the profiler's cost.
 * @param memoryProbe     after each point, a memory run of its load during which the server's memory is read
 *                        twice ({@code memory.json}, results.csv's {@code mem_*_kb_per_conn}); Java servers then run
 *                        with Native Memory Tracking; left out, off.
 * @param capacity        present, a capacity suite: every sweep (open loop only) is searched for the largest rate
 *                        within an SLO instead of measured at its rates ({@link CapacitySettings}); {@code {}} takes
 *                        every default; left out, the sweeps' rates are measured.
 * @param soak            present, a soak suite: every point (open loop only) is a soak over its measured window, its
 *                        server's resources read throughout and judged flat ({@link SoakSettings}, {@code soak.json});
 *                        {@code {}} takes every default; left out, no soak.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Suite(
    String label,
    List<String> servers,
    Map<String, ForeignServer> foreign,
    List<Sweep> sweeps,
    int repetitions,
    String order,
    long seed,
    String warmup,
    String duration,
    String heap,
    String gc,
    String readyTimeout,
    boolean conformance,
    List<String> clientCommand,
    String sampleInterval,
    String gateScope,
    ValidityLimits validity,
    Integer forks,
    Boolean syscallCensus,
    String profile,
    CapacitySettings capacity,
    Boolean memoryProbe,
    SoakSettings soak)
{
    /** The values of {@code profile}. */
    public static final List<String> PROFILERS = List.of("none", "jfr", "async");

    /** Every Java server variant this repository builds, in the order the matrix shows them. */
    public static final List<String> JAVA_VARIANTS = JavaVariant.ALL.stream().map(JavaVariant::name).toList();

    public Suite
    {
        foreign = foreign == null ? Map.of() : new LinkedHashMap<>(foreign);
        order = order == null ? "shuffled" : order;
        heap = heap == null ? "1g" : heap;
        gc = gc == null ? "ParallelGC" : gc;
        readyTimeout = readyTimeout == null ? "60s" : readyTimeout;
        sampleInterval = sampleInterval == null ? "1s" : sampleInterval;
        gateScope = gateScope == null ? "measured" : gateScope;
        validity = validity == null ? ValidityLimits.DEFAULT : validity;
        forks = forks == null ? 1 : forks;
        syscallCensus = syscallCensus != null && syscallCensus;
        memoryProbe = memoryProbe != null && memoryProbe;
        profile = profile == null ? "none" : profile;
        Sweep.require(PROFILERS.contains(profile), "profile must be one of " + PROFILERS + ", not " + profile);
        Sweep.require(forks >= 1, "forks must be at least 1, not " + forks);
        Sweep.require("measured".equals(gateScope) || "full".equals(gateScope), "gateScope must be measured or full");
        Sweep.require(label != null && label.matches("[A-Za-z0-9_.-]+"), "label must be letters, digits, _ . -");
        Sweep.require(servers != null && !servers.isEmpty(), "servers must list at least one server");
        Sweep.require(sweeps != null && !sweeps.isEmpty(), "sweeps must list at least one sweep");
        Sweep.require(repetitions >= 1, "repetitions must be at least 1, not " + repetitions);
        Sweep.require("shuffled".equals(order) || "interleaved".equals(order), "order must be shuffled or interleaved");
        Sweep.require(heap.matches("[0-9]+[kmgKMG]?"), "heap must look like 512m or 1g, not " + heap);
        Sweep.require(Set.of("ParallelGC", "G1GC", "ZGC", "SerialGC", "ShenandoahGC").contains(gc),
            "gc must be ParallelGC, G1GC, ZGC, SerialGC or ShenandoahGC, not " + gc);
        for (final String s : servers)
        {
            Sweep.require(JAVA_VARIANTS.contains(s) || foreign.containsKey(s),
                "server '" + s + "' is neither a Java variant " + JAVA_VARIANTS + " nor a foreign server " +
                    foreign.keySet());
        }
        Sweep.require(sweeps.stream().map(Sweep::name).distinct().count() == sweeps.size(), "sweep names must differ");
        Sweep.require(capacity == null || capacity.perMember() == null || sweeps.stream()
            .allMatch(w -> w.workload() == Service.CHAT && w.rooms() == 1), "capacity.perMember searches the " +
            "members of one chat room: every sweep must be chat with rooms 1");
        Sweep.require(capacity == null || sweeps.stream().allMatch(w -> w.mode() == Mode.OPEN),
            "capacity searches open-loop rates: every sweep of a capacity suite must be open loop, not " +
                sweeps.stream().filter(w -> w.mode() != Mode.OPEN).map(Sweep::name).toList());
        Sweep.require(soak == null || capacity == null, "a suite is a soak or a capacity search, not both");
        Sweep.require(soak == null || sweeps.stream().allMatch(w -> w.mode() == Mode.OPEN),
            "a soak holds a steady open-loop load: every sweep of a soak suite must be open loop, not " +
                sweeps.stream().filter(w -> w.mode() != Mode.OPEN).map(Sweep::name).toList());
        warmupDuration(warmup);
        measureDuration(duration);
        Durations.parse("readyTimeout", readyTimeout);
        Durations.parse("sampleInterval", sampleInterval);
        servers = List.copyOf(servers);
        sweeps = List.copyOf(sweeps);
        clientCommand = clientCommand == null ? null : List.copyOf(clientCommand);
    }

    private static Duration warmupDuration(final String warmup)
    {
        return Durations.parse("warmup", warmup);
    }

    private static Duration measureDuration(final String duration)
    {
        final Duration d = Durations.parse("duration", duration);
        Sweep.require(d.toMillis() >= 1000, "duration must be at least 1s, not " + duration);
        return d;
    }

    @JsonIgnore
    public Duration warmupTime()
    {
        return warmupDuration(warmup);
    }

    @JsonIgnore
    public Duration measureTime()
    {
        return measureDuration(duration);
    }

    @JsonIgnore
    public Duration readyTimeoutTime()
    {
        return Durations.parse("readyTimeout", readyTimeout);
    }

    @JsonIgnore
    public Duration sampleIntervalTime()
    {
        return Durations.parse("sampleInterval", sampleInterval);
    }

    /** The most connections any point may open: a room-size search's largest room included. */
    @JsonIgnore
    public int maxConnections()
    {
        final int room = capacity == null || capacity.perMember() == null ? 0 : capacity.maxMembers();
        return Math.max(room, sweeps.stream().mapToInt(Sweep::maxConnections).max().orElse(0));
    }

    public Suite withServers(final List<String> s)
    {
        return new Suite(label, s, foreign, sweeps, repetitions, order, seed, warmup, duration, heap, gc, readyTimeout,
            conformance, clientCommand, sampleInterval, gateScope, validity, forks, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withForeign(final Map<String, ForeignServer> f)
    {
        return new Suite(label, servers, f, sweeps, repetitions, order, seed, warmup, duration, heap, gc, readyTimeout,
            conformance, clientCommand, sampleInterval, gateScope, validity, forks, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withSweeps(final List<Sweep> s)
    {
        return new Suite(label, servers, foreign, s, repetitions, order, seed, warmup, duration, heap, gc, readyTimeout,
            conformance, clientCommand, sampleInterval, gateScope, validity, forks, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withLabel(final String l)
    {
        return new Suite(l, servers, foreign, sweeps, repetitions, order, seed, warmup, duration, heap, gc, readyTimeout,
            conformance, clientCommand, sampleInterval, gateScope, validity, forks, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withRepetitions(final int r)
    {
        return new Suite(label, servers, foreign, sweeps, r, order, seed, warmup, duration, heap, gc, readyTimeout,
            conformance, clientCommand, sampleInterval, gateScope, validity, forks, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withOrder(final String o, final long s)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, o, s, warmup, duration, heap, gc, readyTimeout,
            conformance, clientCommand, sampleInterval, gateScope, validity, forks, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withTimes(final String w, final String d)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, order, seed, w, d, heap, gc, readyTimeout,
            conformance, clientCommand, sampleInterval, gateScope, validity, forks, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withJvm(final String h, final String g)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, order, seed, warmup, duration, h, g, readyTimeout,
            conformance, clientCommand, sampleInterval, gateScope, validity, forks, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withReadyTimeout(final String t)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, order, seed, warmup, duration, heap, gc, t,
            conformance, clientCommand, sampleInterval, gateScope, validity, forks, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withConformance(final boolean c)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, order, seed, warmup, duration, heap, gc,
            readyTimeout, c, clientCommand, sampleInterval, gateScope, validity,
            forks, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withGateScope(final String g)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, order, seed, warmup, duration, heap, gc,
            readyTimeout, conformance, clientCommand, sampleInterval, g, validity,
            forks, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withClientCommand(final List<String> c)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, order, seed, warmup, duration, heap, gc,
            readyTimeout, conformance, c, sampleInterval, gateScope, validity, forks, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withForks(final int f)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, order, seed, warmup, duration, heap, gc,
            readyTimeout, conformance, clientCommand, sampleInterval, gateScope, validity,
            f, syscallCensus, profile, capacity, memoryProbe, soak);
    }

    public Suite withSyscallCensus(final boolean on)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, order, seed, warmup, duration, heap, gc,
            readyTimeout, conformance, clientCommand, sampleInterval, gateScope, validity,
            forks, on, profile, capacity, memoryProbe, soak);
    }

    public Suite withProfile(final String p)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, order, seed, warmup, duration, heap, gc,
            readyTimeout, conformance, clientCommand, sampleInterval, gateScope, validity,
            forks, syscallCensus, p, capacity, memoryProbe, soak);
    }

    public Suite withCapacity(final CapacitySettings c)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, order, seed, warmup, duration, heap, gc,
            readyTimeout, conformance, clientCommand, sampleInterval, gateScope, validity,
            forks, syscallCensus, profile, c, memoryProbe, soak);
    }

    public Suite withMemoryProbe(final boolean on)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, order, seed, warmup, duration, heap, gc,
            readyTimeout, conformance, clientCommand, sampleInterval, gateScope, validity,
            forks, syscallCensus, profile, capacity, on, soak);
    }

    public Suite withSoak(final SoakSettings s)
    {
        return new Suite(label, servers, foreign, sweeps, repetitions, order, seed, warmup, duration, heap, gc,
            readyTimeout, conformance, clientCommand, sampleInterval, gateScope, validity,
            forks, syscallCensus, profile, capacity, memoryProbe, s);
    }

    /** The trial (1-based) that runs repetition {@code repetition} of a point. */
    public int fork(final int repetition)
    {
        return (repetition - 1) % forks + 1;
    }
}
