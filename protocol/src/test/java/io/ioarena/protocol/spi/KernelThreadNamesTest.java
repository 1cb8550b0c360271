package io.ioarena.protocol.spi;

import io.ioarena.protocol.launch.Schedstat;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KernelThreadNamesTest
{
    @Test
    void longNamesAreCutToFifteenBytes()
    {
        assertEquals("selector-reacto", KernelThreadNames.of("selector-reactor-0"));
        assertEquals("short", KernelThreadNames.of("short"));
    }

    @Test
    void prefixesAreCutAndQuoted()
    {
        final Pattern p = Pattern.compile(KernelThreadNames.startingWith("vert.x-eventloop-thread-", "Master"));
        assertTrue(p.matcher("vert.x-eventloo").matches());
        assertTrue(p.matcher("MasterPoller").matches());
        assertFalse(p.matcher("vertXx-eventloo").matches(), "the dot is quoted");
        assertFalse(p.matcher("vert.x-acceptor").matches());
    }

    /** The premise: the kernel's name of a JVM thread is its Java name cut to 15 bytes. */
    @Test
    void theKernelKeepsTheCutJavaName() throws Exception
    {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc/self/task on this system");
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final Thread t = Thread.ofPlatform().name("kernel-thread-names-test-0").start(() ->
        {
            started.countDown(); // the JVM names the kernel thread before any of its Java code runs
            try
            {
                done.await();
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        });
        try
        {
            started.await();
            final Pattern p = Pattern.compile(KernelThreadNames.startingWith("kernel-thread-names-test-"));
            assertEquals(1, Schedstat.tasks(ProcessHandle.current().pid()).stream()
                .filter(task -> p.matcher(task.name()).matches()).count());
        }
        finally
        {
            done.countDown();
            t.join();
        }
    }
}
