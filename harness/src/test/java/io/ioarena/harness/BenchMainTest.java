package io.ioarena.harness;

import io.ioarena.harness.run.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertTrue(run.out().contains("--rates takes positive numbers"), run.out());
    }
}
