package io.ioarena.harness.run;

import io.ioarena.harness.suite.PointSpec;

/**
 * One run of the plan: a point spec and its repetition number. The id names its folder and does not depend on the
 * order, so {@code --resume} finds finished points whatever the shuffle.
 *
 * @param seq 1-based position in the run order.
 */
public record PlannedPoint(int seq, PointSpec spec, int repetition)
{
    public String id()
    {
        return spec.key() + "_rep" + repetition;
    }
}
