package io.ioarena.harness.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.ioarena.harness.suite.PointSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The two tidy tables of a suite: {@code results.csv}, one row per point and repetition, and {@code summary.csv},
 * one row per point with the median and its confidence interval over the OK repetitions. Both are made from the
 * point files alone, so they can be remade (and a report made) from a results folder at any time. Column meanings:
 * results/README.md.
 */
public final class Tables
{
    /** A finished point and the client's summary.json (missing for a FAILED point). */
    public record Row(PointResult point, JsonNode summary)
    {
        double latencyUs(final String histogram, final String field)
        {
            final JsonNode v = summary.path("histograms").path(histogram).path(field);
            return v.isNumber() ? v.asDouble() / 1000.0 : Double.NaN;
        }

        double number(final String... path)
        {
            JsonNode n = summary;
            for (final String p : path)
            {
                n = n.path(p);
            }
            return n.isNumber() ? n.asDouble() : Double.NaN;
        }

        double errors()
        {
            double total = 0;
            for (final JsonNode e : summary.path("errors"))
            {
                total += e.asDouble(0);
            }
            return summary.path("errors").isMissingNode() ? Double.NaN : total;
        }

        String flags()
        {
            final List<String> flags = new ArrayList<>();
            summary.path("flags").forEach(f -> flags.add(f.asText()));
            return String.join(" ", flags);
        }

        /** Messages counted by rate_achieved over the measured seconds. */
        double messages()
        {
            return number("achievedRate") * number("measuredSeconds");
        }

        /**
         * Closed loop: achieved rate over what Little's law predicts from the outstanding messages and the mean
         * latency (connections × in-flight / mean). About 1 when every connection always has its messages out;
         * well below 1 means connections sat idle between answers, so the rate measures the client, not the server.
         */
        double littlesLawRatio()
        {
            final double meanSeconds = latencyUs("latency", "mean") / 1e6;
            final PointSpec s = point.spec();
            return meanSeconds > 0 ? number("achievedRate") / (s.connections() * (double) s.inFlight() / meanSeconds)
                : Double.NaN;
        }

        double cpuCores()
        {
            final Resources r = point.resources();
            return r == null || r.windowSeconds() <= 0 ? Double.NaN : r.cpuSeconds() / r.windowSeconds();
        }

        double cpuUsPerMessage()
        {
            final Resources r = point.resources();
            final double m = messages();
            return r == null || !(m > 0) ? Double.NaN : r.cpuSeconds() * 1e6 / m;
        }

        double rssMb()
        {
            final Resources r = point.resources();
            return r == null ? Double.NaN : r.rssMaxBytes() / (1024.0 * 1024.0);
        }

        /** Milliseconds per second the server's event-loop threads waited on a run queue in the measured window. */
        double runQueueMsPerSecond()
        {
            final Resources r = point.resources();
            return r == null || r.eventLoopRunQueueMsPerSecond() == null ? Double.NaN
                : r.eventLoopRunQueueMsPerSecond();
        }

        /** Share of its time the client's I/O threads were on a CPU in the measured window (0..1). */
        double clientBusy()
        {
            return number("generator", "threadBusy");
        }

        /** The client's longest own stall in the measured window, in µs. */
        double clientHiccupMaxUs()
        {
            return number("generator", "hiccupMaxNanos") / 1000.0;
        }
    }

    public static final List<String> RESULTS_COLUMNS = List.of("point_id", "seq", "repetition", "status", "reason",
        "implementation", "variant", "sweep", "workload", "framing", "mode", "connections", "in_flight", "rooms",
        "message_size", "rate_requested", "rate_achieved", "sent", "received", "measured_s", "p50_us", "p90_us",
        "p99_us", "p999_us", "p9999_us", "max_us", "mean_us", "delivery_p50_us", "delivery_p99_us",
        "delivery_p999_us", "delivery_max_us", "sendlag_p99_us", "errors", "lost", "corrupted", "reordered",
        "duplicated", "unexpected", "disconnects", "connections_failed", "flags", "valid", "littles_law_ratio",
        "server_cpu_user_s",
        "server_cpu_sys_s", "server_cpu_cores", "cpu_us_per_msg", "rss_max_mb", "threads_max",
        "ctx_switches_voluntary", "ctx_switches_involuntary", "gc_pauses", "gc_pause_total_ms", "gc_pause_max_ms",
        "event_loops", "server_cpus", "client_cpus", "started_at", "notes", "client_busy", "client_cpu_available",
        "client_hiccup_max_us", "client_gc_pauses", "server_runqueue_ms_per_s", "server_runqueue_threads",
        "server_runqueue_all_ms_per_s");

