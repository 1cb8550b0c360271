package io.ioarena.harness.run;

import io.ioarena.protocol.launch.ProcessTree;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Samples a server process, with the processes it started ({@link ProcessTree}, listed anew at each sample), from
 * /proc at a fixed interval on a daemon thread while it runs, appending each sample
 * to a CSV file as it goes (so a crash still leaves the samples up to it).
 */
public final class ProcSampler implements AutoCloseable
{
    private static final long CLOCK_TICKS = clockTicks();

    private final long pid;
    private final Path file;
    private final Duration interval;
    private final Pattern eventLoops;
    private final ProcSample.TreeTotals totals = new ProcSample.TreeTotals();
    private final List<ProcSample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param eventLoops matches the kernel names of the threads sampled as event-loop threads. */
    public ProcSampler(final long pid, final Path file, final Duration interval, final Pattern eventLoops)
    {
        this.pid = pid;
        this.file = file;
        this.interval = interval;
        this.eventLoops = eventLoops;
        this.thread = Thread.ofPlatform().daemon().name("proc-sampler-" + pid).unstarted(this::loop);
    }

    public ProcSampler start()
    {
        thread.start();
        return this;
    }

    private void loop()
    {
        try (BufferedWriter out = Files.newBufferedWriter(file))
        {
            out.write(ProcSample.CSV_HEADER);
            out.write('\n');
            boolean last = false;
            while (!last)
            {
                // close() asks for one more sample: the one after the client ended, which closes the measured window
                last = !running;
                Thread.interrupted(); // a pending interrupt would close the file channel under the write below
                final ProcSample s;
                try
                {
                    s = ProcSample.read(ProcessTree.pids(pid), System.currentTimeMillis(), CLOCK_TICKS, eventLoops,
                        totals);
                }
                catch (final IOException | RuntimeException gone)
                {
                    return; // the process has ended
                }
                synchronized (samples)
                {
                    samples.add(s);
                }
                out.write(s.csv());
                out.write('\n');
                out.flush();
                if (!last)
                {
                    try
                    {
                        TimeUnit.MILLISECONDS.sleep(interval.toMillis());
                    }
                    catch (final InterruptedException closed)
                    {
                        // close(): the loop takes its last sample
                    }
                }
            }
        }
        catch (final IOException e)
        {
            // sampling is best effort: the point records how many samples it got
        }
    }

    /**
     * Stops sampling after one last sample, taken now: a point closes its sampler once the client has ended, so that
     * sample is the measured window's end, whatever the interval. The samples stay in the file and in
     * {@link #samples()}.
     */
    @Override
    public void close() throws InterruptedException
    {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }

    public List<ProcSample> samples()
    {
        synchronized (samples)
        {
            return List.copyOf(samples);
        }
    }

    private static long clockTicks()
    {
        try
        {
            return Long.parseLong(BoundedCommand.run(List.of("getconf", "CLK_TCK"), Duration.ofSeconds(5)).trim());
        }
        catch (final IOException | NumberFormatException | InterruptedException e)
        {
            return 100; // USER_HZ on every Linux architecture in practice
        }
    }
}
