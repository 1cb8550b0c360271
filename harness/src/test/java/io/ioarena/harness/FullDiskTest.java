package io.ioarena.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.ioarena.harness.report.CsvTable;
import io.ioarena.harness.run.Cancellation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The results folder's file system fills up mid-suite: the harness stops with an error naming the file it could not
 * write and the cause, leaves no torn or temporary file and no process behind, and {@code --resume} completes the
 * suite once there is room again.
 */
class FullDiskTest
{
    @TempDir
    Path dir;

    private TinyTmpfs tmpfs;

    /** 1 MiB: room for a suite of three points and its report, full within a few hundred writes. */
    @BeforeEach
    void mount() throws Exception
    {
        tmpfs = TinyTmpfs.mount(dir.resolve("tiny"), 1024);
    }

    @AfterEach
    void unmount() throws Exception
    {
        if (tmpfs != null)
        {
            tmpfs.close();
        }
    }

    @Test
    void aFullFileSystemStopsTheSuiteWithItsCauseAndResumeCompletesOnceThereIsRoom() throws Exception
    {
        final Path suite = TestSuites.suite(dir, "full", List.<String[]>of(new String[] {"fine",
            TestSuites.fakeServer("ok", dir)}), List.of(1000, 2000, 3000), 1, "ok", false);
        final Path results = tmpfs.dir().resolve("results");
        final Thread filler = Thread.ofPlatform().start(() -> fillAfterTheFirstPoint(results));
        final TestSuites.Run run = TestSuites.bench(dir, results, new Cancellation(), "--suite", suite.toString());
        filler.join(TimeUnit.SECONDS.toMillis(60));

        assertEquals(1, run.status(), run.out());
        final String error = run.out().lines().filter(l -> l.startsWith("bench: ")).findFirst().orElse("");
        assertTrue(error.startsWith("bench: could not write " + run.resultsDir()) &&
            error.endsWith(": No space left on device"), "the error names the file and the cause: " + run.out());
        assertTrue(run.out().contains("scripts/bench --resume " + run.resultsDir()), "it says how to go on");
        TestSuites.assertNoneAlive(dir, "after the file system filled up");
        assertWhole(run.resultsDir());
        final long finished = finishedPoints(run.resultsDir());
        assertTrue(finished >= 1 && finished < 3, finished + " points finished before the file system was full");

        Files.delete(tmpfs.dir().resolve("filler"));
        final TestSuites.Run resumed = TestSuites.bench(dir, results, new Cancellation(), "--resume",
            run.resultsDir().toString());
        assertEquals(0, resumed.status(), resumed.out());
        assertEquals("COMPLETED", resumed.manifest().path("status").asText());
        assertEquals(3, finishedPoints(run.resultsDir()));
        assertEquals(4, resumed.lines("results.csv").size(), "all three points: " + resumed.lines("results.csv"));
        assertTrue(Files.isRegularFile(run.resultsDir().resolve("report.html")), "and the report: " + resumed.out());
        assertWhole(run.resultsDir());
        TestSuites.assertNoneAlive(dir, "after the resumed suite");
    }

    @Test
    void aFileSystemFullFromTheStartIsAClearErrorAndStartsNothing() throws Exception
    {
        tmpfs.fill("filler");
        final Path suite = TestSuites.suite(dir, "full", List.<String[]>of(new String[] {"fine",
            TestSuites.fakeServer("ok", dir)}), List.of(1000), 1, "ok", false);
        final TestSuites.Run run = TestSuites.bench(dir, tmpfs.dir().resolve("results"), new Cancellation(),
            "--suite", suite.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("bench: could not write " + run.resultsDir().resolve("manifest.json") +
            ": No space left on device"), run.out());
        assertEquals(List.of(), TestSuites.pids(dir, "server-"), "no server was started");
        assertEquals(List.of(), TestSuites.pids(dir, "warmup-"), "no client was started");
        assertWhole(run.resultsDir());
    }

    /** Fills the file system as soon as the first point is saved, so that a later point finds it full. */
    private void fillAfterTheFirstPoint(final Path results)
    {
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline)
            {
                final Path run = TestSuites.newestResults(results);
                if (run != null && finishedPoints(run) > 0)
                {
                    tmpfs.fill("filler");
                    return;
                }
                Thread.sleep(10);
            }
        }
        catch (final IOException | InterruptedException e)
        {
            throw new IllegalStateException(e);
        }
    }

    private static long finishedPoints(final Path run) throws IOException
    {
        if (!Files.isDirectory(run.resolve("points")))
        {
            return 0;
        }
        try (Stream<Path> points = Files.list(run.resolve("points")))
        {
            return points.filter(p -> Files.exists(p.resolve("point.json"))).count();
        }
    }

    /**
     * Every file the results folder defines as whole is: the manifest, the tables, every finished point's files and
     * every trial's record parse to the end; no temporary file is left.
     */
    private static void assertWhole(final Path run) throws IOException
    {
        try (Stream<Path> files = Files.walk(run))
        {
            for (final Path f : files.filter(Files::isRegularFile).toList())
            {
                final String name = f.getFileName().toString();
                assertTrue(!name.endsWith(".tmp"), "a temporary file was left: " + f);
                final boolean finishedPoint = f.getParent().getParent().getFileName().toString().equals("points") &&
                    Files.exists(f.resolveSibling("point.json"));
                final boolean harnessFile = f.getParent().equals(run) ||
                    f.getParent().getFileName().toString().equals("trials") || finishedPoint;
                if (harnessFile && name.endsWith(".json"))
                {
                    final JsonNode json = TestSuites.JSON.readTree(f.toFile());
                    assertTrue(json != null && json.isObject(), "not whole: " + f);
                }
                if (harnessFile && name.endsWith(".csv"))
                {
                    final String text = Files.readString(f);
                    assertTrue(text.endsWith("\n") && !CsvTable.parse(text).header().isEmpty(), "not whole: " + f);
                }
            }
        }
    }
}
