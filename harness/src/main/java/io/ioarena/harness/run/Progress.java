package io.ioarena.harness.run;

import io.ioarena.contract.ClientSummary.Percentiles;
import io.ioarena.contract.Tag;
import io.ioarena.harness.results.PointResult;
import io.ioarena.harness.results.Tables;
import io.ioarena.harness.suite.Durations;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The live progress line: point i of N, elapsed, ETA, what runs now, and the last point's achieved rate and p99.
 * On a terminal it is redrawn in place every second; otherwise one line is printed per point, so logs stay readable.
 */
public final class Progress implements AutoCloseable
{
    private final PrintStream out;
    private final boolean live;
    private final LongSupplier nanoTime;
    private final int total;
    private final Duration guessPerPoint;
    private final long startNanos;
    private final Thread ticker;
    private int index;
    private int measured;
    private int done;
    private long measuredNanos;
    private String current = "starting";
    private String last = "";

    public Progress(final PrintStream out, final boolean live, final LongSupplier nanoTime, final int total,
        final Duration guessPerPoint)
    {
        this.out = out;
        this.live = live;
        this.nanoTime = nanoTime;
        this.total = total;
        this.guessPerPoint = guessPerPoint;
        this.startNanos = nanoTime.getAsLong();
        this.ticker = live ? Thread.ofPlatform().daemon().name("progress").start(this::tick) : null;
    }

    private void tick()
    {
        try
        {
            while (!Thread.currentThread().isInterrupted())
            {
                Thread.sleep(1000);
                redraw();
            }
        }
        catch (final InterruptedException e)
        {
            // closed
        }
    }

    /** A message above the progress line. */
    public synchronized void note(final String message)
    {
        out.print(live ? "\r\033[2K" + message + "\n" : message + "\n");
        if (live)
        {
            out.print(line());
        }
        out.flush();
    }

    public synchronized void started(final int i, final PlannedPoint p)
    {
        index = i;
        current = p.spec().variant() + " " + p.spec().sweep() + " " + p.spec().describeLoad() + " rep " +
            p.repetition();
        if (live)
        {
            redraw();
        }
        else
        {
            out.println(line());
            out.flush();
        }
    }

    /** A point that was already finished (resume) counts as done but not in the time per point. */
    public synchronized void skipped(final int i)
    {
        index = i;
        done++;
    }

    /** @param row the point's row of results.csv (its validity flags say what keeps it from being ranked) */
    public synchronized void finished(final PointResult r, final Tables.Row row, final long pointNanos)
    {
        measured++;
        done++;
        measuredNanos += pointNanos;
        if (r.ok() && row.measured())
        {
            last = String.format(Locale.ROOT, "%s %.0f %s p99 %s", r.spec().variant(), row.rateAchieved(),
                r.spec().churn() ? "conn/s" : "msg/s", micros(row.latencyUs(Tag.LATENCY, Percentiles::p99) * 1000));
            if (!row.flags().isEmpty())
            {
                last += " [flagged, dropped from the statistics: " + String.join("; ", row.flags()) + "]";
            }
        }
        else
        {
            last = r.spec().variant() + " FAILED";
        }
        note("  " + (r.ok() ? "ok     " : "FAILED ") + r.id() + " | " + (r.ok() ? last
            : shorten(r.reason().lines().findFirst().orElse(""), 160) + " (points/" + r.id() + "/" + PointResult.FILE + ")"));
    }

    static String shorten(final String text, final int max)
    {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static String micros(final double nanos)
    {
        if (Double.isNaN(nanos))
        {
            return "?";
        }
        return nanos >= 1_000_000 ? String.format(Locale.ROOT, "%.2f ms", nanos / 1e6)
            : String.format(Locale.ROOT, "%.0f us", nanos / 1e3);
    }

    private synchronized void redraw()
    {
        out.print("\r\033[2K" + line());
        out.flush();
    }

    synchronized String line()
    {
        final Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - startNanos);
        final Duration per = measured == 0 ? guessPerPoint : Duration.ofNanos(measuredNanos / measured);
        final Duration eta = per.multipliedBy(Math.max(0, total - done));
        final String l = String.format(Locale.ROOT, "[%d/%d] %s elapsed, ETA %s | %s%s", index, total,
            Durations.human(elapsed), Durations.human(eta), current, last.isEmpty() ? "" : " | last: " + last);
        return live && l.length() > 200 ? l.substring(0, 200) : l;
    }

    @Override
    public synchronized void close()
    {
        if (ticker != null)
        {
            ticker.interrupt();
            out.print("\r\033[2K");
            out.flush();
        }
    }
}
