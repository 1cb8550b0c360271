package io.ioarena.harness.report;

import io.ioarena.harness.capacity.Axis;
import io.ioarena.harness.capacity.CapacityRecord;
import io.ioarena.harness.capacity.CapacityResult;
import io.ioarena.harness.results.MedianCi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capacity table of a sweep: per server, its searches over the repetitions. A server whose every search found a
 * capacity gets the median with its interval and its ratio to the best such server; any other shows each search as
 * it ended ("≥ 40.0k" where the client's limit or the budget came first), and is not compared.
 */
record CapacityTable(String sweep, Axis axis, List<Row> rows)
{
    /**
     * @param searches the server's searches, by repetition.
     * @param ci       the median capacity and its interval over the searches, when every one found a capacity.
     * @param ratio    the median over the best such server's; NaN when not compared.
     */
    record Row(String variant, List<CapacityResult> searches, MedianCi ci, double ratio)
    {
        boolean found()
        {
            return ci != null;
        }

        /** The capacity cell: the median, or each search as it ended. */
        String capacity()
        {
            return found() ? Fmt.count(ci.median()) : String.join(", ", searches.stream().map(Row::brief).toList());
        }

        private static String brief(final CapacityResult r)
        {
            return switch (r.outcome())
            {
                case FOUND -> Fmt.count(r.rate());
                case AT_LEAST, BUDGET -> r.rate() == null ? "?" : "≥ " + Fmt.count(r.rate());
                case BELOW -> "< " + Fmt.count(r.above());
                case FAILED -> "server failed";
            };
        }
    }

    /** One table per sweep, servers in {@code variants}' order. */
    static List<CapacityTable> of(final List<CapacityRecord> records, final List<String> variants)
    {
        final Map<String, Map<String, List<CapacityResult>>> bySweep = new LinkedHashMap<>();
        for (final CapacityRecord r : records)
        {
            bySweep.computeIfAbsent(r.sweep(), k -> new LinkedHashMap<>())
                .computeIfAbsent(r.variant(), k -> new ArrayList<>()).add(r.result());
        }
        final List<CapacityTable> tables = new ArrayList<>();
        bySweep.forEach((sweep, byVariant) ->
        {
            final Map<String, MedianCi> found = new LinkedHashMap<>();
            byVariant.forEach((v, searches) ->
            {
                if (searches.stream().allMatch(s -> s.outcome() == CapacityResult.Outcome.FOUND))
                {
                    found.put(v, MedianCi.of(searches.stream().mapToDouble(CapacityResult::rate).toArray()));
                }
            });
            final double best = found.values().stream().mapToDouble(MedianCi::median).max().orElse(Double.NaN);
            final List<Row> rows = new ArrayList<>();
            byVariant.keySet().stream().sorted((a, b) -> order(variants, a) - order(variants, b)).forEach(v ->
            {
                final MedianCi ci = found.get(v);
                rows.add(new Row(v, byVariant.get(v), ci, ci == null ? Double.NaN : ci.median() / best));
            });
            tables.add(new CapacityTable(sweep, rows.getFirst().searches().getFirst().axis(), List.copyOf(rows)));
        });
        return tables;
    }

    private static int order(final List<String> variants, final String v)
    {
        final int i = variants.indexOf(v);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
