package io.ioarena.harness.run;

import java.util.concurrent.CountDownLatch;

/**
 * A process made to wait, for {@link RunQueueWaitTest}: two threads that spin ({@code rq-busy-0}, {@code rq-busy-1})
 * and one that sleeps ({@code rq-idle}). Started pinned to one CPU, each busy thread waits on the run queue while
 * the other runs. Prints {@code started} once all three run, and exits when its standard input closes (or after a
 * minute, so a lost parent cannot leave it spinning).
 */
public final class BusyThreads
{
    static final String BUSY = "rq-busy-";
    static final String IDLE = "rq-idle";
    private static volatile long sink;

    private BusyThreads()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final CountDownLatch running = new CountDownLatch(3);
        for (int i = 0; i < 2; i++)
        {
            Thread.ofPlatform().daemon().name(BUSY + i).start(() ->
            {
                running.countDown();
                long x = 0;
                while (true)
                {
                    x += System.nanoTime();
                    sink = x;
                }
            });
        }
        Thread.ofPlatform().daemon().name(IDLE).start(() ->
        {
            running.countDown();
            try
            {
                Thread.sleep(60_000);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        });
        running.await();
        System.out.println("started");
        System.out.flush();
        final Thread watchdog = Thread.ofPlatform().daemon().start(() ->
        {
            try
            {
                while (System.in.read() >= 0)
                {
                    // until the parent closes it
                }
            }
            catch (final java.io.IOException e)
            {
                // the parent is gone either way
            }
        });
        watchdog.join(60_000);
        System.exit(0);
    }
}
