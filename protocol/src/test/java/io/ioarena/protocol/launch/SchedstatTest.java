package io.ioarena.protocol.launch;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SchedstatTest
{
    @Test
    void parsesTheKernelsLine()
    {
        assertEquals(new Schedstat(1529341, 549759, 2), Schedstat.parse("1529341 549759 2\n"));
        assertThrows(IllegalArgumentException.class, () -> Schedstat.parse("1529341 549759\n"));
    }

    @Test
    void readsThisProcessesThreads() throws Exception
    {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc/self/task on this system");
        final var tasks = Schedstat.tasks(ProcessHandle.current().pid());
        assertTrue(tasks.size() > 1, "a JVM has more than one thread: " + tasks);
        assertTrue(tasks.stream().anyMatch(t -> t.schedstat().runNanos() > 0 && t.schedstat().timeslices() > 0),
            "threads that have run: " + tasks);
    }
}
