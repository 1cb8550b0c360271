package io.ioarena.load;

import io.ioarena.contract.Tag;
import io.ioarena.protocol.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One I/O thread of the client: a selector over the connections it owns. It connects them, sets them up, waits for
 * the common start, then loops: send everything due, wait until the next message is due or an answer arrives,
 * read. Timing does not rely on {@code Selector.select(ms)} alone: the last {@link #SPIN_NANOS} before a message is
 * due are spent polling with {@code selectNow}, so sends are not late by the selector's millisecond granularity nor
 * by its wake-up (the {@code sendlag} tag shows how late they really were).
 */
final class ClientThread implements Runnable
{
    /**
     * Closer than this to the next due time, the thread polls instead of blocking in the selector. 3 ms, not 1: on
     * a 2-vCPU guest a wake-up from {@code select} was now and then late by more than a millisecond, and at 1 ms the
     * chat fan-out at 500 msg/s (a message every 2 ms) had send lag p99 up to 1 ms, 3 of 18 runs flagged SEND_LAG;
     * at 3 ms, where that thread polls throughout, 2-32 us and none (2026-12-04). The price is a busy client core
     * at rates whose gap per thread is under 3 ms; the client has a core of its own.
     */
    static final long SPIN_NANOS = 3_000_000;
    /**
     * A gap this long between two turns of the loop that did not block is a stall of this thread. 1 ms: a turn that
     * only polls takes microseconds, and one that reads a backlog after a stall of its own a few hundred.
     */
    static final long STALL_NANOS = 1_000_000;
    /** The tags a client thread records (not the hiccup meter's, nor the reporter's derived one). */
    static final Set<Tag> RECORDED = EnumSet.of(Tag.LATENCY, Tag.SERVICE, Tag.SENDLAG, Tag.CONNECT, Tag.DELIVERY,
        Tag.WARMUP, Tag.JOIN);
    /** Longest block in the selector, so that phase changes are noticed. */
    private static final long MAX_BLOCK_MS = 50;

    private final LoadConfig config;
    private final NanoClock clock;
    private final RunControl control;
    private final ThreadContext context;
    /** The members (or echo connections), then the visitors of {@code --chat-churn}. */
    private final Connection[] connections;
    /** How many of {@link #connections} are members (or echo connections): the rest are visitors. */
    private final int steady;
    /**
     * The connections that send by the plan, which the loop visits on every turn: all of them, or only the active
     * ones of {@code --active-connections}, so that the client's own work per turn does not grow with the idle ones
     * it holds (the selector still watches those, for a close or a stray byte).
     */
    private final Connection[] loaded;
    private final Selector selector;
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private int established;
    /** CPU time of this thread when its loop ended, or -1 before (or if unknown): see {@link #cpuNanosAfterLoop}. */
    private volatile long cpuNanosAfterLoop = -1;
    /** This thread's {@code /proc/<pid>/task/<tid>} folder once it runs, null before or where there is none. */
    private volatile Path task;
    /** How this thread's waits behaved at start-up ({@link TimerCheck}); null if it failed before measuring. */
    private TimerCheck.Result timer;
    private boolean readyReported;
    private boolean idleReported;
    /** A batch of records is open: see {@link #openBatch}. */
    private boolean batchOpen;

    /**
     * @param slice    the members (or echo connections) of this thread, in global ids
     * @param visitors the visitors of {@code --chat-churn} of this thread, in visitor indices (empty without churn)
     */
    ClientThread(final LoadConfig config, final Slice slice, final Slice visitors, final NanoClock clock,
        final RunControl control, final ChatRooms rooms) throws IOException
    {
        this.config = config;
        this.clock = clock;
        this.control = control;
        this.context = new ThreadContext(new Payload(config.size()), new ThreadRecorders(RECORDED), new ThreadStats(),
            rooms, new ThreadBuffers(config));
        this.selector = Selector.open();
        this.steady = slice.count();
        this.connections = new Connection[steady + visitors.count()];
        for (int i = 0; i < steady; i++)
        {
            final int id = slice.first() + i;
            final SocketChannel channel = SocketChannel.open();
            if (config.workload() == Service.CHAT)
            {
                final ChatConnection member = new ChatConnection(id, config, context, channel);
                rooms.addLocal(member);
                connections[i] = member;
            }
            else
            {
                connections[i] = new EchoConnection(id, config, context, channel);
            }
        }
        for (int v = 0; v < visitors.count(); v++)
        {
            connections[steady + v] = new VisitorConnection(visitors.first() + v, config, context,
                SocketChannel.open());
        }
        // the visitors come and go on a plan of their own, so the loop visits them like the loaded connections
        this.loaded = Arrays.stream(connections).filter(c -> c.carriesLoad || c instanceof VisitorConnection)
            .toArray(Connection[]::new);
    }

    ThreadRecorders recorders()
    {
        return context.recorders();
    }

    ThreadStats stats()
    {
        return context.stats();
    }

    /**
     * This thread's CPU time when its loop ended (-1 before that): the CPU watchdog's end snapshot, taken just after
     * the measured phase, reads the CPU time of the client threads, but a thread that had nothing left to do may have
     * ended just before, and the JVM has no CPU time for an ended thread.
     */
    long cpuNanosAfterLoop()
    {
        return cpuNanosAfterLoop;
    }

    /**
     * This thread's {@code /proc/<pid>/task/<tid>} folder (Linux), where others read its scheduler statistics; null
     * before it runs or where there is none.
     */
    Path task()
    {
        return task;
    }

    /** This thread's start-up timer self-check; read after the thread has ended (the join orders it). */
    TimerCheck.Result timer()
    {
        return timer;
    }

    /** Connections that were ready when the run started. */
    int established()
    {
        return established;
    }

    /**
     * Whether some connection is ready; read by the launching thread after {@link RunControl#awaitReady}, which
     * orders it after this thread's setup.
     */
    boolean anyReady()
    {
        for (final Connection c : connections)
        {
            if (c.state == Connection.State.READY)
            {
                return true;
            }
        }
        return false;
    }

    Connection[] connections()
    {
        return connections;
    }

    @Override
    public void run()
    {
        task = ownTask();
        try
        {
            connectAll();
            // After the connections, before the common start: the check delays this thread's readiness only.
            timer = TimerCheck.measure(clock);
            readyReported = true;
            control.ready();
            final RunTiming timing = control.awaitStart();
            for (int i = 0; i < connections.length; i++)
            {
                if (connections[i].state == Connection.State.READY)
                {
                    connections[i].start(timing);
                    established += i < steady ? 1 : 0;
                }
            }
            final long allocatedBefore = allocatedBytes();
            final long cpuBefore = cpuNanos();
            try
            {
                loop(timing);
            }
            finally
            {
                closeBatch();
            }
            final long cpuAfter = cpuNanos();
            cpuNanosAfterLoop = cpuAfter;
            final long allocatedAfter = allocatedBytes();
            context.stats().allocatedBytes = allocatedBefore < 0 ? -1 : allocatedAfter - allocatedBefore;
            context.stats().cpuNanos = cpuBefore < 0 ? -1 : cpuAfter - cpuBefore;
            openBatch();
            for (final Connection c : connections)
            {
                if (!c.carriesLoad && c.isOpen())
                {
                    // still open at the end: a close the selector has not reported yet counts as a disconnect,
                    // a stray byte as unexpected
                    c.onReadable(clock.nanoTime());
                }
                c.finish();
            }
            closeBatch();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        finally
        {
            // Whatever happened, never leave the other threads waiting for this one.
            if (!readyReported)
            {
                control.ready();
            }
            if (!idleReported)
            {
                control.idle();
            }
            for (final Connection c : connections)
            {
                c.close();
            }
            try
            {
                selector.close();
            }
            catch (final IOException ignored)
            {
                // The run is over; nothing depends on the selector any more.
            }
        }
    }

    /**
     * Heap bytes this thread has allocated so far, or -1 where the JVM cannot tell: the run reports what its hot
     * loop allocated, so "allocation-free" is checked on every run, not claimed.
     */
    private static long allocatedBytes()
    {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
            && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()
            ? bean.getCurrentThreadAllocatedBytes() : -1;
    }

    /** The calling thread's {@code /proc} task folder, or null where there is none (not Linux). */
    private static Path ownTask()
    {
        try
        {
            return Path.of("/proc/thread-self").toRealPath();
        }
        catch (final IOException | RuntimeException e)
        {
            return null;
        }
    }

    /** CPU time of this thread so far, or -1 where the JVM cannot tell: shows whether the client was near saturation. */
    private static long cpuNanos()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : -1;
    }

    /** Opens every connection and sets up its session; those not ready by the connect timeout are closed. */
    private void connectAll() throws IOException
    {
        final InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        final long deadline = clock.nanoTime() + config.connectTimeoutNanos();
        for (final Connection c : connections)
        {
            final SocketChannel channel = c.channel;
            try
            {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (config.socketBuffer() > 0)
                {
                    channel.setOption(StandardSocketOptions.SO_SNDBUF, config.socketBuffer());
                    channel.setOption(StandardSocketOptions.SO_RCVBUF, config.socketBuffer());
                }
                if (config.sourceAddresses().binds())
                {
                    channel.bind(config.sourceAddresses().of(c.id));
                }
                c.connectStartNanos = clock.nanoTime();
                final boolean connected = channel.connect(address);
                c.key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
                if (connected)
                {
                    connected(c);
                }
            }
            catch (final IOException e)
            {
                c.close();
            }
        }
        while (settingUp() && clock.nanoTime() < deadline)
        {
            closeBatch();
            selector.select(onSelected, Math.max(1, Math.min(MAX_BLOCK_MS, (deadline - clock.nanoTime()) / 1_000_000)));
        }
        closeBatch();
        for (final Connection c : connections)
        {
            if (c.state != Connection.State.READY)
            {
                c.close();
            }
        }
    }

    private boolean settingUp()
    {
        for (final Connection c : connections)
        {
            if (c.state == Connection.State.CONNECTING || c.state == Connection.State.SETUP)
            {
                return true;
            }
        }
        return false;
    }

    private void connected(final Connection c)
    {
        final long now = clock.nanoTime();
        context.recorders().record(Tag.CONNECT, now - c.connectStartNanos);
        try
        {
            c.limitBatchToSendBuffer(c.channel.getOption(StandardSocketOptions.SO_SNDBUF));
        }
        catch (final IOException e)
        {
            c.close();
            return;
        }
        c.updateInterest();
        c.onConnected(now);
    }

    /**
     * The part of the measured phase a turn of the loop lost: the gap from its poll at {@code polledAt} to the next
     * turn at {@code now}, when that gap is a stall ({@link #STALL_NANOS} or more); 0 otherwise, and when the last turn
     * blocked ({@code polledAt} negative).
     */
    static long stalledInWindow(final long polledAt, final long now, final RunTiming timing)
    {
        if (polledAt < 0 || now - polledAt < STALL_NANOS)
        {
            return 0;
        }
        return Math.max(0, Math.min(now, timing.end()) - Math.max(polledAt, timing.measureStart()));
    }

    private void loop(final RunTiming timing) throws IOException
    {
        final Connection[] loaded = this.loaded;
        final ThreadStats stats = context.stats();
        // when the last turn ended with a poll (selectNow), else -1: a gap after a blocking select is waiting
        long polledAt = -1;
        while (true)
        {
            final long now = clock.nanoTime();
            stats.stalledNanos += stalledInWindow(polledAt, now, timing);
            if (now >= timing.end())
            {
                if (!idleReported && allIdle(now))
                {
                    idleReported = true;
                    control.idle();
                }
                if ((idleReported && control.allIdle() && allCopiesArrived()) || now >= timing.drainDeadline())
                {
                    return;
                }
            }
            long next = Long.MAX_VALUE;
            openBatch();
            for (final Connection c : loaded)
            {
                if (c.isOpen())
                {
                    // ask when it is due first: with many connections most have nothing due on a turn. Pumping every
                    // one and then asking each took 19.5% of the open loop's CPU at 1,000 connections; this, 13.7%
                    // (perf, 2026-12-05)
                    long due = c.nextDue(now);
                    if (due <= now)
                    {
                        c.pump(now);
                        due = c.nextDue(now);
                    }
                    next = Math.min(next, due);
                }
            }
            final long phaseEnd = now < timing.end() ? timing.end() : timing.drainDeadline();
            long wakeAt = Math.min(next, phaseEnd);
            if (idleReported)
            {
                wakeAt = Math.min(wakeAt, now + 1_000_000);
            }
            final long wait = wakeAt - clock.nanoTime();
            closeBatch();
            if (wait > SPIN_NANOS)
            {
                polledAt = -1;
                selector.select(onSelected, Math.max(1, Math.min(MAX_BLOCK_MS, (wait - SPIN_NANOS) / 1_000_000)));
            }
            else
            {
                polledAt = clock.nanoTime();
                selector.selectNow(onSelected);
            }
        }
    }

    /**
     * Opens the batch of records of this loop iteration, if it is not open yet: what one selector wake-up reads
     * and what the iteration then sends are recorded under one {@link ThreadRecorders#begin}, not one per value.
     */
    private void openBatch()
    {
        if (!batchOpen)
        {
            context.recorders().begin();
            batchOpen = true;
        }
    }

    /** Closes the batch before the thread can block: the reporter's swap waits for an open batch. */
    private void closeBatch()
    {
        if (batchOpen)
        {
            batchOpen = false;
            context.recorders().end();
        }
    }

    private boolean allIdle(final long now)
    {
        for (final Connection c : connections)
        {
            if (!c.isIdle(now))
            {
                return false;
            }
        }
        return true;
    }

    /** Chat: every copy that this instance's senders sent to this thread's members and visitors has arrived. */
    private boolean allCopiesArrived()
    {
        for (final Connection c : connections)
        {
            if (c.isOpen() && c.missingCopies() > 0)
            {
                return false;
            }
        }
        return true;
    }

    private void onSelected(final SelectionKey key)
    {
        final Connection c = (Connection)key.attachment();
        if (!key.isValid())
        {
            return;
        }
        if (key.isConnectable())
        {
            try
            {
                if (c.channel.finishConnect())
                {
                    connected(c);
                }
            }
            catch (final IOException e)
            {
                c.close();
            }
            return;
        }
        if (key.isReadable())
        {
            final long now = clock.nanoTime();
            openBatch();
            c.onReadable(now);
            // Answers free closed-loop slots (and time passes): send at once, as a hand-written client would,
            // rather than after every other ready connection has been read.
            if (c.isOpen())
            {
                c.pump(now);
            }
        }
        if (key.isValid() && key.isWritable() && c.hasUnsent())
        {
            c.flush();
        }
    }
}
