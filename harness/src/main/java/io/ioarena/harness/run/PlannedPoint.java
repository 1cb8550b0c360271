package io.ioarena.harness.run;

import io.ioarena.harness.suite.PointSpec;

/**
 * One run of the plan: a point spec and its repetition number. The id names its folder and does not depend on the
 * order, so {@code --resume} finds finished points whatever the shuffle.
 *
 * @param seq   1-based position in the run order.
 * @param probe a capacity search's probe number (1-based) within its repetition, 0 for a planned point: a search
 *              may probe one rate more than once.
 */
public record PlannedPoint(int seq, PointSpec spec, int repetition, int probe)
{
    public PlannedPoint(final int seq, final PointSpec spec, final int repetition)
    {
        this(seq, spec, repetition, 0);
    }

    /** Ends in {@code _rep<n>} whatever the point: tools read the repetition from there. */
    public String id()
    {
        return spec.key() + (probe > 0 ? "_probe" + probe : "") + "_rep" + repetition;
    }
}
