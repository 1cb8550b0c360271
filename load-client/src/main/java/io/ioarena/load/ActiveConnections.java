package io.ioarena.load;

/**
 * Which connections carry the open-loop rate ({@code --active-connections}): {@code active} of the {@code connections}
 * global ids, evenly spaced, the {@code k}-th of them being id {@code floor(k * connections / active)}. Evenly spaced
 * rather than the lowest ids because threads and instances each own a contiguous range of ids ({@link Slice}): so
 * every range gets its proportional share of the active connections (less than one away from it), and no client thread
 * carries the whole rate while the others only hold idle sockets. The others are idle: connected, proven live, and silent.
 *
 * @param connections every connection of the run, over all instances
 * @param active      how many of them carry the rate, 1..connections
 */
public record ActiveConnections(int connections, int active)
{
    public ActiveConnections
    {
        if (active < 1 || active > connections)
        {
            throw new IllegalArgumentException("active connections " + active + " not in 1.." + connections);
        }
    }

    /** Whether connection {@code id} carries the rate. */
    public boolean carries(final int id)
    {
        return (long) index(id) * connections / active == id;
    }

    /**
     * The position of connection {@code id} among the active ones (0..active-1), which is its place in the rate's
     * plan ({@link Schedule}); for an idle id, the position of the next active one.
     */
    public int index(final int id)
    {
        // the smallest k with floor(k * connections / active) >= id, that is k >= id * active / connections
        return (int) Math.ceilDiv((long) id * active, connections);
    }

    /** How many of the ids in {@code slice} carry the rate. */
    public int count(final Slice slice)
    {
        return index(slice.end()) - index(slice.first());
    }
}
