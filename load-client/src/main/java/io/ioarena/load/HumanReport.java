package io.ioarena.load;

import io.ioarena.contract.ChurnSummary;
import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.GeneratorHealth;
import io.ioarena.contract.Mode;
import io.ioarena.contract.Tag;
import io.ioarena.contract.Units;
import io.ioarena.protocol.Service;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The run as a person reads it: wrk2's layout, with the achieved rate next to the requested one and the flags. */
public final class HumanReport
{
    private static final double[] PERCENTILES = {50, 75, 90, 99, 99.9, 99.99, 99.999, 100};

    private HumanReport()
    {
    }

    /** The header, printed before the run starts. */
    public static void printHeader(final LoadConfig c, final PrintStream out)
    {
        out.printf(Locale.ROOT, "Running %s test @ %s:%d (%s, %s framing, %d-byte messages)%n",
            Units.formatNanos(c.durationNanos()), c.host(), c.port(), c.workload().cliName(), c.framing().cliName(),
            c.size());
        out.printf(Locale.ROOT, "  %s, %s%n", c.mode().label(), c.mode() == Mode.OPEN
            ? String.format(Locale.ROOT, "%s arrivals at %.2f msgs/s total (this instance %.2f)",
                c.arrival().cliName(), c.rate(), c.instanceRate())
            : c.inFlight() + " in flight per connection");
        out.printf(Locale.ROOT, "  %d threads and %d connections%s, warm-up %s%s%n", c.threads(),
            c.instanceSlice().count(), c.instanceCount() > 1
                ? String.format(Locale.ROOT, " (instance %d of %d, %d in total)", c.instanceIndex(),
                    c.instanceCount(), c.connections()) : "",
            Units.formatNanos(c.warmupNanos()),
            c.workload() == Service.CHAT ? ", " + c.rooms() + " rooms" : "");
        if (c.chatChurn() > 0)
        {
            out.printf(Locale.ROOT, "  chat churn: %.2f joins/s by %d visitors (this instance %d), each staying "
                + "half of its %.0f s period%n", c.chatChurn(), VisitPlan.visitors(c.chatChurn()),
                c.visitorSlice().count(), VisitPlan.PERIOD_SECONDS);
        }
        if (c.sourceAddresses().binds())
        {
            out.printf(Locale.ROOT, "  from %d source addresses, %s to %s%n", c.sourceAddresses().count(),
                c.sourceAddresses().labels().getFirst(), c.sourceAddresses().labels().getLast());
        }
        if (c.provesLiveness())
        {
            final ActiveConnections a = c.active();
            out.printf(Locale.ROOT, "  %d of the %d connections carry the rate (this instance %d), %d idle; each proven "
                + "live with one echo%n", a.active(), c.connections(), a.count(c.instanceSlice()),
                c.connections() - a.active());
        }
    }

