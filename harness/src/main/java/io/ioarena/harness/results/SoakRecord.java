package io.ioarena.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.Versioned;
import io.ioarena.harness.suite.SoakSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A soak point's record ({@code points/<id>/soak.json}, the suite setting {@code soak}): its server's resources and
 * p99 as time series over the measured window, and the verdict on them. Pure: {@link #judge} applies the rules to
 * series read elsewhere ({@code run/SoakWatch}).
 *
 * <p>The rules: over the judged part of the window (after {@link SoakSettings#settle()}), the least-squares slope of
 * each resource per minute is within its limit (a JVM's resident set is judged outside its Java heap, whose pages
 * are first touched for minutes under a heap that is not touched up front; the heap has its own rule) (a leak grows steadily; the noise of a flat series averages out in
 * a slope, where first-against-last would take it whole); the last third's p99 is within
 * {@link SoakSettings#p99Drift()} times the first third's; and the client counted no error and every connection was
 * established. A resource with too few readings for a slope fails: a soak that could not watch has not passed.
 *
 * @param settings    the limits judged against.
 * @param minutes     the measured window's length.
 * @param rssMb       the server's resident set (MiB) at each sample, minutes from the start of the window.
 * @param rssOutsideHeapMb a JVM's resident set less the resident pages of its Java heap's address range (MiB), read
 *                    from smaps every {@link SoakSettings#fdInterval()}; empty where it was not split (not a JVM,
 *                    or a collector that prints no heap range), and then {@code rssMb} is judged.
 * @param threads     its threads.
 * @param fds         its open files.
 * @param heapMb      a JVM's live heap after a forced full collection (MiB); empty for other servers.
 * @param p99Ms       p99 (delivery p99 for chat) of each {@link SoakSettings#p99Window()}, at the window's start.
 * @param checks      each rule's value, limit and outcome.
 * @param passed      every check passed.
 */
public record SoakRecord(SoakSettings settings, double minutes, List<Reading> rssMb, List<Reading> rssOutsideHeapMb,
    List<Reading> threads, List<Reading> fds, List<Reading> heapMb, List<Reading> p99Ms, List<Check> checks,
    boolean passed) implements Versioned
{
    public static final String FILE = "soak.json";

    public static final String RSS = "rss";
    public static final String RSS_OUTSIDE_HEAP = "rss_outside_heap";
    public static final String HEAP = "heap";
    public static final String FDS = "fds";
    public static final String THREADS = "threads";
    public static final String P99_DRIFT = "p99_drift";
    public static final String ERRORS = "errors";

    /** One value of a series, {@code minute} minutes from the start of the measured window. */
    public record Reading(double minute, double value)
    {
    }

    /**
     * One rule's outcome.
     *
     * @param name   {@link #RSS} or {@link #RSS_OUTSIDE_HEAP}, {@link #HEAP}, {@link #FDS}, {@link #THREADS}
     *               (slopes per minute),
     *               {@link #P99_DRIFT} (a ratio) or {@link #ERRORS} (a count).
     * @param value  what was found; null when it could not be (too few readings, a third without latencies),
     *               which fails.
     * @param limit  the largest value that passes.
     * @param passed {@code value <= limit}: a resource that falls (memory given back) passes.
     * @param detail the finding in words, for the report.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Check(String name, Double value, double limit, boolean passed, String detail)
    {
    }

    /** The two p99s the drift rule compares, in ms (NaN where a third had no latencies). */
    public record Drift(double firstThirdMs, double lastThirdMs)
    {
    }

    public SoakRecord
    {
        // absent from the soak.json of builds before the resident set was split at the heap
        rssOutsideHeapMb = rssOutsideHeapMb == null ? List.of() : rssOutsideHeapMb;
    }

    public static Optional<SoakRecord> read(final Path pointDir) throws IOException
    {
        final Path f = pointDir.resolve(FILE);
        return Files.isRegularFile(f) ? Optional.of(ContractJson.read(f, SoakRecord.class)) : Optional.empty();
    }

    /**
     * Judges the series of one soak point. {@code rssOutsideHeapMb}: null where the resident set was not split at a
     * Java heap, and then the whole resident set is judged ({@link #RSS}); else that series is
     * ({@link #RSS_OUTSIDE_HEAP}, an empty one then fails). {@code jvm}: the server is a JVM, so its heap is judged
     * (an empty heap series then fails). {@code errors}: what the client counted, failed connections included;
     * {@code errorDetail} names them.
     */
    public static SoakRecord judge(final SoakSettings s, final double minutes, final List<Reading> rssMb,
        final List<Reading> rssOutsideHeapMb, final List<Reading> threads, final List<Reading> fds,
        final List<Reading> heapMb, final boolean jvm, final List<Reading> p99Ms, final Drift drift, final long errors,
        final String errorDetail)
    {
        final double from = minutes * s.settle();
        final List<Check> checks = new ArrayList<>();
        final Check whole = wholeRss(s, minutes, rssMb);
        if (rssOutsideHeapMb == null)
        {
            checks.add(whole);
        }
        else
        {
            final Check outside = slope(RSS_OUTSIDE_HEAP, "resident set outside the Java heap", "MiB",
                rssOutsideHeapMb, from, minutes, s.rssMbPerMin());
            checks.add(new Check(outside.name(), outside.value(), outside.limit(), outside.passed(), outside.detail() +
                "; the whole resident set, heap pages included, " + (whole.value() == null ? "had too few readings"
                : String.format(Locale.ROOT, "%+.3f MiB/min", whole.value())) + " (not judged)"));
        }
        if (jvm)
        {
            checks.add(slope(HEAP, "heap after GC", "MiB", heapMb, from, minutes, s.heapMbPerMin()));
        }
        checks.add(slope(FDS, "open files", "", fds, from, minutes, s.fdsPerMin()));
        checks.add(slope(THREADS, "threads", "", threads, from, minutes, s.threadsPerMin()));
        final double ratio = drift.lastThirdMs() / drift.firstThirdMs();
        checks.add(new Check(P99_DRIFT, Double.isFinite(ratio) ? ratio : null, s.p99Drift(),
            Double.isFinite(ratio) && ratio <= s.p99Drift(), String.format(Locale.ROOT,
            "p99 %.3f ms in the last third against %.3f ms in the first (x%.2f; limit x%.2f)",
            drift.lastThirdMs(), drift.firstThirdMs(), ratio, s.p99Drift())));
        checks.add(new Check(ERRORS, (double) errors, 0, errors == 0, errors == 0 ? "no errors" : errorDetail));
        return new SoakRecord(s, minutes, List.copyOf(rssMb),
            rssOutsideHeapMb == null ? List.of() : List.copyOf(rssOutsideHeapMb), List.copyOf(threads),
            List.copyOf(fds), List.copyOf(heapMb), List.copyOf(p99Ms), List.copyOf(checks),
            checks.stream().allMatch(Check::passed));
    }

    /** The slope of the whole resident set over the judged part: the {@link #RSS} check. */
    private static Check wholeRss(final SoakSettings s, final double minutes, final List<Reading> rssMb)
    {
        return slope(RSS, "resident set", "MiB", rssMb, minutes * s.settle(), minutes, s.rssMbPerMin());
    }

    /**
     * The whole resident set's slope per minute over the judged part, MiB, whether it was judged or not (a JVM's is
     * recorded beside the judged {@link #RSS_OUTSIDE_HEAP}); NaN with too few readings.
     */
    public double rssSlope()
    {
        final Double v = wholeRss(settings, minutes, rssMb).value();
        return v == null ? Double.NaN : v;
    }

    /** The slope per minute of the readings from minute {@code from} to {@code to}, against {@code limit}. */
    static Check slope(final String name, final String what, final String unit, final List<Reading> series,
        final double from, final double to, final double limit)
    {
        final List<Reading> judged = series.stream().filter(r -> r.minute() >= from && r.minute() <= to).toList();
        final double[] x = judged.stream().mapToDouble(Reading::minute).toArray();
        final double[] y = judged.stream().mapToDouble(Reading::value).toArray();
        if (judged.stream().map(Reading::minute).distinct().count() < 2)
        {
            return new Check(name, null, limit, false, what + ": " + judged.size() +
                " reading(s) after the settling time, too few for a slope");
        }
        final LinearFit fit = LinearFit.of(x, y);
        final String u = unit.isEmpty() ? "" : " " + unit;
        return new Check(name, fit.slope(), limit, fit.slope() <= limit, String.format(Locale.ROOT,
            "%s: %+.3f%s/min over %d readings (limit %.3f%s/min)", what, fit.slope(), u, fit.points(), limit, u));
    }

    /** A check's value, NaN when the record has no such check or it found none. */
    public double value(final String check)
    {
        return checks.stream().filter(c -> c.name().equals(check) && c.value() != null).mapToDouble(Check::value)
            .findFirst().orElse(Double.NaN);
    }

    /** The names of the checks that failed, as {@code rss; p99_drift}; empty when it passed. */
    public String failed()
    {
        return String.join("; ", checks.stream().filter(c -> !c.passed()).map(Check::name).toList());
    }
}
