package io.ioarena.harness;

import io.ioarena.harness.results.Manifest;
import io.ioarena.harness.run.Cancellation;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.SuiteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: flags override the suite, foreign servers join the matrix, unusable ones are skipped. */
class BenchMainTest
{
    @TempDir
    Path dir;

    @Test
    void flagsScaleTheBuiltInSuiteAndForeignServersJoinIt() throws IOException
    {
        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", "default", "--dry-run",
            "--servers", "mine", "--foreign", "mine=./my-server --verbose {flags}", "--workloads", "echo-rate",
            "--rates", "1k,30k", "--connections", "8,64", "--repetitions", "3");
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("suite default: 1 servers x 4 points x 3 repetitions = 12 runs"), run.out());
        assertTrue(run.out().contains("mine               echo-rate        echo/line 30000 msg/s c64 64B rep 3"),
            run.out());
    }

    @Test
    void foreignServerWhoseCheckFailsIsSkippedWithItsHint() throws IOException
    {
        final Path suite = dir.resolve("s.json");
        Files.writeString(suite, """
            {"label": "skip", "servers": ["old"],
             "foreign": {"old": {"command": "python3 old.py {flags}", "check": "false",
                                 "skipHint": "skipped: needs the old thing"}},
             "sweeps": [{"name": "e", "workload": "echo", "framing": "line", "mode": "closed",
                         "connections": [4], "sizes": [64]}],
             "repetitions": 1, "warmup": "0s", "duration": "1s", "conformance": false}
            """);
        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--suite", suite.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("server old: skipped: needs the old thing"), run.out());
        assertTrue(run.out().contains("nothing to run"), run.out());
        assertFalse(Files.exists(dir.resolve("results")), "no results folder for an empty suite");
    }

    @Test
    void badFlagsAreUsageErrorsNamingTheFlag() throws IOException
    {
        final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), "--rates", "fast", "--dry-run");
        assertEquals(BenchMain.EXIT_USAGE, run.status());
        assertTrue(run.out().contains("'--rates'") && run.out().contains("'fast' is not a number"), run.out());
    }

    /** Flags that say how to run, not what: --resume takes them. */
    private static final Set<String> RUN_FLAGS = Set.of("--help", "--version", "--dry-run", "--resume", "--no-pin",
        "--results-dir", "--repo-root", "--gate-parallelism", "--no-gate-cache", "--no-build", "--hosts");

    /** A value each suite flag accepts, to show --resume refuses it rather than the value. */
    private static final Map<String, String> VALUES = Map.ofEntries(Map.entry("--suite", "quick"),
        Map.entry("--label", "x"), Map.entry("--servers", "selector"), Map.entry("--foreign", "x=./x"),
        Map.entry("--sweeps", "echo-rate"), Map.entry("--rates", "1k"), Map.entry("--connections", "4"),
        Map.entry("--sizes", "128"), Map.entry("--repetitions", "2"), Map.entry("--forks", "2"), Map.entry("--warmup", "1s"),
        Map.entry("--duration", "3s"), Map.entry("--order", "interleaved"), Map.entry("--seed", "3"),
        Map.entry("--heap", "2g"), Map.entry("--gc", "G1GC"), Map.entry("--ready-timeout", "5s"),
        Map.entry("--gate", "full"), Map.entry("--profile", "jfr"), Map.entry("--client-command", "./client"));

    @Test
    void everyFlagEitherChangesTheSuiteOrOnlyHowItRuns()
    {
        final Set<String> suiteFlags = new TreeSet<>(BenchMain.SUITE_FLAGS.stream().map(BenchMain.SuiteFlag::name)
            .toList());
        final Set<String> classified = new TreeSet<>(suiteFlags);
        classified.addAll(RUN_FLAGS);
        final List<String> unclassified = new ArrayList<>();
        int options = 0;
        for (final CommandLine.Model.OptionSpec o : new CommandLine(new BenchMain()).getCommandSpec().options())
        {
            options++;
            if (Arrays.stream(o.names()).noneMatch(classified::contains))
            {
                unclassified.add(o.longestName());
            }
        }
        assertEquals(List.of(), unclassified, "a new flag belongs in BenchMain.SUITE_FLAGS or in RUN_FLAGS here");
        assertEquals(classified.size(), options, "every flag named in the lists is a flag");
    }

    @Test
    void theSystemCallCensusIsTurnedOnAndOffByFlag() throws IOException
    {
        final BenchMain off = new BenchMain();
        new CommandLine(off).parseArgs("--no-syscall-census");
        assertFalse(off.overrides(SuiteFiles.load("fanout", dir)).syscallCensus(), "--no-syscall-census");
        final BenchMain on = new BenchMain();
        new CommandLine(on).parseArgs("--syscall-census");
        assertTrue(on.overrides(SuiteFiles.load("default", dir)).syscallCensus(), "--syscall-census");
        final BenchMain neither = new BenchMain();
        new CommandLine(neither).parseArgs();
        assertTrue(neither.overrides(SuiteFiles.load("fanout", dir)).syscallCensus(), "the suite's own setting");
    }

    @Test
    void aRunResumesOnTheMachinesItRanOn()
    {
        final Manifest local = Manifest.absent();
        final Manifest remote = local.withHosts(Map.of("bench@10.0.0.2:22", Map.of("role", "server")));
        BenchMain.resumeWhereItRan(local, false);
        BenchMain.resumeWhereItRan(remote, true);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchMain.resumeWhereItRan(remote, false))
            .getMessage().contains("give its --hosts file again"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchMain.resumeWhereItRan(local, true))
            .getMessage().contains("--hosts would mix machines"));
    }

    @Test
    void resumeRefusesEverySuiteFlagByName() throws IOException
    {
        for (final BenchMain.SuiteFlag f : BenchMain.SUITE_FLAGS)
        {
            final List<String> args = new ArrayList<>(List.of("--resume", dir.resolve("old").toString(), f.name()));
            if (VALUES.containsKey(f.name()))
            {
                args.add(VALUES.get(f.name()));
            }
            final TestSuites.Run run = TestSuites.bench(dir, new Cancellation(), args.toArray(String[]::new));
            assertEquals(BenchMain.EXIT_USAGE, run.status(), f.name() + ": " + run.out());
            assertTrue(run.out().contains("--resume runs the suite recorded in the results folder; " + f.name() +
                " would change it"), run.out());
        }
    }

    @Test
    void suiteFlagsEachChangeTheSuite() throws IOException
    {
        final Suite base = SuiteFiles.load("quick", dir);
        for (final BenchMain.SuiteFlag f : BenchMain.SUITE_FLAGS)
        {
            final List<String> args = new ArrayList<>(List.of(f.name()));
            if (VALUES.containsKey(f.name()))
            {
                args.add(VALUES.get(f.name()));
            }
            final BenchMain cmd = new BenchMain();
            new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
            assertTrue(cmd.suiteFlagsGiven().contains(f.name()), f.name());
            if (!f.name().equals("--suite") && !f.name().equals("--quick"))
            {
                assertNotEquals(base, f.apply().apply(cmd, base), f.name() + " left the suite as it was");
            }
        }
    }
}
