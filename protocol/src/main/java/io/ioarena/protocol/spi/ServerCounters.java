package io.ioarena.protocol.spi;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters every server keeps the same way: open connections under {@code --max-connections}, connections
 * refused for the limit, and slow consumers closed (PROTOCOL.md sections 4.3 and 5). Thread-safe.
 */
public final class ServerCounters
{
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder slowConsumers = new LongAdder();

    public ServerCounters(final int maxConnections)
    {
        this.maxConnections = maxConnections;
    }

    /**
     * Counts a newly accepted connection if the limit allows it. When this returns false the server sends
     * {@code ERR SERVER_FULL}, closes the connection, and must not call {@link #connectionClosed()} for it.
     */
    public boolean tryOpenConnection()
    {
        while (true)
        {
            final int current = open.get();
            if (current >= maxConnections)
            {
                refused.increment();
                return false;
            }
            if (open.compareAndSet(current, current + 1))
            {
                accepted.increment();
                return true;
            }
        }
    }

    /** Exactly once for every connection for which {@link #tryOpenConnection()} returned true. */
    public void connectionClosed()
    {
        open.decrementAndGet();
    }

    public void slowConsumerClosed()
    {
        slowConsumers.increment();
    }

    public int openConnections()
    {
        return open.get();
    }

    public long acceptedConnections()
    {
        return accepted.sum();
    }

    public long refusedConnections()
    {
        return refused.sum();
    }

    public long slowConsumers()
    {
        return slowConsumers.sum();
    }
}
