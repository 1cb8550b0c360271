package io.ioarena.harness.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.ioarena.harness.suite.Suite;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.conformance.CaseResult;
import io.ioarena.protocol.conformance.ConformanceCase;
import io.ioarena.protocol.conformance.ConformanceKit;
import io.ioarena.protocol.launch.ServerLauncher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The gate before measurement: the protocol module's conformance kit, run over TCP against the server launched as
 * a process exactly as it will be measured (same command, the gate's JVM policy). A server with any failing case is
 * not measured. By default the gate runs the cases of every service and framing the suite measures
 * ({@code gateScope: measured}); {@code full} runs the whole kit.
 */
public final class ConformanceGate
{
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";

    /** The gate's outcome for one server. */
    public record Verdict(String server, String status, String launcher, long millis, List<CaseResult> cases)
    {
        @JsonIgnore
        public boolean passed()
        {
            return PASSED.equals(status);
        }

        @JsonIgnore
        public List<CaseResult> failures()
        {
            return cases.stream().filter(c -> !c.passed()).toList();
        }

        /** For a point's reason: how many cases failed and which. */
        public String describeFailures()
        {
            final List<CaseResult> f = failures();
            final StringBuilder s = new StringBuilder("failed the conformance gate: " + f.size() + " of " +
                cases.size() + " cases (");
            for (int i = 0; i < f.size() && i < 5; i++)
            {
                s.append(i == 0 ? "" : ", ").append(f.get(i).caseId());
            }
            return s.append(f.size() > 5 ? ", ...)" : ")").toString();
        }
    }

    /** The cases for a suite: every case, or those of every service and framing it measures. */
    public static List<ConformanceCase> cases(final Suite suite)
    {
        if ("full".equals(suite.gateScope()))
        {
            return ConformanceKit.allCases();
        }
        final Set<Map.Entry<Service, Framing>> pairs = new LinkedHashSet<>();
        suite.sweeps().forEach(w -> pairs.add(Map.entry(w.workload(), w.framing())));
        final List<ConformanceCase> cases = new ArrayList<>();
        pairs.forEach(p -> cases.addAll(ConformanceKit.cases(p.getKey(), p.getValue())));
        return cases;
    }

    /**
     * Runs the kit's cases against {@code launcher}'s server, the cases of each service and framing on a thread of
     * their own (each group launches its own server processes, so they share nothing), so that a slow group does not
     * hold up the others where there are cores to spare. On 2 cores the gate stays bound by its JVM start-ups: the
     * default suite's took 60-64 s with its groups in turn or at once.
     */
    public Verdict check(final String server, final ServerLauncher launcher, final List<ConformanceCase> kitCases)
    {
        final long start = System.nanoTime();
        final Map<Map.Entry<Service, Framing>, List<ConformanceCase>> groups = new LinkedHashMap<>();
        kitCases.forEach(c -> groups.computeIfAbsent(Map.entry(c.service(), c.framing()), k -> new ArrayList<>())
            .add(c));
        final List<CompletableFuture<List<CaseResult>>> running = groups.values().stream()
            .map(group -> CompletableFuture.supplyAsync(() -> new ConformanceKit(launcher, group).runAll(),
                task -> Thread.ofPlatform().daemon().name("gate-" + server).start(task)))
            .toList();
        final List<CaseResult> cases = running.stream().flatMap(r -> r.join().stream()).toList();
        final boolean passed = !cases.isEmpty() && cases.stream().allMatch(CaseResult::passed);
        return new Verdict(server, passed ? PASSED : FAILED, launcher.describe(),
            (System.nanoTime() - start) / 1_000_000, cases);
    }
}