    /** Metrics summarised per point, with how to get each from a row. */
    private static final Map<String, ToDoubleFunction<Row>> SUMMARY_METRICS = new LinkedHashMap<>();

    static
    {
        SUMMARY_METRICS.put("rate_achieved", r -> r.number("achievedRate"));
        SUMMARY_METRICS.put("p50_us", r -> r.latencyUs("latency", "p50"));
        SUMMARY_METRICS.put("p99_us", r -> r.latencyUs("latency", "p99"));
        SUMMARY_METRICS.put("p999_us", r -> r.latencyUs("latency", "p999"));
        SUMMARY_METRICS.put("p9999_us", r -> r.latencyUs("latency", "p9999"));
        SUMMARY_METRICS.put("max_us", r -> r.latencyUs("latency", "max"));
        SUMMARY_METRICS.put("delivery_p99_us", r -> r.latencyUs("delivery", "p99"));
        SUMMARY_METRICS.put("cpu_us_per_msg", Row::cpuUsPerMessage);
        SUMMARY_METRICS.put("server_cpu_cores", Row::cpuCores);
        SUMMARY_METRICS.put("rss_max_mb", Row::rssMb);
        SUMMARY_METRICS.put("server_runqueue_ms_per_s", Row::runQueueMsPerSecond);
    }

    /**
     * The client's own health per point: the worst repetition, not the median, since one repetition with the client
     * at its limits is enough to doubt the point.
     */
    private static final Map<String, ToDoubleFunction<Row>> SUMMARY_MAXIMA = new LinkedHashMap<>();

    static
    {
        SUMMARY_MAXIMA.put("client_busy", Row::clientBusy);
        SUMMARY_MAXIMA.put("client_hiccup_max_us", Row::clientHiccupMaxUs);
    }

    public static final List<String> SUMMARY_COLUMNS = summaryColumns();

    private Tables()
    {
    }

    private static List<String> summaryColumns()
    {
        final List<String> c = new ArrayList<>(List.of("variant", "implementation", "sweep", "workload", "framing",
            "mode", "connections", "in_flight", "rooms", "message_size", "rate_requested", "repetitions", "ok", "failed",
            "valid", "ci_level"));
        for (final String m : SUMMARY_METRICS.keySet())
        {
            c.add(m + "_median");
            c.add(m + "_ci_low");
            c.add(m + "_ci_high");
        }
        c.add("errors_total");
        c.add("flags");
        c.add("failure_reasons");
        SUMMARY_MAXIMA.keySet().forEach(m -> c.add(m + "_max"));
        return List.copyOf(c);
    }

    public static String resultsCsv(final List<Row> rows)
    {
        final StringBuilder out = new StringBuilder(Csv.row(RESULTS_COLUMNS));
        for (final Row r : rows)
        {
            final PointResult p = r.point();
            final PointSpec s = p.spec();
            final Resources res = p.resources();
            final List<Object> f = new ArrayList<>();
            f.add(p.id());
            f.add(p.seq());
            f.add(p.repetition());
            f.add(p.status());
            f.add(oneLine(p.reason()));
            f.add(p.implementation());
            addSpec(f, s);
            f.add(s.open() ? s.rate() : null);
            f.add(r.number("achievedRate"));
            f.add(r.number("sent"));
            f.add(r.number("received"));
            f.add(r.number("measuredSeconds"));
            for (final String q : List.of("p50", "p90", "p99", "p999", "p9999", "max", "mean"))
            {
                f.add(r.latencyUs("latency", q));
            }
            for (final String q : List.of("p50", "p99", "p999", "max"))
            {
                f.add(r.latencyUs("delivery", q));
            }
            f.add(r.latencyUs("sendlag", "p99"));
            f.add(r.errors());
            for (final String e : List.of("lost", "corrupted", "reordered", "duplicated", "unexpected", "disconnects"))
            {
                f.add(r.number("errors", e));
            }
            f.add(r.number("connections", "failed"));
            f.add(r.flags());
            f.add(r.summary().path("valid").isBoolean() ? r.summary().path("valid").asBoolean() : null);
            f.add(s.open() ? null : r.littlesLawRatio());
            f.add(res == null ? null : res.cpuUserSeconds());
            f.add(res == null ? null : res.cpuSysSeconds());
            f.add(r.cpuCores());
            f.add(r.cpuUsPerMessage());
            f.add(r.rssMb());
            f.add(res == null ? null : res.threadsMax());
            f.add(res == null ? null : res.contextSwitchesVoluntary());
            f.add(res == null ? null : res.contextSwitchesInvoluntary());
            f.add(res == null ? null : res.gcPauses());
            f.add(res == null ? null : res.gcPauseTotalMs());
            f.add(res == null ? null : res.gcPauseMaxMs());
            f.add(p.eventLoops());
            f.add(cpus(p.serverCpus()));
            f.add(cpus(p.clientCpus()));
            f.add(p.startedAt());
            f.add(p.notes() == null ? null : String.join("; ", p.notes()));
            f.add(r.clientBusy());
            f.add(r.number("generator", "cpuAvailable"));
            f.add(r.clientHiccupMaxUs());
            f.add(r.number("generator", "gcPauses"));
            f.add(r.runQueueMsPerSecond());
            f.add(res == null ? null : res.eventLoopThreads());
            f.add(res == null ? null : res.runQueueMsPerSecond());
            out.append(Csv.row(f));
        }
        return out.toString();
    }

