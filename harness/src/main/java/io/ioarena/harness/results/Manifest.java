package io.ioarena.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ioarena.contract.Versioned;
import io.ioarena.harness.suite.Suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: a suite run as a whole (results/README.md describes every field). The harness writes it when
 * the suite starts and again after every point; the report reads it, and {@code --resume} re-reads its {@code suite}.
 *
 * @param tool            {@link #TOOL}; anything else (a hand-made or synthetic folder) makes the report say so
 * @param note            what such a folder says about itself; null for the harness's own
 * @param command         the harness's command line
 * @param environment     the machine, JDK and checkout ({@code Machine.describe}); with {@code --hosts}, also
 *                        {@code hosts}: each host's role, kernel, CPUs and Java
 * @param conformanceGate {@code ON} or {@code OFF}
 * @param conformance     the gate's verdict per server
 * @param suite           the full resolved configuration: what {@code --resume} runs again
 * @param skippedServers  servers not run, with why
 * @param preflight       the preflight's findings
 * @param points          every planned point with its status so far
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    String tool,
    String note,
    String label,
    String startedAt,
    String endedAt,
    List<String> resumedAt,
    RunStatus status,
    List<String> command,
    Map<String, Object> environment,
    JvmFlags jvmPolicy,
    Pinned pinning,
    String conformanceGate,
    Map<String, Gate> conformance,
    Suite suite,
    Map<String, String> skippedServers,
    List<String> preflight,
    Integer plannedPoints,
    Long finishedPoints,
    List<Point> points) implements Versioned
{
    public static final String FILE = "manifest.json";
    public static final String TOOL = "ioarena-harness";

    /**
     * The exact JVM flags of a measured server, of the load client and of the conformance gate, and why the policy is
     * what it is ({@code notes}, with the measurements behind it).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JvmFlags(String java, List<String> server, List<String> client, List<String> conformanceGate,
        List<String> notes)
    {
    }

    /**
     * Where server and client ran: their CPU sets, the event-loop count, the client's threads, the method
     * ({@code taskset -c}), or why nothing was pinned.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pinned(boolean pinned, List<Integer> serverCpus, List<Integer> clientCpus, int eventLoops,
        int clientThreads, String method, String reason)
    {
    }

    /** One server's gate verdict, in short; the whole of it is in {@code file}. */
    public record Gate(String status, int cases, List<FailedCase> failedCases, long millis, String file)
    {
    }

    public record FailedCase(@JsonProperty("case") String caseId, String detail)
    {
    }

    /** A planned point and where it stands. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(String id, int seq, int repetition, PointStatus status, String reason)
    {
    }

    /** What a results folder without a manifest reads as: nothing known. */
    public static Manifest absent()
    {
        return new Manifest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);
    }

    /** Resumed at {@code now}: the record of this run, with the time added to {@code resumedAt}. */
    public Manifest resumed(final String now)
    {
        final List<String> r = new ArrayList<>(resumedAt == null ? List.of() : resumedAt);
        r.add(now);
        return new Manifest(tool, note, label, startedAt, endedAt, List.copyOf(r), status, command, environment,
            jvmPolicy, pinning, conformanceGate, conformance, suite, skippedServers, preflight, plannedPoints,
            finishedPoints, points);
    }

    /** This run's environment with every host of a run over SSH ({@code hosts}, by {@code user@address:port}). */
    public Manifest withHosts(final Map<String, Object> hosts)
    {
        final Map<String, Object> env = new LinkedHashMap<>(environment == null ? Map.of() : environment);
        env.put("hosts", hosts);
        return new Manifest(tool, note, label, startedAt, endedAt, resumedAt, status, command, env, jvmPolicy,
            pinning, conformanceGate, conformance, suite, skippedServers, preflight, plannedPoints, finishedPoints,
            points);
    }

    public Manifest withStatus(final RunStatus s, final String ended)
    {
        return new Manifest(tool, note, label, startedAt, ended, resumedAt, s, command, environment, jvmPolicy,
            pinning, conformanceGate, conformance, suite, skippedServers, preflight, plannedPoints, finishedPoints,
            points);
    }

    public Manifest withConformance(final Map<String, Gate> c)
    {
        return new Manifest(tool, note, label, startedAt, endedAt, resumedAt, status, command, environment,
            jvmPolicy, pinning, conformanceGate, c, suite, skippedServers, preflight, plannedPoints, finishedPoints,
            points);
    }

    /** The plan's points with their status so far; {@code finishedPoints} counts those no longer pending. */
    public Manifest withPoints(final List<Point> p)
    {
        return new Manifest(tool, note, label, startedAt, endedAt, resumedAt, status, command, environment,
            jvmPolicy, pinning, conformanceGate, conformance, suite, skippedServers, preflight, p.size(),
            p.stream().filter(x -> x.status() != PointStatus.PENDING).count(), List.copyOf(p));
    }
}
