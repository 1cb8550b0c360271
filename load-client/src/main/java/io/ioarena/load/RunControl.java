package io.ioarena.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the client threads of a run meet: all connect and set up, then start together on one {@link RunTiming},
 * and stop together once none of them has anything left to send or receive (or the drain deadline passes).
 */
final class RunControl
{
    private final CountDownLatch ready;
    private final CountDownLatch start = new CountDownLatch(1);
    private final AtomicInteger busy;
    private volatile RunTiming timing;

    RunControl(final int threads)
    {
        this.ready = new CountDownLatch(threads);
        this.busy = new AtomicInteger(threads);
    }

    /** A thread has connected and set up all its connections (or given up on some). */
    void ready()
    {
        ready.countDown();
    }

    boolean awaitReady(final long timeoutNanos) throws InterruptedException
    {
        return ready.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    void start(final RunTiming timing)
    {
        this.timing = timing;
        start.countDown();
    }

    RunTiming awaitStart() throws InterruptedException
    {
        start.await();
        return timing;
    }

    /** A thread has nothing left to send and no answer outstanding; it keeps reading until all are. */
    void idle()
    {
        busy.decrementAndGet();
    }

    boolean allIdle()
    {
        return busy.get() == 0;
    }
}
