package io.ioarena.harness.capacity;

import io.ioarena.harness.suite.CapacitySettings;

/**
 * Settings for tests of the search's rules, which do not depend on the suite's defaults: a 1 ms p99 and a 10 ms
 * p99.9 SLO from 5,000 msg/s, the figures the simulated servers of these tests were written against, and no
 * rechecks (their simulated servers report no CPU, so every over would be measured twice).
 */
public final class SearchSettings
{
    public static final CapacitySettings ONE_MS = with(null, null, null);
    /** {@link #ONE_MS} with one recheck, for the servers of these tests that report their CPU. */
    public static final CapacitySettings ONE_MS_RECHECKED = settings(null, null, null, 1);

    private SearchSettings()
    {
    }

    /** {@link #ONE_MS} with a largest rate, a probe budget or a per-member rate (null: the default). */
    public static CapacitySettings with(final Double maxRate, final Integer maxProbes, final Double perMember)
    {
        return settings(maxRate, maxProbes, perMember, 0);
    }

    private static CapacitySettings settings(final Double maxRate, final Integer maxProbes, final Double perMember,
        final int rechecks)
    {
        return new CapacitySettings("1ms", "10ms", null, 5_000.0, null, maxRate, null, maxProbes, null, null,
            perMember, null, null, rechecks);
    }
}
