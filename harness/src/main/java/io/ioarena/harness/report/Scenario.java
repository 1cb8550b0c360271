package io.ioarena.harness.report;

import io.ioarena.contract.Mode;
import io.ioarena.harness.suite.PointSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One load that every server is measured under: a point of a sweep without the server. Empty CSV cells (no rate in
 * closed loop, no in-flight count in open loop, no rooms outside chat, no active count where every connection carries
 * the rate) read as 0.
 *
 * @param active the connections that carry the rate while the others are held idle; 0 when all carry it.
 */
public record Scenario(String sweep, String workload, String framing, String mode, int connections, int inFlight,
    int rooms, int messageSize, double rate, int active)
{
    /** A point spec's load without its server, as the tables write it. */
    public static Scenario of(final PointSpec spec, final String sweep)
    {
        return new Scenario(sweep, spec.workload().cliName(), spec.framing().cliName(), spec.mode().cliName(),
            spec.connections(), spec.mode() == Mode.CLOSED ? spec.inFlight() : 0, spec.chat() ? spec.rooms() : 0,
            spec.size(), spec.mode() == Mode.CLOSED ? 0 : spec.rate(), spec.active());
    }

    /** Whether some connections were held idle while the others carried the rate. */
    public boolean idleHeld()
    {
        return active > 0;
    }

    /** The connections held idle: 0 where every connection carries the rate. */
    public int idle()
    {
        return idleHeld() ? connections - active : 0;
    }

    /** Connection churn: {@code rate} connection arrivals per second, each connect, one echo, close. */
    public boolean churn()
    {
        return Mode.CHURN.cliName().equals(mode);
    }

    /** Ranked by latency, as every server got the same offered rate: open loop and churn. */
    public boolean latencyRanked()
    {
        return !Mode.CLOSED.cliName().equals(mode);
    }

    public boolean open()
    {
        return "open".equals(mode);
    }

    public boolean chat()
    {
        return "chat".equals(workload);
    }

    /**
     * For headings: {@code echo/line 20k msg/s, 16 connections, 64 B}, or in closed loop {@code echo/line
     * closed-loop (CO-prone), 1 in flight, ...}: the load client's own label for a mode whose latencies suffer from
     * coordinated omission.
     */
    public String describe()
    {
        if (churn())
        {
            return workload + "/" + framing + " churn " + Fmt.count(rate) + " connections/s (connect, one echo, close), "
                + messageSize + " B";
        }
        final List<String> parts = new ArrayList<>();
        parts.add(workload + "/" + framing + " " + (open() ? Fmt.count(rate) + " msg/s" : Mode.CLOSED.label() + ", " +
            inFlight + " in flight"));
        parts.add(connections + (connections == 1 ? " connection" : " connections")
            + (idleHeld() ? " (" + active + " active, " + idle() + " idle)" : ""));
        parts.add(messageSize + " B");
        if (chat())
        {
            parts.add(rooms + (rooms == 1 ? " room" : " rooms"));
        }
        return String.join(", ", parts);
    }

    /**
     * File- and id-safe: {@code echo-rate_c16_s64_r20000}; with idle connections held {@code ..._r1000_a100}; churn
     * {@code churn_s64_churn500}.
     */
    public String id()
    {
        if (churn())
        {
            return (sweep + "_s" + messageSize + "_churn" + Fmt.plain(rate)).replaceAll("[^A-Za-z0-9_.-]", "-")
                .toLowerCase(Locale.ROOT);
        }
        return (sweep + "_c" + connections + "_s" + messageSize + (open() ? "_r" + Fmt.plain(rate) : "_closed" +
            inFlight) + (chat() ? "_rooms" + rooms : "") + (idleHeld() ? "_a" + active : ""))
            .replaceAll("[^A-Za-z0-9_.-]", "-").toLowerCase(Locale.ROOT);
    }
}