    /** A churn run's results: the rate it achieved, its latencies from the intended arrival, its failures. */
    public static void printChurn(final ChurnSummary s, final PrintStream out)
    {
        out.printf(Locale.ROOT, "  %d arrivals, %d completed: %.2f connections/s achieved of %.2f requested%n",
            s.arrivals(), s.completed(), s.achievedRate(), s.requestedRate());
        for (final Tag tag : new Tag[] {Tag.CONNECT, Tag.LATENCY, Tag.SENDLAG})
        {
            final ClientSummary.Percentiles p = s.histograms().get(tag.tag());
            out.printf(Locale.ROOT, "  %-8s p50 %8s  p99 %8s  p99.9 %8s  max %8s%n", tag == Tag.LATENCY ? "echo" : tag.tag(),
                Units.formatNanos(p.p50()), Units.formatNanos(p.p99()), Units.formatNanos(p.p999()),
                Units.formatNanos(p.max()));
        }
        out.println("  failures: " + (s.failures().isEmpty() ? "none" : s.failures().entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
    }

    public static void print(final RunResult r, final PrintStream out)
    {
        final Histogram latency = r.histogram(Tag.LATENCY);
        final ThreadStats s = r.stats();
        out.println("  Thread Stats   Avg      Stdev     Max");
        out.printf(Locale.ROOT, "    Latency   %8s %8s %8s%n", Units.formatNanos(mean(latency)),
            Units.formatNanos(latency.getTotalCount() == 0 ? 0 : latency.getStdDeviation()),
            Units.formatNanos(latency.getMaxValue()));
        out.printf("  Latency Distribution (HdrHistogram - Recorded Latency%s)%n",
            r.config().mode() == Mode.CLOSED ? ", " + Mode.CLOSED.label() + ": service time, not response time"
                : ", from intended send time");
        for (final double p : PERCENTILES)
        {
            out.printf(Locale.ROOT, "%7.3f%%  %8s%n", p, Units.formatNanos(latency.getValueAtPercentile(p)));
        }
        line(out, "Service time", r.histogram(Tag.SERVICE));
        if (r.config().cycleIntervalNanos() > 0)
        {
            line(out, "Compensated", r.histogram(Tag.COMPENSATED));
            out.printf(Locale.ROOT, "  (latency corrected as if each in-flight slot sent every %s: --cycle-rate %.2f)%n",
                Units.formatNanos(r.config().cycleIntervalNanos()), r.config().cycleRate());
        }
        if (r.config().mode() == Mode.OPEN)
        {
            line(out, "Send lag", r.histogram(Tag.SENDLAG));
        }
        line(out, "Connect", r.histogram(Tag.CONNECT));
        line(out, "Hiccups", r.histogram(Tag.HICCUP));
        if (r.config().workload() == Service.CHAT)
        {
            line(out, "Delivery", r.histogram(Tag.DELIVERY));
            out.printf(Locale.ROOT, "  Deliveries: %d received of %d expected%n", s.receivedDeliveries,
                s.expectedDeliveries);
        }
        if (r.config().chatChurn() > 0)
        {
            line(out, "Join", r.histogram(Tag.JOIN));
            out.printf(Locale.ROOT, "  Churn: %d joins, %d leaves, %d errors; visitors got %d copies, of which %d "
                + "required%n", s.joins, s.leaves, s.churnErrors, s.visitorCopies, s.requiredCopies);
        }
        out.println("----------------------------------------------------------");
        out.printf(Locale.ROOT, "  %d requests in %s, %.2fMB read (%d sent; %d connections of %d, %d failed)%n",
            s.received, Units.formatNanos(r.config().durationNanos()), s.bytesRead / 1048576.0, s.sent,
            r.established(), r.requestedConnections(), r.failedConnections());
        if (r.config().mode() == Mode.OPEN)
        {
            out.printf(Locale.ROOT, "Requests/sec: %10.2f (requested %.2f, %.1f%%)%n", r.achievedRate(),
                r.requestedRate(), 100.0 * r.achievedRate() / r.requestedRate());
        }
        else
        {
            out.printf(Locale.ROOT, "Requests/sec: %10.2f (%s: no requested rate)%n", r.achievedRate(),
                Mode.CLOSED.label());
        }
        out.printf(Locale.ROOT, "Errors: corrupted %d, reordered %d, lost %d, duplicated %d, unexpected %d, "
            + "unanswered %d, unsent %d, disconnects %d%n", s.corrupted, s.reordered, s.lost, s.duplicated,
            s.unexpected, s.unanswered, s.unsent, s.disconnects);
        final double messages = Math.max(1, s.sent + s.warmupSent);
        if (s.allocatedBytes >= 0 && s.cpuNanos >= 0)
        {
            out.printf(Locale.ROOT, "Client threads: %.2f s CPU (%.0f ns per message), %d bytes allocated "
                + "(%.3f per message)%n", s.cpuNanos / 1e9, s.cpuNanos / messages, s.allocatedBytes,
                s.allocatedBytes / messages);
        }
        final GeneratorHealth g = r.generator();
        out.printf(Locale.ROOT, "Client CPU (measured): I/O threads %s busy%s, waited %s for a CPU; CPUs %s %s idle, "
            + "%s idle or the client's; GC %s pauses, %s; JIT %s%n", share(g.threadBusy()),
            r.config().mode() == Mode.OPEN ? " (with the poll before each send)" : "",
            g.ioWaitNanos() == null ? "?" : Units.formatNanos(g.ioWaitNanos()),
            g.cpus() == null ? "(no /proc)" : g.cpus(), share(g.cpuIdle()), share(g.cpuAvailable()),
            g.gcPauses() == null ? "?" : g.gcPauses().toString(),
            g.gcPauseNanos() == null ? "?" : Units.formatNanos(g.gcPauseNanos()),
            g.jitNanos() == null ? "?" : Units.formatNanos(g.jitNanos()));
        final TimerCheck.Result t = r.timer();
        if (t != null)
        {
            out.printf(Locale.ROOT, "Timer (start-up check): select(1ms) late by p50 %s, max %s; one poll %s%n",
                Units.formatNanos(t.selectLatenessP50Nanos()), Units.formatNanos(t.selectLatenessMaxNanos()),
                Units.formatNanos(t.pollNanos()));
        }
        if (r.timerWarning() != null)
        {
            out.println("Warning: " + r.timerWarning());
        }
        final List<String> flags = r.flags();
        out.println("Flags: " + (flags.isEmpty() ? "none (valid)" : String.join(" ", flags) + " (INVALID)"));
    }

    private static void line(final PrintStream out, final String name, final Histogram h)
    {
        out.printf(Locale.ROOT, "  %-13s p50 %s, p99 %s, max %s (%d samples)%n", name + ":",
            Units.formatNanos(h.getValueAtPercentile(50)), Units.formatNanos(h.getValueAtPercentile(99)),
            Units.formatNanos(h.getMaxValue()), h.getTotalCount());
    }

    private static String share(final Double fraction)
    {
        return fraction == null ? "?" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static double mean(final Histogram h)
    {
        return h.getTotalCount() == 0 ? 0 : h.getMean();
    }
}
