package io.ioarena.harness.run;

import io.ioarena.harness.env.Machine;
import io.ioarena.harness.env.Preflight;
import io.ioarena.harness.results.Manifest;
import io.ioarena.harness.suite.Suite;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The manifest a new suite run starts with: what runs, where, how, and on what machine. */
public final class RunManifest
{
    private RunManifest()
    {
    }

    public static Manifest start(final Suite suite, final PlannedSuite planned, final JvmPolicy policy,
        final Pinning pinning, final Path root)
    {
        return new Manifest(Manifest.TOOL, null, suite.label(), Instant.now().toString(), null, null, null,
            ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()), Machine.describe(root),
            new Manifest.JvmFlags(policy.java(), policy.serverFlags(Path.of("<point>/gc.log"), pinning.serverCores()),
                policy.clientFlags(), policy.gateFlags(), JvmPolicy.NOTES),
            new Manifest.Pinned(pinning.pinned(), pinning.serverCpus(), pinning.clientCpus(), pinning.serverCores(),
                pinning.clientCores(), pinning.pinned() ? "taskset -c" : null,
                pinning.reason().isEmpty() ? null : pinning.reason()),
            suite.conformance() ? "ON" : "OFF", null, suite, planned.skipped(),
            planned.findings().stream().map(Preflight.Finding::toString).toList(), null, null, null);
    }
}
