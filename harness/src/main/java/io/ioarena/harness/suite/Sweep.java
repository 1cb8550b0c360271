package io.ioarena.harness.suite;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ioarena.contract.Mode;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * One family of points that answers one question: an open-loop rate sweep (where does latency turn up?), a
 * closed-loop maximum throughput point, connection-count scaling or message size. Its points are the cross product
 * of its rates (open loop only), connection counts and message sizes.
 *
 * @param name        unique in the suite; {@code --sweeps} selects sweeps by it.
 * @param workload    the service, the client's and the server's {@code --service}: {@code echo} or {@code chat}.
 * @param framing     {@code raw}, {@code line} or {@code length}.
 * @param mode        {@code open} (the client sends at {@code rates}) or {@code closed} (as fast as answers come).
 * @param rates       messages per second, all connections together; open loop only.
 * @param connections connection counts.
 * @param sizes       payload sizes in bytes.
 * @param inFlight    closed loop: messages outstanding per connection.
 * @param rooms       chat: rooms the connections are spread over.
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
    Integer rooms)
{
    public Sweep
    {
        require(name != null && name.matches("[A-Za-z0-9_.-]+"), "sweep name must be letters, digits, _ . -: " + name);
        require(workload != null, name + ": workload must be echo or chat");
        require(framing != null, name + ": framing must be raw, line or length");
        require(workload.supports(framing), name + ": chat needs line or length framing");
        require(mode != null, name + ": mode must be open or closed");
        require(connections != null && !connections.isEmpty() && connections.stream().allMatch(c -> c > 0),
            name + ": connections must be a non-empty list of positive counts");
        require(sizes != null && !sizes.isEmpty() && sizes.stream().allMatch(s -> s > 0),
            name + ": sizes must be a non-empty list of positive byte counts");
        if (mode == Mode.OPEN)
        {
            require(rates != null && !rates.isEmpty() && rates.stream().allMatch(r -> r > 0),
                name + ": an open-loop sweep needs a non-empty list of positive rates");
        }
        else
        {
            rates = null;
        }
        inFlight = inFlight == null ? 1 : inFlight;
        rooms = rooms == null ? 1 : rooms;
        require(inFlight >= 1, name + ": inFlight must be at least 1");
        require(rooms >= 1, name + ": rooms must be at least 1");
        rates = rates == null ? null : List.copyOf(rates);
        connections = List.copyOf(connections);
        sizes = List.copyOf(sizes);
    }

    /** Every point of this sweep for one server. */
    public List<PointSpec> points(final String variant)
    {
        final List<PointSpec> out = new ArrayList<>();
        final List<Double> rateList = mode == Mode.OPEN ? rates : List.of(0.0);
        for (final double rate : rateList)
        {
            for (final int c : connections)
            {
                for (final int size : sizes)
                {
                    out.add(new PointSpec(variant, name, workload, framing, mode, rate, c, size, inFlight, rooms));
                }
            }
        }
        return out;
    }

    public Sweep withRates(final List<Double> r)
    {
        return new Sweep(name, workload, framing, mode, mode == Mode.OPEN ? r : null, connections, sizes, inFlight,
            rooms);
    }

    public Sweep withConnections(final List<Integer> c)
    {
        return new Sweep(name, workload, framing, mode, rates, c, sizes, inFlight, rooms);
    }

    public Sweep withSizes(final List<Integer> s)
    {
        return new Sweep(name, workload, framing, mode, rates, connections, s, inFlight, rooms);
    }

    static void require(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
