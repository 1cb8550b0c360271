package io.ioarena.harness.suite;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ioarena.contract.Mode;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * One family of points that answers one question: an open-loop rate sweep (where does latency turn up?), a
 * closed-loop maximum throughput point, connection-count scaling, message size, or connection churn (what does a new
 * connection cost?). Its points are the cross product of its rates (open loop and churn), connection counts (not
 * churn), message sizes and, where given, active connection counts.
 *
 * @param name        unique in the suite; {@code --sweeps} selects sweeps by it.
 * @param workload    the service, the client's and the server's {@code --service}: {@code echo} or {@code chat}.
 * @param framing     {@code raw}, {@code line} or {@code length}.
 * @param mode        {@code open} (the client sends at {@code rates}), {@code closed} (as fast as answers come) or
 *                    {@code churn} (connections arrive at {@code rates}, each connect, one echo, close: the client's
 *                    {@code churn} command; echo only).
 * @param rates       open loop: messages per second, all connections together; churn: connection arrivals per
 *                    second.
 * @param connections connection counts; none for churn, whose connections come and go at its rates.
 * @param sizes       payload sizes in bytes.
 * @param inFlight    closed loop: messages outstanding per connection.
 * @param rooms       chat: rooms the connections are spread over.
 * @param active      open-loop echo, optional: active connection counts. Each point then has only that many of its
 *                    connections carry the rate while the others are held idle, to show what idle connections cost
 *                    the active ones' latency; at most the smallest connection count, so that a point with as many
 *                    connections as active ones (none idle) is the baseline.
 * @param lingerZero  churn, optional: {@code true} closes each connection with {@code SO_LINGER 0} (a reset, no
 *                    TIME_WAIT; the client's {@code --linger-zero}), a labelled variant beside the orderly close (the
 *                    default), whose results.csv {@code churn_close} says {@code linger0}. Absent or false otherwise.
 * @param chatChurn   open-loop chat, optional: joins per second by visitors that join a room, stay a second and
 *                    leave, beside the members that carry the rate (the client's {@code --chat-churn}). Absent: none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sweep(
    String name,
    Service workload,
    Framing framing,
    Mode mode,
    List<Double> rates,
    List<Integer> connections,
    List<Integer> sizes,
    Integer inFlight,
    Integer rooms,
    List<Integer> active,
    Boolean lingerZero,
    Double chatChurn)
{
    public Sweep
    {
        require(name != null && name.matches("[A-Za-z0-9_.-]+"), "sweep name must be letters, digits, _ . -: " + name);
        require(workload != null, name + ": workload must be echo or chat");
        require(framing != null, name + ": framing must be raw, line or length");
        require(workload.supports(framing), name + ": chat needs line or length framing");
        require(mode != null, name + ": mode must be open, closed or churn");
        if (mode == Mode.CHURN)
        {
            require(workload == Service.ECHO, name + ": a churn sweep's workload must be echo (each connection sends "
                + "one message and reads its echo)");
            require(connections == null && inFlight == null && rooms == null, name + ": a churn sweep takes no "
                + "connections, inFlight or rooms: its connections come and go at its rates");
        }
        else
        {
            require(connections != null && !connections.isEmpty() && connections.stream().allMatch(c -> c > 0),
                name + ": connections must be a non-empty list of positive counts");
        }
        require(sizes != null && !sizes.isEmpty() && sizes.stream().allMatch(s -> s > 0),
            name + ": sizes must be a non-empty list of positive byte counts");
        if (mode == Mode.CLOSED)
        {
            rates = null;
        }
        else
        {
            require(rates != null && !rates.isEmpty() && rates.stream().allMatch(r -> r > 0), name + ": "
                + (mode == Mode.OPEN ? "an open-loop sweep needs a non-empty list of positive rates (messages/s)"
                : "a churn sweep needs a non-empty list of positive rates (connection arrivals/s)"));
        }
        if (mode != Mode.CHURN)
        {
            inFlight = inFlight == null ? 1 : inFlight;
            rooms = rooms == null ? 1 : rooms;
            require(inFlight >= 1, name + ": inFlight must be at least 1");
            require(rooms >= 1, name + ": rooms must be at least 1");
            connections = List.copyOf(connections);
        }
        if (active != null)
        {
            require(mode == Mode.OPEN && workload == Service.ECHO, name + ": active (connections that carry the rate "
                + "while the others are held idle) is for an open-loop echo sweep");
            final int fewest = connections.stream().mapToInt(Integer::intValue).min().orElse(0);
            require(!active.isEmpty() && active.stream().allMatch(a -> a > 0 && a <= fewest), name + ": active must "
                + "be a non-empty list of counts in 1.." + fewest + " (the sweep's fewest connections)");
            active = List.copyOf(active);
        }
        require(!Boolean.TRUE.equals(lingerZero) || mode == Mode.CHURN, name + ": lingerZero (SO_LINGER 0 on the "
            + "client's close) is for a churn sweep");
        // absent unless set, so that the manifest's suite says it only where it holds
        lingerZero = Boolean.TRUE.equals(lingerZero) ? Boolean.TRUE : null;
        require(chatChurn == null || (mode == Mode.OPEN && workload == Service.CHAT), name + ": chatChurn (visitors "
            + "joining and leaving the rooms) is for an open-loop chat sweep");
        require(chatChurn == null || (chatChurn > 0 && !chatChurn.isInfinite()), name + ": chatChurn must be a "
            + "positive number of joins per second, not " + chatChurn);
        rates = rates == null ? null : List.copyOf(rates);
        sizes = List.copyOf(sizes);
    }

    /** Whether the churn client closes each connection with {@code SO_LINGER 0} ({@code lingerZero}). */
    public boolean closesWithReset()
    {
        return lingerZero != null;
    }

    /** The client's {@code --chat-churn}: joins per second by visitors, 0 for none. */
    public double chatChurnRate()
    {
        return chatChurn == null ? 0 : chatChurn;
    }

    /** Every point of this sweep for one server. */
    public List<PointSpec> points(final String variant)
    {
        final List<PointSpec> out = new ArrayList<>();
        final List<Double> rateList = mode == Mode.CLOSED ? List.of(0.0) : rates;
        // a churn point holds no connections of its own: 0, and the neutral 1 in flight in 1 room
        final boolean churn = mode == Mode.CHURN;
        for (final double rate : rateList)
        {
            for (final int c : churn ? List.of(0) : connections)
            {
                for (final int size : sizes)
                {
                    for (final int a : active == null ? List.of(0) : active)
                    {
                        out.add(new PointSpec(variant, name, workload, framing, mode, rate, c, size,
                            churn ? 1 : inFlight, churn ? 1 : rooms, a));
                    }
                }
            }
        }
        return out;
    }

    /** Other open-loop rates (messages/s); a closed-loop or churn sweep stays as it is. */
    public Sweep withRates(final List<Double> r)
    {
        return new Sweep(name, workload, framing, mode, mode == Mode.OPEN ? r : rates, connections, sizes, inFlight,
            rooms, active, lingerZero, chatChurn);
    }

    /** The most connections a point of this sweep opens at once; 0 for churn, whose connections come and go. */
    public int maxConnections()
    {
        return mode == Mode.CHURN ? 0 : connections.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Other connection counts; a churn sweep, which has none, stays as it is. */
    public Sweep withConnections(final List<Integer> c)
    {
        return new Sweep(name, workload, framing, mode, rates, mode == Mode.CHURN ? null : c, sizes, inFlight, rooms,
            active, lingerZero, chatChurn);
    }

    public Sweep withSizes(final List<Integer> s)
    {
        return new Sweep(name, workload, framing, mode, rates, connections, s, inFlight, rooms, active, lingerZero,
            chatChurn);
    }

    static void require(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
