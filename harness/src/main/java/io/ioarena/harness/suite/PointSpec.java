package io.ioarena.harness.suite;

import io.ioarena.contract.Mode;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;

import java.util.Locale;

/**
 * What one point measures: one server under one load. Repetitions of a point share its spec.
 *
 * @param active open-loop echo: how many of the connections carry the rate, the others held idle (the client's
 *               {@code --active-connections}); 0 when every connection carries it.
 */
public record PointSpec(
    String variant,
    String sweep,
    Service workload,
    Framing framing,
    Mode mode,
    double rate,
    int connections,
    int size,
    int inFlight,
    int rooms,
    int active)
{
    /** A load whose connections all carry it. */
    public PointSpec(final String variant, final String sweep, final Service workload, final Framing framing,
        final Mode mode, final double rate, final int connections, final int size, final int inFlight, final int rooms)
    {
        this(variant, sweep, workload, framing, mode, rate, connections, size, inFlight, rooms, 0);
    }

    /** Whether some of the connections are held idle while the others carry the rate. */
    public boolean idleHeld()
    {
        return active > 0;
    }

    public boolean open()
    {
        return mode == Mode.OPEN;
    }

    /** Connection churn: {@code rate} connection arrivals per second, each connect, one echo, close. */
    public boolean churn()
    {
        return mode == Mode.CHURN;
    }

    public boolean chat()
    {
        return workload == Service.CHAT;
    }

    /** The same load in closed loop with one message in flight per connection (an open-loop spec's heaviest form). */
    public PointSpec closedLoop()
    {
        return open() ? new PointSpec(variant, sweep, workload, framing, Mode.CLOSED, 0, connections, size, 1, rooms)
            : this;
    }

    /** The same load at another open-loop rate: a capacity search's probe. */
    public PointSpec withRate(final double r)
    {
        return new PointSpec(variant, sweep, workload, framing, mode, r, connections, size, inFlight, rooms, active);
    }

    /** The same load over another number of connections: a room-size search's probe. */
    public PointSpec withConnections(final int c)
    {
        return new PointSpec(variant, sweep, workload, framing, mode, rate, c, size, inFlight, rooms, active);
    }

    /**
     * Stable, readable and file-name safe: {@code netty-epoll_echo-rate_c16_s64_r5000}; with idle connections held
     * {@code selector_idle-connections_c10000_s64_r1000_a100}; churn {@code netty-epoll_churn_s64_churn500}.
     */
    public String key()
    {
        if (churn())
        {
            return variant + "_" + sweep + "_s" + size + "_churn" + formatRate(rate);
        }
        return variant + "_" + sweep + "_c" + connections + "_s" + size +
            (open() ? "_r" + formatRate(rate) : "_closed" + inFlight) + (chat() ? "_rooms" + rooms : "")
            + (idleHeld() ? "_a" + active : "");
    }

    /** The load in words, for the progress line and the plan. */
    public String describeLoad()
    {
        if (churn())
        {
            return workload.cliName() + "/" + framing.cliName() + " churn " + formatRate(rate) + " conn/s " + size + "B";
        }
        final String load = open() ? formatRate(rate) + " msg/s" : Mode.CLOSED.label() + " x" + inFlight;
        return workload.cliName() + "/" + framing.cliName() + " " + load + " c" + connections
            + (idleHeld() ? " (" + active + " active)" : "") + " " + size + "B" + (chat() ? " rooms " + rooms : "");
    }

    public static String formatRate(final double rate)
    {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
    }
}
