package io.ioarena.harness.capacity;

import io.ioarena.harness.suite.CapacitySettings;
import io.ioarena.harness.suite.PointSpec;

/**
 * What a capacity search varies: the open-loop rate of the sweep's load, or (chat, {@code perMember} set) the members
 * of one room, each sending {@code perMember} msg/s, so that the load on the server grows as members squared.
 */
public enum Axis
{
    RATE("msg/s", "offered rate (msg/s)"),
    MEMBERS("members", "members of the room");

    private final String unit;
    private final String label;

    Axis(final String unit, final String label)
    {
        this.unit = unit;
        this.label = label;
    }

    public static Axis of(final CapacitySettings s)
    {
        return s.perMember() == null ? RATE : MEMBERS;
    }

    public String unit()
    {
        return unit;
    }

    /** For a chart's axis. */
    public String label()
    {
        return label;
    }

    double start(final CapacitySettings s)
    {
        return this == RATE ? s.startRate() : s.startMembers();
    }

    double min(final CapacitySettings s)
    {
        return this == RATE ? s.minRate() : 1;
    }

    double max(final CapacitySettings s)
    {
        return this == RATE ? s.maxRate() : s.maxMembers();
    }

    /** The load of the probe at {@code x} on this axis, from the sweep's. */
    public PointSpec probe(final PointSpec load, final double x, final CapacitySettings s)
    {
        return this == RATE ? load.withRate(x) : load.withConnections((int) x).withRate(x * s.perMember());
    }

    /** The probe's first load: the start of the search on this axis. */
    public PointSpec first(final PointSpec load, final CapacitySettings s)
    {
        return probe(load, start(s), s);
    }

    /** {@code 20000 msg/s}, {@code 96 members}. */
    public String format(final double x)
    {
        return PointSpec.formatRate(x) + " " + unit;
    }
}
