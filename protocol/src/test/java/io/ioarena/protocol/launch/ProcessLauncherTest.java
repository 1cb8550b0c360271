package io.ioarena.protocol.launch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher against stand-in server commands written in sh: ready, never ready, dies before ready. */
class ProcessLauncherTest
{
    private static final String READY =
        "IOARENA-READY {\"protocol\":1,\"impl\":\"sh\",\"variant\":\"sh\",\"host\":\"127.0.0.1\",\"port\":4242," +
        "\"pid\":1,\"service\":\"echo\",\"framing\":\"line\",\"eventLoops\":1,\"settings\":{}}";

    private static ProcessLauncher sh(final String script, final Duration timeout)
    {
        return new ProcessLauncher(List.of("sh", "-c", script, "server"), timeout, null);
    }

    @Test
    void readsThePortFromTheReadinessLineAndStopsWithSigterm() throws Exception
    {
        // the trap before the readiness line: a SIGTERM right after it must find the handler in place
        final ProcessLauncher launcher = sh("trap 'exit 0' TERM; echo '# starting'; echo '" + READY + "'; " +
            "while true; do sleep 0.1; done", Duration.ofSeconds(10));
        final LaunchedServer server = launcher.launch(List.of("--port", "0"));
        assertEquals(4242, server.port());
        assertTrue(server.memoryBytes().isPresent(), "RSS of a live process is readable");
        server.stop();
        assertEquals(0, server.exitStatus().orElseThrow());
    }

    @Test
    void aServerThatNeverGetsReadyFailsTheLaunchAndIsKilled() throws Exception
    {
        // sh waits for its child sleep, which a kill of sh alone would leave behind, re-parented out of our sight
        final ProcessLauncher launcher = sh("sleep 60 & echo \"warming up forever, child $!\"; wait",
            Duration.ofMillis(500));
        final IOException e = assertThrows(IOException.class, () -> launcher.launch(List.of()));
        assertTrue(e.getMessage().contains("no readiness line within 500 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("warming up forever"), "the output tail explains: " + e.getMessage());
        final Matcher child = Pattern.compile("child (\\d+)").matcher(e.getMessage());
        assertTrue(child.find(), e.getMessage());
        final Optional<ProcessHandle> sleep = ProcessHandle.of(Long.parseLong(child.group(1)));
        assertFalse(sleep.isPresent() && sleep.get().isAlive(), "no process left behind");
    }

    @Test
    void stopEndsTheProcessesTheServerStartedAndCountsTheirMemory() throws Exception
    {
        // a wrapper that is not the server: the server is its child, the way `sh -c` or `npm start` runs one
        final ProcessLauncher launcher = sh("sleep 60 & echo '" + READY + "'; wait", Duration.ofSeconds(10));
        final ProcessLauncher.Launched server = (ProcessLauncher.Launched) launcher.launch(List.of());
        final List<ProcessHandle> children = server.process().descendants().toList();
        assertEquals(1, children.size(), "sh's child sleep");
        assertTrue(server.memoryBytes().orElseThrow() > residentBytes(server.process().pid()),
            "the child's resident set is counted");
        server.stop();
        assertFalse(children.getFirst().isAlive(), "the child got the SIGTERM too");
        assertFalse(server.process().isAlive());
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception
    {
        // the ignored signal is inherited: the child sleep ignores SIGTERM as its parent does
        final Process sh = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 60 & wait; sleep 60").start();
        final long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sh.descendants().findAny().isEmpty() && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        final List<ProcessHandle> members = ProcessTree.members(sh.toHandle());
        assertEquals(2, members.size(), "sh and its sleep");
        assertFalse(ProcessTree.stop(sh.toHandle(), Duration.ofMillis(300)), "neither ends on SIGTERM");
        assertTrue(members.stream().noneMatch(ProcessHandle::isAlive), "both were killed");
    }

    private static long residentBytes(final long pid) throws IOException
    {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
            .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
            .findFirst().orElseThrow();
    }

    @Test
    void aServerThatExitsBeforeReadyFailsWithItsStatus()
    {
        final ProcessLauncher launcher = sh("echo 'port in use' >&2; exit 1", Duration.ofSeconds(10));
        final IOException e = assertThrows(IOException.class, () -> launcher.launch(List.of()));
        assertTrue(e.getMessage().contains("exited with status 1 before it was ready"), e.getMessage());
        assertTrue(e.getMessage().contains("port in use"), e.getMessage());
    }
}
