package io.ioarena.harness.run;

import io.ioarena.protocol.launch.ProcessLauncher;
import io.ioarena.protocol.launch.ProcessTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A foreign server started through a wrapper, as {@code --foreign 'name=sh server.sh {flags}'} starts one: the
 * wrapper does no work itself, its children burn CPU and hold memory. The samples, SIGSTOP between points and the
 * shutdown must reach the children.
 */
class WrappedServerTest
{
    private static final String READY =
        "IOARENA-READY {\"protocol\":1,\"impl\":\"sh\",\"variant\":\"sh\",\"host\":\"127.0.0.1\",\"port\":4242," +
        "\"pid\":1,\"service\":\"echo\",\"framing\":\"line\",\"eventLoops\":1,\"settings\":{}}";

    /** About 0.25 s of CPU in dash on this project's VMs; the wrapper itself uses next to none. */
    private static final String SCRIPT = """
        head -c 40000000 /dev/zero | tail -c 30000000 | sleep 60 &
        ( i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; sleep 60 ) &
        echo '%s'
        wait
        """.formatted(READY);

    @Test
    void samplesStopsAndShutdownCoverTheWrappersChildren(@TempDir final Path dir) throws Exception
    {
        Files.writeString(dir.resolve("server.sh"), SCRIPT);
        final TemplateLauncher launcher = new TemplateLauncher("wrapped", CommandTemplate.parse(
            "sh " + dir.resolve("server.sh") + " {flags}", dir), Duration.ofSeconds(10), dir.resolve("server.log"),
            new Cancellation());
        final ProcessLauncher.Launched server = launcher.launch(List.of("--port", "0"));
        final long pid = server.process().pid();
        final List<ProcessHandle> members;
        try (ProcSampler sampler = new ProcSampler(pid, dir.resolve("samples.csv"), Duration.ofMillis(50),
            Pattern.compile("never")).start())
        {
            final ProcSample tree = awaitSample(sampler, s -> s.cpuUserSeconds() + s.cpuSysSeconds() >= 0.15 &&
                s.rssBytes() >= 28_000_000L);
            final ProcSample wrapper = ProcSample.read(List.of(pid), 0, 100, Pattern.compile("never"),
                new ProcSample.TreeTotals());
            assertTrue(tree != null, "within 10 s a sample shows the children's CPU and memory: " +
                sampler.samples().getLast() + "; the wrapper alone: " + wrapper);
            assertTrue(wrapper.cpuUserSeconds() + wrapper.cpuSysSeconds() < 0.1 && wrapper.rssBytes() < 20_000_000L,
                "the wrapper alone would have shown neither: " + wrapper);
        }
        members = ProcessTree.members(server.process().toHandle());

        Signals.stop(pid);
        // head may finish writing its 40 MB between the listing and the signal: a member that has ended (a zombie
        // its stopped parent cannot reap, or gone) needs no stop, and CI once saw exactly that
        assertTrue(await(() -> members.stream().allMatch(m -> "TZ?".indexOf(state(m)) >= 0) &&
            members.stream().filter(m -> state(m) == 'T').count() >= 3),
            () -> "SIGSTOP reached every member still running: " + states(members));
        Signals.resume(pid);
        assertTrue(await(() -> members.stream().noneMatch(m -> state(m) == 'T')), "SIGCONT reached every member");

        server.stop();
        assertTrue(members.stream().noneMatch(ProcessHandle::isAlive), "nothing survives the shutdown");
        assertEquals(143, server.exitStatus().orElseThrow(), "the wrapper ended on its SIGTERM");
        assertFalse(Files.readString(dir.resolve("samples.csv")).isBlank());
    }

    private static ProcSample awaitSample(final ProcSampler sampler, final Predicate<ProcSample> wanted)
        throws InterruptedException
    {
        return await(() -> !sampler.samples().isEmpty() && wanted.test(sampler.samples().getLast()))
            ? sampler.samples().getLast() : null;
    }

    /** Whether {@code condition} held within 10 s. */
    private static boolean await(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static String states(final List<ProcessHandle> members)
    {
        return members.stream().map(m -> m.pid() + ":" + state(m)).toList().toString();
    }

    /** The state letter of {@code /proc/<pid>/stat}, or '?' once the process has gone. */
    private static char state(final ProcessHandle p)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        }
        catch (final IOException gone)
        {
            return '?';
        }
    }
}
