package io.ioarena.load;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ChurnSummary;
import io.ioarena.contract.Tag;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A churn run: connections arrive on an absolute open-loop plan ({@link Schedule} of one stream, {@code --rate}
 * arrivals per second), and each connects, sends one echo message, checks the echo byte for byte and closes. Every
 * latency is measured from the arrival's intended time, so a client that falls behind (or a server slow to accept)
 * shows in full rather than delaying later arrivals: no arrival waits for another. One thread, one selector; time
 * comes from a {@link NanoClock} so that pacing can be tested with a fake one.
 */
public final class ChurnRun
{
    /** The client waits on its selector when the next arrival is at least this far; else it parks briefly. */
    private static final long SELECT_NANOS = 1_000_000;
    private static final long PARK_NANOS = 50_000;

    private final ChurnConfig config;
    private final NanoClock clock;
    private final InetSocketAddress server;
    private final byte[] frame;
    private final Selector selector;
    /** Open connections in arrival order, so that the oldest times out first. */
    private final LinkedHashSet<Attempt> open = new LinkedHashSet<>();
    private final Histogram connect = new Histogram(3);
    private final Histogram latency = new Histogram(3);
    private final Histogram sendLag = new Histogram(3);
    private final EnumMap<ChurnFailure, Long> failures = new EnumMap<>(ChurnFailure.class);
    private Schedule plan;
    /** Arrivals intended from here on are measured; those before are the warm-up. */
    private long measuredFrom;
    /** Wall-clock time of the plan's origin, for the files (the plan itself runs on {@link #clock}). */
    private long startEpochMs;
    private long end;
    private long arrivals;
    private long completed;

    public ChurnRun(final ChurnConfig config, final NanoClock clock) throws IOException
    {
        this.config = config;
        this.clock = clock;
        this.server = new InetSocketAddress(config.host(), config.port());
        final byte[] payload = new byte[config.size()];
        Arrays.fill(payload, (byte) 'c');
        this.frame = config.framing().encode(payload);
        this.selector = Selector.open();
    }

    /** Fixes the plan: arrivals from {@code t0} for the run's warm-up and duration. */
    void start(final long t0)
    {
        plan = Schedule.of(config.arrival(), t0, config.rate(), 1, 0, config.seed());
        startEpochMs = System.currentTimeMillis();
        measuredFrom = t0 + config.warmupNanos();
        end = measuredFrom + config.durationNanos();
    }

    /** Runs the whole plan, then waits for the last connections (at most {@code --timeout}). */
    public ChurnSummary run() throws IOException
    {
        start(clock.nanoTime());
        final long giveUp = end + config.timeoutNanos();
        for (long now = clock.nanoTime(); (planned() || !open.isEmpty()) && now < giveUp; now = clock.nanoTime())
        {
            startDue(now);
            expire(now);
            final long wait = planned() ? plan.intendedTime() - now : SELECT_NANOS;
            if (wait >= SELECT_NANOS)
            {
                selector.select(this::onSelected, wait / 1_000_000);
            }
            else
            {
                selector.selectNow(this::onSelected);
                LockSupport.parkNanos(Math.min(Math.max(wait, 0), PARK_NANOS));
            }
        }
        open.forEach(a ->
        {
            a.close();
            failed(a, ChurnFailure.TIMEOUT);
        });
        open.clear();
        // A client so far behind that arrivals were never started by their timeout: each is an arrival that timed out.
        while (planned())
        {
            failed(new Attempt(plan.intendedTime(), countArrival(plan.intendedTime())), ChurnFailure.TIMEOUT);
            plan.advance();
        }
        selector.close();
        return summary();
    }

    /** Whether arrivals are left in the plan. */
    private boolean planned()
    {
        return plan.intendedTime() < end;
    }

    /**
     * Starts every arrival due by {@code now} (all of them, however late: lateness is recorded, never skipped).
     *
     * @return how many it started
     */
    int startDue(final long now)
    {
        int started = 0;
        while (planned() && plan.intendedTime() <= now)
        {
            begin(plan.intendedTime(), now);
            plan.advance();
            started++;
        }
        return started;
    }

    /** Closes, as timed out, every connection whose arrival was longer than {@code --timeout} before {@code now}. */
    void expire(final long now)
    {
        final Iterator<Attempt> i = open.iterator();
        while (i.hasNext())
        {
            final Attempt a = i.next();
            if (now - a.intended < config.timeoutNanos())
            {
                return;
            }
            i.remove();
            a.close();
            failed(a, ChurnFailure.TIMEOUT);
        }
    }

