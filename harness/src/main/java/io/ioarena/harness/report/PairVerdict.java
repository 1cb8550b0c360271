package io.ioarena.harness.report;

/**
 * One row of verdicts.csv: whether the repetitions show {@code leader} ahead of {@code other} in a scenario, on the
 * metric it is ranked by (results/README.md, verdicts.csv).
 *
 * @param lead  how far the leader is ahead (0.12 = 12%), from the medians
 * @param p     the exact two-sided Mann–Whitney p-value
 * @param text  the verdict in words, as the harness wrote it
 */
public record PairVerdict(Scenario scenario, String leader, String other, double lead, double p, boolean significant,
    String text)
{
    /** Between these two servers, in either order. */
    public boolean between(final String a, final String b)
    {
        return leader.equals(a) && other.equals(b) || leader.equals(b) && other.equals(a);
    }
}
