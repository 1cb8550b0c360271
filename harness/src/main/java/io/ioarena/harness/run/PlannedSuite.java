package io.ioarena.harness.run;

import io.ioarena.contract.Mode;
import io.ioarena.harness.capacity.Axis;
import io.ioarena.harness.capacity.CapacitySearch;
import io.ioarena.harness.env.Preflight;
import io.ioarena.harness.suite.Durations;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.Sweep;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.conformance.ConformanceCase;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A suite planned on this machine: the servers that can run here (and why the others cannot), the points in run
 * order, and the preflight's findings. Made and printed before anything starts, so a dry run shows all of it.
 */
public record PlannedSuite(Plan plan, Map<String, String> skipped, List<Preflight.Finding> findings)
{
    /** @param gateCache where passed gate verdicts are kept (null: none), so the estimate leaves out their gates. */
    public static PlannedSuite of(final Suite suite, final ServerCatalog catalog, final Pinning pinning,
        final GateCache gateCache, final PrintStream out)
    {
        final List<String> runnable = new ArrayList<>();
        final Map<String, String> skipped = new LinkedHashMap<>();
        for (final String s : suite.servers())
        {
            final Optional<String> why = catalog.unavailable(s);
            if (why.isPresent())
            {
                skipped.put(s, why.get());
                out.println("server " + s + ": " + why.get());
            }
            else
            {
                runnable.add(s);
            }
        }
        final Plan plan = Plan.of(suite, runnable);
        print(out, suite, plan, cachedGates(suite, catalog, runnable, gateCache), pinning);
        final List<Preflight.Finding> findings = Preflight.check(Preflight.Facts.ofThisMachine(),
            suite.maxConnections(), pinning);
        findings.forEach(f -> out.println("preflight " + f));
        return new PlannedSuite(plan, skipped, findings);
    }

    /** Whether the preflight refuses the machine: its results would measure the machine, not the servers. */
    public boolean refused()
    {
        return findings.stream().anyMatch(f -> f.level() == Preflight.Level.REFUSE);
    }

    /** Every point, one line each, for a dry run. */
    public void printPoints(final PrintStream out)
    {
        plan.points().forEach(p -> out.println(String.format(Locale.ROOT, "  %3d. %-18s %-16s %s rep %d", p.seq(),
            p.spec().variant(), p.spec().sweep(), p.spec().describeLoad(), p.repetition())));
    }

    /** The servers whose gate would be taken from {@code cache}, as {@link SuiteRunner} looks it up. */
    private static Set<String> cachedGates(final Suite suite, final ServerCatalog catalog, final List<String> servers,
        final GateCache cache)
    {
        if (cache == null || !suite.conformance())
        {
            return Set.of();
        }
        final List<ConformanceCase> cases = ConformanceGate.cases(suite);
        return servers.stream()
            .filter(s -> cache.get(s, SuiteRunner.gateKey(catalog, s, cases)).isPresent())
            .collect(Collectors.toSet());
    }

    private static void print(final PrintStream out, final Suite suite, final Plan plan,
        final Set<String> cachedGates, final Pinning pinning)
    {
        out.println("suite " + suite.label() + ": " + plan.servers().size() + " servers x " +
            plan.points().size() / Math.max(1, plan.servers().size()) / suite.repetitions() + " points x " +
            suite.repetitions() + " repetitions = " + (suite.capacity() == null ? "" : "about ") + plan.runs(suite) +
            " runs of " + suite.warmup() + " warm-up + " +
            suite.duration() + " measured; estimated " + Durations.human(plan.estimate(suite, cachedGates)) +
            (!suite.conformance() ? " (conformance gate OFF)" : " including the conformance gate" +
                (cachedGates.isEmpty() ? "" : " (passed earlier, cached: " + cachedGates.size() + " of " +
                    plan.servers().size() + " servers)")));
        out.println("  servers: " + String.join(", ", plan.servers()));
        if (suite.capacity() != null)
        {
            out.println("  capacity search per server, sweep and repetition (each point below is a search's first " +
                "probe; about " + CapacitySearch.expectedProbes(suite.capacity()) + " probes a search, at most " +
                suite.capacity().maxProbes() + "): " + suite.capacity().describe());
        }
        if (suite.soak() != null)
        {
            out.println("  soak: every point is a soak of " + suite.duration() + ", " + suite.soak().describe());
        }
        for (final Sweep w : suite.sweeps())
        {
            if (w.mode() == Mode.CHURN)
            {
                out.println("  sweep " + w.name() + ": " + w.workload().cliName() + "/" + w.framing().cliName() +
                    " connection churn (connect, one echo, close" + (w.closesWithReset() ? " with SO_LINGER 0" : "")
                    + ") rates " + w.rates() + " conn/s sizes " + w.sizes());
                continue;
            }
            out.println("  sweep " + w.name() + ": " + w.workload().cliName() + "/" + w.framing().cliName() + " " +
                w.mode().cliName() + "-loop" +
                (w.rates() == null ? " in-flight " + w.inFlight() : suite.capacity() != null
                    ? " " + Axis.of(suite.capacity()).unit() + " searched"
                    : " rates " + w.rates()) + " connections " +
                w.connections() + (w.active() == null ? "" : " of which active " + w.active() + " (the others idle)") +
                " sizes " + w.sizes() + (w.workload() == Service.CHAT ? " rooms " + w.rooms() : "") +
                (w.chatChurn() == null ? "" : " churn " + PointSpec.formatRate(w.chatChurn()) + " joins/s"));
        }
        out.println("  pinning: " + (pinning.pinned() ? "server on CPUs " + Pinning.cpuList(pinning.serverCpus()) +
            ", client on CPUs " + Pinning.cpuList(pinning.clientCpus()) : "none (" + pinning.reason() + ")") +
            "; event loops " + pinning.serverCores() + "; order " + suite.order() + " (seed " + suite.seed() + ")");
        out.println("  system-call census: " + (suite.syscallCensus() ? SyscallCounter.ofThisMachine().describe()
            : "off (syscallCensus; --syscall-census turns it on)"));
        out.println("  memory probe: " + (suite.memoryProbe() ? "on (a memory run after each point: the server read " +
            "before it and while it holds the point's connections; Java servers with Native Memory Tracking)"
            : "off (memoryProbe; --memory-probe turns it on)"));
        out.println("  profile: " + switch (suite.profile())
        {
            case "jfr" -> "jfr (each point's server recorded with JDK Flight Recorder; CPU and allocation flame graphs " +
                "in its folder; the figures include the recorder's cost)";
            case "async" -> "async (async-profiler's asprof, CPU flame graph per point; the figures include its cost)";
            default -> "none (profile; --profile jfr turns it on)";
        });
        out.println("  if the harness is killed: " + ParentDeath.describe());
    }
}