    private void begin(final long intended, final long now)
    {
        final Attempt a = new Attempt(intended, countArrival(intended));
        final long id = plan.index();
        if (a.measured)
        {
            sendLag.recordValue(Math.max(0, now - intended));
        }
        try
        {
            a.channel = SocketChannel.open();
            a.channel.configureBlocking(false);
            a.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (config.lingerZero())
            {
                a.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            if (config.sourceAddresses().binds())
            {
                a.channel.bind(config.sourceAddresses().of((int) (id % config.sourceAddresses().count())));
            }
            open.add(a);
            if (a.channel.connect(server))
            {
                connected(a, now);
            }
            else
            {
                a.channel.register(selector, SelectionKey.OP_CONNECT, a);
            }
        }
        catch (final IOException e)
        {
            fail(a, ChurnFailure.of(e));
        }
    }

    /** Whether the arrival intended at {@code intended} is measured (not warm-up); counts it if it is. */
    private boolean countArrival(final long intended)
    {
        final boolean measured = intended >= measuredFrom;
        if (measured)
        {
            arrivals++;
        }
        return measured;
    }

    private void onSelected(final SelectionKey key)
    {
        final Attempt a = (Attempt) key.attachment();
        final long now = clock.nanoTime();
        try
        {
            if (key.isConnectable())
            {
                a.channel.finishConnect();
                connected(a, now);
            }
            else if (key.isWritable())
            {
                write(a);
            }
            else if (key.isReadable())
            {
                read(a, now);
            }
        }
        catch (final IOException e)
        {
            fail(a, ChurnFailure.of(e));
        }
    }

    private void connected(final Attempt a, final long now) throws IOException
    {
        if (a.measured)
        {
            connect.recordValue(Math.max(0, now - a.intended));
        }
        a.out = ByteBuffer.wrap(frame);
        a.in = ByteBuffer.allocate(frame.length);
        write(a);
    }

    private void write(final Attempt a) throws IOException
    {
        a.channel.write(a.out);
        a.channel.register(selector, a.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ, a);
    }

    private void read(final Attempt a, final long now) throws IOException
    {
        if (a.channel.read(a.in) < 0)
        {
            fail(a, ChurnFailure.CLOSED);
            return;
        }
        if (a.in.hasRemaining())
        {
            return;
        }
        if (!Arrays.equals(a.in.array(), frame))
        {
            fail(a, ChurnFailure.CORRUPT);
            return;
        }
        if (a.measured)
        {
            latency.recordValue(Math.max(0, now - a.intended));
            completed++;
        }
        open.remove(a);
        a.close();
    }

    private void fail(final Attempt a, final ChurnFailure kind)
    {
        open.remove(a);
        a.close();
        failed(a, kind);
    }

    private void failed(final Attempt a, final ChurnFailure kind)
    {
        if (a.measured)
        {
            failures.merge(kind, 1L, Long::sum);
        }
    }

    /** What the run measured so far, ending now (by the wall clock); its histograms by {@link Tag}. */
    ChurnSummary summary()
    {
        final double seconds = config.durationNanos() / 1e9;
        final Map<String, Long> byKind = new LinkedHashMap<>();
        failures.forEach((k, n) -> byKind.put(k.key(), n));
        final Map<String, ClientSummary.Percentiles> histograms = new LinkedHashMap<>();
        histograms.put(Tag.CONNECT.tag(), ClientSummary.Percentiles.of(connect));
        histograms.put(Tag.LATENCY.tag(), ClientSummary.Percentiles.of(latency));
        histograms.put(Tag.SENDLAG.tag(), ClientSummary.Percentiles.of(sendLag));
        return new ChurnSummary(LogHeader.TOOL, LogHeader.VERSION, config.toMap(), config.closeMode(),
            config.sourceAddresses().labels(), startEpochMs, System.currentTimeMillis(), config.rate(),
            completed / seconds, seconds, arrivals, completed,
            byKind, histograms);
    }

    /** The histogram of {@code tag}: connect, latency (the echo) or sendlag. */
    Histogram histogram(final Tag tag)
    {
        return switch (tag)
        {
            case CONNECT -> connect;
            case LATENCY -> latency;
            case SENDLAG -> sendLag;
            default -> throw new IllegalArgumentException("a churn run records no " + tag.tag());
        };
    }

    /** One arriving connection. */
    private static final class Attempt
    {
        final long intended;
        /** Not a warm-up arrival: what happens to it is recorded. */
        final boolean measured;
        SocketChannel channel;
        ByteBuffer out;
        ByteBuffer in;

        Attempt(final long intended, final boolean measured)
        {
            this.intended = intended;
            this.measured = measured;
        }

        void close()
        {
            if (channel == null)
            {
                return;
            }
            try
            {
                channel.close();
            }
            catch (final IOException e)
            {
                // Closing: nothing left to do with this connection either way.
            }
        }
    }
}
