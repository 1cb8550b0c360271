package io.ioarena.protocol.launch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

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
        final ProcessLauncher launcher = sh("echo 'warming up forever'; sleep 60", Duration.ofMillis(500));
        final IOException e = assertThrows(IOException.class, () -> launcher.launch(List.of()));
        assertTrue(e.getMessage().contains("no readiness line within 500 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("warming up forever"), "the output tail explains: " + e.getMessage());
        assertFalse(ProcessHandle.current().descendants().anyMatch(p -> p.info().command()
            .map(c -> c.endsWith("sleep")).orElse(false) && p.isAlive()), "no process left behind");
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
