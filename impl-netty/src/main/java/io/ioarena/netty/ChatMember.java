package io.ioarena.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;
import java.util.List;

/**
 * A chat connection as the rooms see it: its channel, written to by deliveries on the channel's own event loop
 * only, and flushed once per event-loop iteration however many deliveries it got in that iteration.
 *
 * <p>Why not {@link io.netty.handler.flush.FlushConsolidationHandler}: the slow-consumer check must be able to
 * flush a member before judging it (written-but-unflushed bytes are not the peer's fault), and that handler holds
 * back every flush until its own time.
 */
final class ChatMember
{
    private final Channel channel;
    /** Whether this member is in its loop's flush list; event-loop thread only. */
    private boolean flushScheduled;

    ChatMember(final Channel channel)
    {
        this.channel = channel;
    }

    Channel channel()
    {
        return channel;
    }

    EventLoop loop()
    {
        return channel.eventLoop();
    }

    /** Schedules one flush of this member at the end of the current batch of work of its event loop. */
    void flushSoon()
    {
        if (!flushScheduled)
        {
            flushScheduled = true;
            LoopFlusher.CURRENT.get().add(this, channel.eventLoop());
        }
    }

    /**
     * The members written to on one event loop since its last flush task, flushed together by one task that runs
     * after what the loop is doing now (a read batch, a run of delivery tasks). One per event-loop thread.
     */
    private static final class LoopFlusher implements Runnable
    {
        static final FastThreadLocal<LoopFlusher> CURRENT = new FastThreadLocal<>()
        {
            @Override
            protected LoopFlusher initialValue()
            {
                return new LoopFlusher();
            }
        };

        private final List<ChatMember> pending = new ArrayList<>();

        void add(final ChatMember member, final EventLoop loop)
        {
            pending.add(member);
            if (pending.size() == 1)
            {
                loop.execute(this); // from the loop itself: queued, no wakeup
            }
        }

        @Override
        public void run()
        {
            // By index, so that a member added while flushing (a handler reacting to the flush) is flushed too.
            for (int i = 0; i < pending.size(); i++)
            {
                final ChatMember member = pending.get(i);
                member.flushScheduled = false;
                member.channel.flush();
            }
            pending.clear();
        }
    }
}
