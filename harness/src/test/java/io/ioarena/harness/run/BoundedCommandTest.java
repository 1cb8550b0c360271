package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedCommandTest
{
    @Test
    void aCommandThatPrintsAndThenHangsIsKilledAtItsLimit()
    {
        // the old way (read the pipe to its end, then wait) sat here for the whole 30 s
        final long start = System.nanoTime();
        final IOException e = assertThrows(IOException.class, () ->
            BoundedCommand.exec(List.of("sh", "-c", "echo started; sleep 30; echo ended"), null,
                Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
        assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.info().commandLine().orElse("")
            .contains("sleep 30")), "the wrapper's child was killed with it");
    }

    @Test
    void theExitStatusAndOutputOfACommandInItsFolder(@TempDir final Path dir) throws Exception
    {
        final BoundedCommand.Result r = BoundedCommand.exec(List.of("sh", "-c", "pwd; echo oops >&2; exit 3"), dir,
            Duration.ofSeconds(10));
        assertEquals(3, r.exitStatus());
        assertEquals(dir.toRealPath() + "\noops\n", r.output());
    }
}