    public static String summaryCsv(final List<Row> rows)
    {
        final Map<PointSpec, List<Row>> bySpec = new LinkedHashMap<>();
        rows.forEach(r -> bySpec.computeIfAbsent(r.point().spec(), k -> new ArrayList<>()).add(r));
        final StringBuilder out = new StringBuilder(Csv.row(SUMMARY_COLUMNS));
        for (final Map.Entry<PointSpec, List<Row>> e : bySpec.entrySet())
        {
            final PointSpec s = e.getKey();
            final List<Row> ok = e.getValue().stream().filter(r -> r.point().ok()).toList();
            final List<Object> f = new ArrayList<>();
            addSpec(f, s);
            f.add(1, e.getValue().get(0).point().implementation()); // summary.csv names it right after the variant
            f.add(s.open() ? s.rate() : null);
            f.add(e.getValue().size());
            f.add(ok.size());
            f.add(e.getValue().size() - ok.size());
            f.add(!ok.isEmpty() && ok.stream().allMatch(r -> r.summary().path("valid").asBoolean(false)));
            f.add(MedianCi.of(new double[ok.size()]).level());
            for (final ToDoubleFunction<Row> metric : SUMMARY_METRICS.values())
            {
                final double[] v = ok.stream().mapToDouble(metric).filter(d -> !Double.isNaN(d)).toArray();
                final MedianCi ci = MedianCi.of(v);
                f.add(ci.median());
                f.add(ci.low());
                f.add(ci.high());
            }
            f.add(ok.stream().mapToDouble(Row::errors).filter(d -> !Double.isNaN(d)).sum());
            final TreeSet<String> flags = new TreeSet<>();
            ok.forEach(r -> r.summary().path("flags").forEach(x -> flags.add(x.asText())));
            f.add(String.join(" ", flags));
            final TreeSet<String> reasons = new TreeSet<>();
            e.getValue().stream().filter(r -> !r.point().ok()).forEach(r -> reasons.add(oneLine(r.point().reason())));
            f.add(String.join("; ", reasons));
            for (final ToDoubleFunction<Row> metric : SUMMARY_MAXIMA.values())
            {
                f.add(ok.stream().mapToDouble(metric).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN));
            }
            out.append(Csv.row(f));
        }
        return out.toString();
    }

    private static void addSpec(final List<Object> f, final PointSpec s)
    {
        f.add(s.variant());
        f.add(s.sweep());
        f.add(s.workload());
        f.add(s.framing());
        f.add(s.mode());
        f.add(s.connections());
        f.add(s.open() ? null : s.inFlight());
        f.add("chat".equals(s.workload()) ? s.rooms() : null);
        f.add(s.size());
    }

    /** Reasons may quote a process's output over several lines; a CSV cell gets them joined with " | ". */
    static String oneLine(final String text)
    {
        return text == null ? null : String.join(" | ", text.lines().filter(l -> !l.isBlank()).toList());
    }

    private static String cpus(final List<Integer> cpus)
    {
        return cpus == null ? null : String.join(" ", cpus.stream().map(String::valueOf).toList());
    }

    /** A summary for a FAILED point, which has none. */
    public static JsonNode noSummary()
    {
        return MissingNode.getInstance();
    }
}
