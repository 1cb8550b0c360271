package io.ioarena.selector;

import io.ioarena.protocol.Service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One event loop: a thread with its own {@link Selector} that owns a set of connections and is the only thread that
 * touches their sockets. Other threads reach it through {@link #execute}: an MPSC task queue plus a guarded
 * {@link Selector#wakeup()}, so that a burst of hand-offs or deliveries costs one wakeup, not one per task.
 */
final class Reactor implements Runnable
{
    /** Read buffer shared by every connection of this reactor; the common case never copies out of it. */
    static final int READ_BUFFER_SIZE = 65536;
    /** Tasks run per loop, so that a flood of cross-reactor deliveries cannot starve this reactor's own I/O. */
    static final int TASK_BUDGET = 4096;

    private final ServerContext context;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** True while a wakeup is on its way: producers skip theirs. Cleared by the loop before it takes tasks. */
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** Created once: {@code select(Consumer)} walks ready keys without filling a selected-key set (no garbage). */
    private final Consumer<SelectionKey> onReady = this::onReady;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    /** Timed tasks by deadline: only the acceptor's back-off uses them, so a priority queue is plenty. */
    private final PriorityQueue<Timed> timed = new PriorityQueue<>(Comparator.comparingLong(Timed::deadlineNanos));
    private final Set<Connection> connections = new HashSet<>();
    private final List<Connection> toFlush = new ArrayList<>();
    private final int maxFrame;
    private byte[] scratch;
    private boolean stopping;
    private long stopDeadlineNanos;

    /** Each reactor's thread is named this and its index. */
    static final String THREAD_NAME = "selector-reactor-";

    Reactor(final int index, final ServerContext context) throws IOException
    {
        this.context = context;
        this.selector = Selector.open();
        this.maxFrame = context.config.maxFrame();
        this.scratch = new byte[Math.min(maxFrame, 1024)];
        this.thread = new Thread(this, THREAD_NAME + index);
    }

    Selector selector()
    {
        return selector;
    }

    void start()
    {
        thread.start();
    }

    void join() throws InterruptedException
    {
        thread.join();
    }

    boolean inEventLoop()
    {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this reactor's thread, soon. Any thread. */
    void execute(final Runnable task)
    {
        // Offer first, then wake: the loop clears the flag after select returns and before it polls, so a producer
        // that finds the flag already set knows a wakeup is still to come after its offer, or that the poll will
        // see its task.
        tasks.offer(task);
        if (!inEventLoop() && wakeupPending.compareAndSet(false, true))
        {
            selector.wakeup();
        }
    }

    /** Takes over a newly accepted connection (non-blocking already): registered here, on the owning thread. */
    void adopt(final SocketChannel channel)
    {
        if (inEventLoop())
        {
            register(channel);
        }
        else
        {
            execute(() -> register(channel));
        }
    }

    /** Starts a graceful stop of this reactor's connections; the loop ends once they are closed or the grace ends. */
    void stop(final long deadlineNanos)
    {
        execute(() ->
        {
            stopping = true;
            stopDeadlineNanos = deadlineNanos;
            for (final Connection connection : List.copyOf(connections))
            {
                connection.shutdown();
            }
        });
    }

    ByteBuffer readBuffer()
    {
        return readBuffer;
    }

    /**
     * An array of at least {@code length} bytes (at most one payload) for code that needs a frame's bytes in an
     * array; valid until the next call. Grows a few times, then is reused.
     */
    byte[] scratch(final int length)
    {
        if (scratch.length < length)
        {
            scratch = new byte[Math.min(maxFrame, Math.max(length, scratch.length * 2))];
        }
        return scratch;
    }

    /** Runs {@code task} on this reactor's thread once {@code delayNanos} have passed. On this reactor's thread. */
    void schedule(final Runnable task, final long delayNanos)
    {
        timed.add(new Timed(System.nanoTime() + delayNanos, task));
    }

    void scheduleFlush(final Connection connection)
    {
        toFlush.add(connection);
    }

    void connectionClosed(final Connection connection)
    {
        connections.remove(connection);
    }

    @Override
    public void run()
    {
        try
        {
            while (!stopping || !connections.isEmpty())
            {
                if (stopping && System.nanoTime() - stopDeadlineNanos >= 0)
                {
                    break; // the grace is over: what is still pending is dropped below
                }
                select();
                wakeupPending.set(false);
                runTimed();
                runTasks();
                flushScheduled();
            }
        }
        catch (final IOException e)
        {
            System.err.println(thread.getName() + ": selector failed, closing its connections: " + e);
        }
        finally
        {
            for (final Connection connection : List.copyOf(connections))
            {
                connection.close();
            }
            try
            {
                selector.close();
            }
            catch (final IOException e)
            {
                System.err.println(thread.getName() + ": could not close its selector: " + e);
            }
        }
    }

    private void select() throws IOException
    {
        final long timeoutNanos = selectTimeoutNanos();
        if (!tasks.isEmpty() || timeoutNanos == 0)
        {
            selector.selectNow(onReady);
        }
        else if (timeoutNanos < 0)
        {
            selector.select(onReady);
        }
        else
        {
            selector.select(onReady, Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999)));
        }
    }

    /** How long select may block: until the stop deadline or the next timed task, whichever is first; -1: no limit. */
    private long selectTimeoutNanos()
    {
        long timeout = stopping ? remainingNanos(stopDeadlineNanos) : -1;
        if (!timed.isEmpty())
        {
            final long next = remainingNanos(timed.peek().deadlineNanos());
            timeout = timeout < 0 ? next : Math.min(timeout, next);
        }
        return timeout;
    }

    private static long remainingNanos(final long deadlineNanos)
    {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    private void runTimed()
    {
        final long now = System.nanoTime();
        while (!timed.isEmpty() && timed.peek().deadlineNanos() - now <= 0)
        {
            timed.poll().task().run();
        }
    }

    private void onReady(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return; // closed earlier in this same batch, e.g. as a slow consumer
        }
        try
        {
            if (key.attachment() instanceof Connection connection)
            {
                connection.onReady(key.readyOps());
            }
            else
            {
                ((Acceptor)key.attachment()).acceptReady();
            }
        }
        catch (final RuntimeException e)
        {
            // A bug in handling one connection must not take down the others on this reactor.
            System.err.println(thread.getName() + ": unexpected failure, closing the connection: " + e);
            e.printStackTrace();
            if (key.attachment() instanceof Connection connection)
            {
                connection.close();
            }
        }
    }

    private void runTasks()
    {
        for (int i = 0; i < TASK_BUDGET; i++)
        {
            final Runnable task = tasks.poll();
            if (task == null)
            {
                return;
            }
            try
            {
                task.run();
            }
            catch (final RuntimeException e)
            {
                System.err.println(thread.getName() + ": task failed: " + e);
                e.printStackTrace();
            }
        }
    }

    private void flushScheduled()
    {
        // Indexed: a flush can close a connection, but never schedules another one.
        for (int i = 0; i < toFlush.size(); i++)
        {
            toFlush.get(i).scheduledFlush();
        }
        toFlush.clear();
    }

    private record Timed(long deadlineNanos, Runnable task)
    {
    }

    private void register(final SocketChannel channel)
    {
        final Connection connection = context.config.service() == Service.CHAT ?
            new ChatConnection(this, context, channel) : new EchoConnection(this, context, channel);
        try
        {
            connection.register(channel.register(selector, SelectionKey.OP_READ, connection));
            connections.add(connection);
        }
        catch (final ClosedChannelException e)
        {
            connection.close();
        }
    }
}
