package io.ioarena.harness.report;

import java.util.List;
import java.util.Map;

/**
 * One row of results.csv: one repetition of one point, with its folder {@code points/<pointId>/}.
 *
 * @param values every numeric column of the row by name (empty cells are absent).
 */
public record Run(String pointId, String variant, Scenario scenario, int repetition, String status, String reason,
    boolean valid, List<String> flags, Map<String, Double> values)
{
    public boolean ok()
    {
        return "OK".equals(status);
    }

    public double value(final Metric m)
    {
        return values.getOrDefault(m.column(), Double.NaN);
    }
}
