package io.ioarena.vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The chat connections of one event loop written to since its last flush, flushed together by one task that runs
 * after what the loop is doing now (the ready sockets of this turn, a run of event-bus deliveries). A member that
 * gets k deliveries in a turn costs one {@code write} instead of k: Vert.x itself flushes every write made outside
 * that socket's own read at once, which for fan-out is one system call per delivery. Loop-confined, one per
 * {@link ServerVerticle}.
 */
final class TurnFlusher implements Runnable
{
    /** What the flusher calls back at the end of the turn. */
    interface Flushable
    {
        void flushNow();
    }

    private final Executor loop;
    private final List<Flushable> pending = new ArrayList<>();

    /** @param loop the event loop (Netty executor) every connection of this flusher lives on */
    TurnFlusher(final Executor loop)
    {
        this.loop = loop;
    }

    /** Flushes {@code connection} at the end of this turn; the caller adds each connection at most once per turn. */
    void add(final Flushable connection)
    {
        pending.add(connection);
        if (pending.size() == 1)
        {
            loop.execute(this); // from the loop itself: queued behind this turn's I/O, no wakeup
        }
    }

    @Override
    public void run()
    {
        // By index, so that a connection added while flushing (a handler reacting to a flush) is flushed too.
        for (int i = 0; i < pending.size(); i++)
        {
            pending.get(i).flushNow();
        }
        pending.clear();
    }
}
