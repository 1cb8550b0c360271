package io.ioarena.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.JmhResult;
import io.ioarena.harness.capacity.CapacityRecord;
import io.ioarena.harness.env.Machine;
import io.ioarena.harness.results.LinearFit;
import io.ioarena.harness.results.Manifest;
import io.ioarena.harness.results.RunStatus;
import io.ioarena.harness.results.SoakRecord;
import io.ioarena.harness.results.SyscallCensus;
import io.ioarena.harness.run.PointProfiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.DoubleFunction;

/**
 * report.html of a results folder: one self-contained page (uPlot, the report's script and style and every
 * chart's data inline; links to the raw files relative to the folder, where the page is written).
 */
public final class ReportPage
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Metric> LATENCIES = List.of(Metric.P50, Metric.P99, Metric.P999);
    private static final String CLIENT_TITLE = Html.esc("The load client itself, worst repetition: how busy its I/O " +
        "threads were (in open loop this includes the poll before each send, so near 100% is normal there) and its " +
        "longest own stall (hiccup). CLIENT_STALL / CLIENT_SATURATED flag a client that stalled or set the pace enough to " +
        "change the ranked metric.");

    private static final String RUN_QUEUE_TITLE = Html.esc("How long the server's event-loop threads (all its " +
        "threads for a server that names none), summed, were ready to run but waiting for a CPU, per second of the " +
        "measured window (Linux schedstat). Large values mean the server was descheduled, not slow: 1000 ms/s is one " +
        "thread that waited all the time, or two that each waited half of it.");
    private static final String SWITCHES_TITLE = Html.esc("Context switches (voluntary + involuntary) of all the " +
        "server's threads per message, and for chat per delivery (each copy a member received): a thread that " +
        "blocks or is preempted costs one.");
    private static final String RW_SYSCALLS_TITLE = Html.esc("Read- and write-family system calls of the server " +
        "per message, and for chat per delivery (syscr + syscw of /proc/<pid>/io): read, readv, write, writev, not " +
        "recv/send/recvmsg/sendmsg, epoll or io_uring, so a server using those shows fewer than it makes " +
        "(results/README.md, System calls).");
    private static final String SYSCALLS_TITLE = Html.esc("Every system call of the server per message, and for " +
        "chat per delivery, from its system-call census (suite setting syscallCensus, --syscall-census): perf over " +
        "the measured window where the tracepoint is mounted, else strace over a census run of the same load after " +
        "it; the note under the table says which (results/README.md, System calls).");

    private static final String ALLOC_NORM = "gc.alloc.rate.norm";
    private static final String ALLOC_TITLE = Html.esc("gc.alloc.rate.norm of JMH's GC profiler: bytes allocated " +
        "per operation, and the benchmarks count a frame or a delivery as their operation, so for the framing group " +
        "this is bytes per frame. About 0.001 B/op means nothing is allocated.");

    /** Below this R² a fitted slope is not reported as a cost per connection. */
    private static final double LINE_R2 = 0.95;

    private final ResultsDir results;
    private final Charts charts;
    private final List<String> variants;
    private final StringBuilder out = new StringBuilder(1 << 16);

    private ReportPage(final ResultsDir results)
    {
        this.results = results;
        this.charts = new Charts(results);
        this.variants = results.variants();
    }

    public static String render(final ResultsDir results) throws IOException
    {
        return new ReportPage(results).page();
    }

    private String page() throws IOException
    {
        final Manifest m = results.manifest();
        final String title = "ioarena report: " + results.label();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<title>").append(Html.esc(title)).append("</title>\n")
            .append("<script>\n").append(Assets.errorTrap()).append("</script>\n")
            .append("<style>\n").append(Assets.uplotStyle()).append('\n').append(Assets.reportStyle())
            .append("</style>\n</head>\n<body>\n");
        header(title, m);
        out.append("<div id=\"report-errors\" class=\"banner bad\" hidden><strong>This page had script errors; some ")
            .append("charts may be missing:</strong><ul></ul></div>\n");
        final List<Scenario> scenarios = results.scenarios();
        final List<String> sweeps = scenarios.stream().map(Scenario::sweep).distinct().toList();
        final List<CapacityRecord> capacity = CapacityRecord.readAll(results.dir());
        final Map<Scenario, Map<Run, SoakRecord>> soaks = soaks(scenarios);
        nav(sweeps, !capacity.isEmpty(), !soaks.isEmpty());
        // a capacity sweep's scenarios are its probes, at rates each search chose for its own server: at a glance they
        // would rank the few servers that happened to probe a rate; the capacity section ranks that sweep
        final List<String> searched = capacity.stream().map(CapacityRecord::sweep).distinct().toList();
        glance(scenarios.stream().filter(s -> !searched.contains(s.sweep())).toList());
        capacity(capacity);
        soak(soaks);
        for (final String sweep : sweeps)
        {
            sweep(sweep, scenarios.stream().filter(s -> s.sweep().equals(sweep)).toList());
        }
        jmh();
        environment(m);
        files();
        reading();
        final Map<String, Object> data = new LinkedHashMap<>();
        data.put("charts", charts.all());
        out.append("<script>\n").append(Assets.uplotScript()).append("\n</script>\n")
            .append("<script type=\"application/json\" id=\"report-data\">")
            .append(Html.scriptJson(JSON.writeValueAsString(data))).append("</script>\n")
            .append("<script>\n").append(Assets.reportScript()).append("</script>\n")
            .append("</body>\n</html>\n");
        return out.toString();
    }

    private void header(final String title, final Manifest m)
    {
        out.append("<header>\n<h1>").append(Html.esc(title)).append("</h1>\n<p class=\"sub\">");
        final List<String> facts = new ArrayList<>();
        Optional.ofNullable(m.startedAt()).ifPresent(t -> facts.add("started " + t));
        Optional.ofNullable(m.endedAt()).ifPresent(t -> facts.add("ended " + t));
        Optional.ofNullable(m.status()).ifPresent(t -> facts.add("status " + t));
        facts.add(variants.size() + " servers × " + results.scenarios().size() + " scenarios");
        if (m.suite() != null)
        {
            facts.add(m.suite().repetitions() + " repetitions each");
            facts.add(m.suite().duration() + " measured per point");
        }
        Optional.ofNullable(m.environment()).map(e -> e.get(Machine.CPU_MODEL)).map(Object::toString)
            .ifPresent(facts::add);
        out.append(Html.esc(String.join(" · ", facts))).append("</p>\n");
        if (!Manifest.TOOL.equals(m.tool()))
        {
            banner("warn", "Not written by the ioarena harness" + (m.tool() == null ? "" : " (tool: " + m.tool() + ")") +
                (m.note() != null ? ": " + m.note() : "") + ".");
        }
        final RunStatus status = m.status() != null ? m.status() : RunStatus.COMPLETED;
        if (status != RunStatus.COMPLETED)
        {
            banner("warn", "The suite is " + status + ": this report shows the points finished so far.");
        }
        if ("OFF".equals(m.conformanceGate()))
        {
            banner("warn", "The conformance gate was OFF: servers were measured without first being checked " +
                "against PROTOCOL.md.");
        }
        Optional.ofNullable(m.preflight()).orElse(List.of()).stream().filter(f -> f.startsWith("WARN"))
            .forEach(f -> banner("warn", "Preflight: " + f));
        Optional.ofNullable(m.skippedServers()).orElse(Map.of()).forEach((server, why) ->
            banner("info", "Server " + server + " was not run: " + why));
        out.append("</header>\n");
    }

    private void banner(final String kind, final String text)
    {
        out.append("<div class=\"banner ").append(kind).append("\">").append(Html.esc(text)).append("</div>\n");
    }

    private void nav(final List<String> sweeps, final boolean capacity, final boolean soak)
    {
        out.append("<nav><a href=\"#glance\">At a glance</a>");
        if (capacity)
        {
            out.append(" · <a href=\"#capacity\">Capacity</a>");
        }
        if (soak)
        {
            out.append(" · <a href=\"#soak\">Soak</a>");
        }
        sweeps.forEach(s -> out.append(" · <a href=\"#sweep-").append(Html.esc(anchor(s))).append("\">")
            .append(Html.esc(s)).append("</a>"));
        out.append(" · <a href=\"#environment\">Environment</a> · <a href=\"#files\">Raw files</a>")
            .append(" · <a href=\"#reading\">How to read this</a></nav>\n");
    }

    private void glance(final List<Scenario> scenarios)
    {
        out.append("<section id=\"glance\">\n<h2>At a glance</h2>\n<table class=\"glance\">\n<thead><tr>")
            .append("<th>scenario</th><th>decided by</th><th>best</th><th>verdict</th></tr></thead>\n<tbody>\n");
        for (final Scenario s : scenarios)
        {
            final Ranking r = Ranking.of(s, results.points(s), variants, results.verdicts(s));
            out.append("<tr><td><a href=\"#").append(Html.esc(s.id())).append("\">").append(Html.esc(s.sweep()))
                .append("</a><br><small>").append(Html.esc(s.describe())).append("</small></td><td>")
                .append(Html.esc(r.by().label())).append("</td><td>");
            r.best().ifPresentOrElse(b -> out.append(swatch(b.variant())).append("<strong>")
                .append(Html.esc(b.variant())).append("</strong>"), () -> out.append(Fmt.MISSING));
            out.append("</td><td>").append(Html.esc(r.verdict()));
            pairs(r);
            out.append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    /**
     * A capacity suite's answer: per sweep, each server's capacity under the SLO over its searches, and the knee
     * chart. Nothing for a suite without capacity searches.
     */
    private void capacity(final List<CapacityRecord> records)
    {
        if (records.isEmpty())
        {
            return;
        }
        out.append("<section id=\"capacity\">\n<h2>Capacity under the SLO</h2>\n<p class=\"note\">")
            .append(Html.esc("The largest open-loop rate each server carried with " +
                records.getFirst().settings().describe() + ". A capacity is the median over the repetitions' " +
                "searches with its interval; a server with a search that did not find one shows each search as it " +
                "ended (≥ x: the client's own limit, the search's maximum or its probe budget came first) and is " +
                "not compared.")).append("</p>\n");
        for (final CapacityTable t : CapacityTable.of(records, variants))
        {
            out.append("<h3>").append(Html.esc(t.sweep())).append("</h3>\n<table class=\"headline capacity\">\n")
                .append("<thead><tr><th>server</th><th>capacity (").append(Html.esc(t.axis().unit()))
                .append(")</th><th>interval</th>")
                .append("<th>vs best</th><th>probes</th><th>how each search ended</th></tr></thead>\n<tbody>\n");
            for (final CapacityTable.Row row : t.rows())
            {
                out.append("<tr><td>").append(swatch(row.variant())).append(Html.esc(row.variant()))
                    .append("</td><td class=\"num\">").append(Html.esc(row.capacity()))
                    .append("</td><td class=\"num\">")
                    .append(row.found() && row.ci().n() > 1 ? Html.esc(Fmt.count(row.ci().low()) + " – " +
                        Fmt.count(row.ci().high()) + " (" + Math.round(row.ci().level() * 100) + "%)") : Fmt.MISSING)
                    .append("</td><td class=\"num\">").append(Html.esc(Fmt.ratio(row.ratio())))
                    .append("</td><td class=\"num\">")
                    .append(row.searches().stream().mapToInt(r -> r.probes().size()).sum()).append("</td><td><ul>");
                row.searches().forEach(r -> out.append("<li>").append(Html.esc(r.describe())).append("</li>"));
                out.append("</ul></td></tr>\n");
            }
            out.append("</tbody></table>\n");
            final String knee = charts.knee(t, records);
            if (knee != null)
            {
                out.append("<div class=\"charts\">\n");
                chart(knee);
                out.append("</div>\n");
            }
        }
        out.append("</section>\n");
    }

    /** Every OK run with a soak record, by scenario; empty outside a soak suite. */
    private Map<Scenario, Map<Run, SoakRecord>> soaks(final List<Scenario> scenarios) throws IOException
    {
        final Map<Scenario, Map<Run, SoakRecord>> all = new LinkedHashMap<>();
        for (final Scenario s : scenarios)
        {
            for (final String v : variants)
            {
                for (final Run run : results.runs(v, s))
                {
                    final Optional<SoakRecord> r = run.ok() ? SoakRecord.read(results.pointDir(run))
                        : Optional.empty();
                    r.ifPresent(rec -> all.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(run, rec));
                }
            }
        }
        return all;
    }

    /**
     * A soak suite's answer: per scenario, each server's verdict with every check in words, and the time series of
     * its resources and p99 (harness/README.md, The soak suite). Nothing for a suite without soaks.
     */
    private void soak(final Map<Scenario, Map<Run, SoakRecord>> soaks)
    {
        if (soaks.isEmpty())
        {
            return;
        }
        out.append("<section id=\"soak\">\n<h2>Soak</h2>\n<p class=\"note\">")
            .append(Html.esc("Each server under a steady load for the whole measured window, its resources read " +
                "throughout; " + soaks.values().iterator().next().values().iterator().next().settings().describe() +
                ". A slope is a least-squares line through the readings.")).append("</p>\n");
        soaks.forEach((s, runs) ->
        {
            out.append("<h3>").append(Html.esc(s.sweep())).append("</h3>\n<p class=\"note\">")
                .append(Html.esc(s.describe())).append("</p>\n<table class=\"headline soak\">\n")
                .append("<thead><tr><th>server</th><th>rep</th><th>verdict</th><th>checks</th></tr></thead>\n")
                .append("<tbody>\n");
            final Map<String, SoakRecord> first = new LinkedHashMap<>();
            runs.forEach((run, r) ->
            {
                first.putIfAbsent(run.variant(), r);
                out.append("<tr><td>").append(swatch(run.variant())).append(Html.esc(run.variant()))
                    .append("</td><td class=\"num\">").append(run.repetition()).append("</td><td><strong>")
                    .append(r.passed() ? "PASS" : "FAIL").append("</strong></td><td><ul>");
                r.checks().forEach(c -> out.append("<li>").append(c.passed() ? "✓ " : "✗ ")
                    .append(Html.esc(c.detail())).append("</li>"));
                out.append("</ul></td></tr>\n");
            });
            out.append("</tbody></table>\n<div class=\"charts\">\n");
            charts.soak(s, first).forEach(this::chart);
            out.append("</div>\n");
        });
        out.append("</section>\n");
    }

    /**
     * The harness's pairwise verdicts: each ranked server against the next in the ranking, then every pair behind a
     * disclosure.
     */
    private void pairs(final Ranking r)
    {
        final List<PairVerdict> neighbours = r.neighbours();
        if (neighbours.isEmpty())
        {
            return;
        }
        out.append("<ul class=\"pairs\">");
        neighbours.forEach(v -> pair(v));
        out.append("</ul>");
        if (r.pairs().size() > neighbours.size())
        {
            out.append("<details><summary>all ").append(r.pairs().size())
                .append(" pairs</summary><ul class=\"pairs\">");
            r.pairs().forEach(v -> pair(v));
            out.append("</ul></details>");
        }
    }

    private void pair(final PairVerdict v)
    {
        out.append("<li").append(v.significant() ? " class=\"significant\"" : "").append(">")
            .append(Html.esc(v.text())).append("</li>");
    }

    private void sweep(final String sweep, final List<Scenario> scenarios) throws IOException
    {
        out.append("<section class=\"sweep\" id=\"sweep-").append(Html.esc(anchor(sweep))).append("\">\n<h2>sweep ")
            .append(Html.esc(sweep)).append("</h2>\n");
        final List<String> curves = charts.sweep(sweep);
        if (!curves.isEmpty())
        {
            out.append("<div class=\"charts\">\n");
            curves.forEach(this::chart);
            out.append("</div>\n");
        }
        memory(sweep);
        idleLatency(scenarios);
        for (final Scenario s : scenarios)
        {
            scenario(s);
        }
        out.append("</section>\n");
    }

    /** The cost of a connection per server, where the sweep's points read the servers' memory. */
    private void memory(final String sweep) throws IOException
    {
        final List<MemoryFit> fits = MemoryFit.of(results, sweep, variants);
        if (fits.isEmpty())
        {
            return;
        }
        out.append("<h3>Memory per connection</h3>\n<table class=\"memory\">\n<thead><tr><th>server</th>");
        MemoryFit.MEASURES.keySet().forEach(m -> out.append("<th>").append(Html.esc(m)).append(" KB / connection</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (final MemoryFit f : fits)
        {
            out.append("<tr><td>").append(swatch(f.variant())).append("<strong>").append(Html.esc(f.variant()))
                .append("</strong></td>");
            for (final String m : MemoryFit.MEASURES.keySet())
            {
                final LinearFit fit = f.fits().get(m);
                out.append("<td class=\"num\">");
                if (fit == null)
                {
                    out.append(Fmt.MISSING);
                }
                else
                {
                    final boolean line = fit.r2() >= LINE_R2;
                    out.append("<span class=\"v\">").append(Html.esc(String.format(Locale.ROOT, "%.2f", fit.slope())))
                        .append("</span><span class=\"").append(line ? "ci" : "flag").append("\">R² ")
                        .append(Double.isNaN(fit.r2()) ? "n/a" : String.format(Locale.ROOT, "%.3f", fit.r2()))
                        .append(line ? "" : ": not a line").append(", ").append(fit.points()).append(" readings</span>");
                }
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n<p class=\"note\">Slope of a least-squares line through every measured "
            + "repetition's reading, memory against the connections the server held (results/README.md, Memory per "
            + "connection): heap is the JVM's live heap after a forced full collection, native is Native Memory "
            + "Tracking's committed memory outside the heap, pss the proportional resident set. An R² under ")
            .append(LINE_R2).append(" says the memory does not grow as a line: its slope is not a cost.</p>\n");
    }

    /**
     * Where a sweep held idle connections beside its active ones: per server, the active connections' p99 at each
     * count of idle ones, one table per load they carried, so what the idle connections cost reads along a row (the
     * point with none idle is its baseline).
     */
    private void idleLatency(final List<Scenario> scenarios)
    {
        final Map<String, List<Scenario>> byLoad = new LinkedHashMap<>();
        scenarios.stream().filter(Scenario::idleHeld).sorted(Comparator.comparingInt(Scenario::idle))
            .forEach(s -> byLoad.computeIfAbsent(s.workload() + "/" + s.framing() + ", " + s.active()
                + " active connections carrying " + Fmt.count(s.rate()) + " msg/s, " + s.messageSize() + " B",
                k -> new ArrayList<>()).add(s));
        byLoad.forEach((load, columns) ->
        {
            out.append("<h3>Latency with idle connections</h3>\n<p class=\"note\">").append(Html.esc(load))
                .append("</p>\n<table class=\"idle\">\n<thead><tr><th>server</th>");
            columns.forEach(s -> out.append("<th>p99, ").append(Html.esc(Fmt.count(s.idle()))).append(" idle</th>"));
            out.append("</tr></thead>\n<tbody>\n");
            for (final String variant : variants)
            {
                out.append("<tr><td>").append(swatch(variant)).append("<strong>").append(Html.esc(variant))
                    .append("</strong></td>");
                for (final Scenario s : columns)
                {
                    results.points(s).stream().filter(p -> p.variant().equals(variant)).findFirst().ifPresentOrElse(
                        p -> cell(p, Metric.P99, Metric.P99::format, p.whyUnranked()),
                        () -> out.append("<td class=\"num\">").append(Fmt.MISSING).append("</td>"));
                }
                out.append("</tr>\n");
            }
            out.append("</tbody></table>\n<p class=\"note\">The active connections' p99, median over the "
                + "repetitions with its confidence interval in small print; the others were connected, each proven "
                + "live with one echo, and held idle through the run (results/README.md, active_connections). A cell "
                + "in red was not ranked at its point, for the reason it gives.</p>\n");
        });
    }

    private void scenario(final Scenario s) throws IOException
    {
        final Ranking r = Ranking.of(s, results.points(s), variants, results.verdicts(s));
        out.append("<article class=\"scenario\" id=\"").append(Html.esc(s.id())).append("\">\n<h3>")
            .append(Html.esc(s.describe())).append("</h3>\n<p class=\"verdict\">").append(Html.esc(r.verdict()))
            .append("</p>\n");
        headline(s, r);
        drift(s, r).ifPresent(d -> out.append("<p class=\"note\">").append(Html.esc(d.describe())).append("</p>\n"));
        out.append("<div class=\"charts\">\n");
        final String spectrum = charts.spectrum(s);
        if (spectrum != null)
        {
            chart(spectrum);
        }
        final String resources = charts.resources(s);
        if (resources != null)
        {
            chart(resources);
        }
        charts.timeline(s).forEach(this::chart);
        out.append("</div>\n</article>\n");
    }

    /** How the scenario's rounds moved together, by its deciding figure (every server's runs of it). */
    private Optional<RoundDrift> drift(final Scenario s, final Ranking r)
    {
        return RoundDrift.of(r.by(), results.runs(s));
    }

    private void headline(final Scenario s, final Ranking r)
    {
        final List<Metric> latencies = new ArrayList<>(LATENCIES);
        // the census is a suite setting, off by default: without it the column would be empty for every server
        final boolean census = r.all().stream().anyMatch(p -> !p.syscallSource().isEmpty());
        if (r.by() == Metric.DELIVERY_P99)
        {
            latencies.add(Metric.DELIVERY_P99);
        }
        // a churn point counts completed connections where the others count messages
        final String per = s.churn() ? "connection" : "msg";
        out.append("<table class=\"headline\">\n<thead><tr><th>#</th><th>server</th><th>")
            .append(s.churn() ? "completed connections/s" : "throughput").append("</th>");
        latencies.forEach(m -> out.append("<th>").append(Html.esc(m.label())).append("</th>"));
        out.append("<th>vs best (").append(Html.esc(r.by().label())).append(")</th><th>CPU / ").append(per)
            .append("</th><th title=\"").append(SWITCHES_TITLE).append("\">switches / ").append(per)
            .append("</th><th title=\"").append(RW_SYSCALLS_TITLE).append("\">r/w syscalls / ").append(per)
            .append("</th>").append(census ? "<th title=\"" + SYSCALLS_TITLE + "\">syscalls / msg</th>" : "")
            .append("<th>server CPU</th><th title=\"").append(RUN_QUEUE_TITLE).append("\">run-queue wait</th>")
            .append("<th>RSS</th><th title=\"").append(CLIENT_TITLE).append("\">client</th>")
            .append("<th>runs</th><th>validity</th></tr></thead>\n<tbody>\n");
        for (final PointStats p : r.all())
        {
            final int rank = r.rank(p);
            out.append("<tr class=\"").append(rank == 0 ? "flagged" : rank == 1 ? "best" : "placed").append("\">")
                .append("<td>").append(rank == 0 ? Fmt.MISSING : rank).append("</td><td>")
                .append(swatch(p.variant())).append("<strong>").append(Html.esc(p.variant())).append("</strong>");
            if (!p.implementation().isBlank() && !p.implementation().equals(p.variant()))
            {
                out.append(" <small>").append(Html.esc(p.implementation())).append("</small>");
            }
            profiles(p, s);
            out.append("</td>");
            cell(p, Metric.THROUGHPUT, s.churn() ? v -> Fmt.count(v) + " conn/s" : Metric.THROUGHPUT::format);
            latencies.forEach(m -> cell(p, m));
            out.append("<td class=\"ratio\">");
            if (rank > 0)
            {
                final double behind = r.behindBest(p);
                out.append("<span class=\"bar\" style=\"width:").append(Math.round(100 / behind))
                    .append("%\"></span><span class=\"v\">").append(rank == 1 ? "best" : Fmt.ratio(behind))
                    .append("</span>");
            }
            else
            {
                out.append("<span class=\"v\">not ranked</span>");
            }
            out.append("</td>");
            cell(p, Metric.CPU_PER_MESSAGE);
            perMessage(p, Metric.SWITCHES_PER_MESSAGE, Metric.SWITCHES_PER_DELIVERY);
            perMessage(p, Metric.RW_SYSCALLS_PER_MESSAGE, Metric.RW_SYSCALLS_PER_DELIVERY);
            if (census)
            {
                perMessage(p, Metric.SYSCALLS_PER_MESSAGE, Metric.SYSCALLS_PER_DELIVERY);
            }
            cell(p, Metric.CPU_CORES);
            cell(p, Metric.RUN_QUEUE_WAIT);
            cell(p, Metric.RSS);
            client(p);
            out.append("<td>").append(p.ok()).append('/').append(p.repetitions()).append("</td><td class=\"validity\">")
                .append(p.rankable() ? validity(p) : "<span class=\"flag\">" + Html.esc(p.whyUnranked()) + "</span>")
                .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        final double level = r.all().stream().mapToDouble(PointStats::ciLevel).filter(l -> l > 0).min().orElse(0);
        out.append("<p class=\"note\">Medians over the valid repetitions of a ranked server (the flagged ones "
            + "dropped, as its validity cell says), over every measured one of a server that is not ranked; small "
            + "print: the confidence interval")
            .append(level > 0 ? " (" + Math.round(level * 1000) / 10.0 + "% coverage)" : " (none: one repetition)")
            .append(". Ranked by ").append(Html.esc(r.by().label())).append(s.churn() ? " (churn: every server got "
                + "the same connection arrivals, so the first echo's latency decides)" : s.open() ? " (open loop: "
                + "every server got the same request rate, so latency decides)" : " (closed loop: throughput decides)")
            .append(". Grey rows had too few valid repetitions: shown, never ranked.</p>\n");
        if (census)
        {
            syscallSources(r.all());
        }
    }

    /** Links to the flame graphs of a server's repetitions at this point, where the suite profiled them. */
    private void profiles(final PointStats p, final Scenario s)
    {
        final List<String> links = new ArrayList<>();
        for (final Run run : results.runs(p.variant(), s))
        {
            for (final String graph : List.of(PointProfiler.CPU_FLAME_GRAPH, PointProfiler.ALLOCATION_FLAME_GRAPH))
            {
                if (Files.isRegularFile(results.pointDir(run).resolve(graph)))
                {
                    final String kind = graph.equals(PointProfiler.CPU_FLAME_GRAPH) ? "cpu" : "alloc";
                    links.add("<a class=\"profile\" href=\"" + Html.href(ResultsDir.POINTS + "/" + run.pointId() + "/" +
                        graph) + "\" title=\"" + Html.esc(kind + " flame graph of repetition " + run.repetition()) +
                        "\">" + kind + " " + run.repetition() + "</a>");
                }
            }
        }
        if (!links.isEmpty())
        {
            out.append(" <small class=\"profiles\">flame graphs: ").append(String.join(" ", links)).append("</small>");
        }
    }

    /** Which tool counted the "syscalls / msg" column, per server, or why it did not count one. */
    private void syscallSources(final List<PointStats> points)
    {
        final Map<String, List<String>> bySource = new TreeMap<>();
        points.forEach(p -> bySource.computeIfAbsent(p.syscallSource().isEmpty()
            ? "not counted: the suite's syscallCensus setting was off (scripts/bench --syscall-census)"
            : p.syscallSource(), k -> new ArrayList<>()).add(p.variant()));
        out.append("<p class=\"note\">System calls / msg: ");
        out.append(String.join("; ", bySource.entrySet().stream().map(e -> Html.esc(describe(e.getKey())) +
            " (" + Html.esc(String.join(", ", e.getValue())) + ")").toList()));
        out.append(".</p>\n");
    }

    private static String describe(final String source)
    {
        if (source.equals(SyscallCensus.Source.PERF.cliName()))
        {
            return "counted by perf stat (raw_syscalls:sys_enter) over the measured window";
        }
        return source.equals(SyscallCensus.Source.STRACE.cliName()) ? "counted by strace -c -f in a census run of " +
            "the same load after the measured window (ptrace slows the server: compare results.csv's " +
            "syscall_census_rate with rate_achieved)" : source;
    }


    /** A ranked point's validity cell: "valid", or how many repetitions it is ranked on and what it dropped. */
    private static String validity(final PointStats p)
    {
        return p.dropped() == 0 ? "valid" : "valid on " + p.validRepetitions() + " of " + p.repetitions()
            + " <span class=\"dropped\">(dropped: " + Html.esc(p.dropReasons()) + ")</span>";
    }

    private void cell(final PointStats p, final Metric m)
    {
        cell(p, m, m::format);
    }

    private void cell(final PointStats p, final Metric m, final DoubleFunction<String> format)
    {
        cell(p, m, format, "");
    }

    /**
     * The median of {@code m} with its interval in small print, each written by {@code format}, and {@code flag}
     * (why the number is not to be trusted) under them unless it is empty.
     */
    private void cell(final PointStats p, final Metric m, final DoubleFunction<String> format, final String flag)
    {
        final Estimate e = p.get(m);
        out.append("<td class=\"num\"><span class=\"v\">").append(Html.esc(format.apply(e.median()))).append("</span>");
        if (e.present() && !Double.isNaN(e.low()) && (e.low() != e.median() || e.high() != e.median()))
        {
            out.append("<span class=\"ci\">").append(Html.esc(format.apply(e.low()))).append(" – ")
                .append(Html.esc(format.apply(e.high()))).append("</span>");
        }
        if (!flag.isEmpty())
        {
            out.append("<span class=\"flag\">").append(Html.esc(flag)).append("</span>");
        }
        out.append("</td>");
    }

    /** A count per message, and under it per delivery where the workload has deliveries (chat). */
    private void perMessage(final PointStats p, final Metric perMessage, final Metric perDelivery)
    {
        out.append("<td class=\"num\"><span class=\"v\">").append(Html.esc(perMessage.format(p.get(perMessage)
            .median()))).append("</span>");
        if (p.get(perDelivery).present())
        {
            out.append("<span class=\"sub\">").append(Html.esc(perDelivery.format(p.get(perDelivery).median())))
                .append(" / delivery</span>");
        }
        out.append("</td>");
    }

    /** The load client's own health at this point: its busiest repetition's share, its longest stall. */
    private void client(final PointStats p)
    {
        out.append("<td class=\"num\"><span class=\"v\">").append(Double.isNaN(p.clientBusyMax()) ? Fmt.MISSING
            : Math.round(p.clientBusyMax() * 100) + "% busy").append("</span>");
        if (!Double.isNaN(p.clientHiccupMaxUs()))
        {
            out.append("<span class=\"sub\">hiccup ").append(Html.esc(Fmt.micros(p.clientHiccupMaxUs())))
                .append("</span>");
        }
        out.append("</td>");
    }

    private void chart(final String id)
    {
        out.append("<figure class=\"chart\" data-chart=\"").append(Html.esc(id)).append("\"></figure>\n");
    }

    private String swatch(final String variant)
    {
        return "<span class=\"swatch\" style=\"background:" + charts.color(variant) + "\"></span>";
    }

    private void jmh() throws IOException
    {
        final List<Path> files = results.jmhFiles();
        if (files.isEmpty())
        {
            return;
        }
        out.append("<section id=\"jmh\">\n<h2>Microbenchmarks (JMH)</h2>\n");
        for (final Path f : files)
        {
            final JmhFile jmh;
            try
            {
                jmh = JmhFile.read(f);
            }
            catch (final IOException | RuntimeException e)
            {
                out.append("<p class=\"note\">").append(Html.esc(f + ": not readable JMH JSON: " + e.getMessage()))
                    .append("</p>\n");
                continue;
            }
            out.append("<p class=\"note\">").append(Html.esc(f + ": run " + jmh.date() + ", commit " + jmh.commit()))
                .append("</p>\n<table>\n<thead><tr>")
                .append("<th>benchmark</th><th>params</th><th>mode</th><th>score</th><th>error</th><th>units</th>")
                .append("<th title=\"").append(ALLOC_TITLE).append("\">allocated per op</th>")
                .append("<th>other secondary metrics</th></tr></thead>\n<tbody>\n");
            for (final JmhResult r : jmh.results())
            {
                final List<String> params = new ArrayList<>();
                if (r.params() != null)
                {
                    r.params().forEach((k, v) -> params.add(k + "=" + v));
                }
                final JmhResult.Score pm = r.primaryMetric();
                final Map<String, JmhResult.Score> secondary = new TreeMap<>(r.secondaryMetrics() == null
                    ? Map.of() : r.secondaryMetrics());
                final JmhResult.Score alloc = secondary.remove(ALLOC_NORM);
                final List<String> others = new ArrayList<>();
                secondary.forEach((name, m) -> others.add(name + " " + Fmt.sig(m.score()) + " " + m.scoreUnit()));
                out.append("<tr><td>").append(Html.esc(r.benchmark())).append("</td><td>")
                    .append(Html.esc(String.join(" ", params))).append("</td><td>")
                    .append(Html.esc(r.mode())).append("</td><td class=\"num\">")
                    .append(Html.esc(Fmt.sig(pm.score()))).append("</td><td class=\"num\">")
                    .append(Html.esc(Fmt.sig(pm.scoreError()))).append("</td><td>")
                    .append(Html.esc(pm.scoreUnit())).append("</td><td class=\"num\">")
                    .append(Html.esc(alloc == null ? Fmt.MISSING : Fmt.sig(alloc.score()) + " " + alloc.scoreUnit()))
                    .append("</td><td>").append(Html.esc(String.join("; ", others))).append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        out.append("<p class=\"note\">Error: JMH's half-width of the 99.9% interval (NaN with fewer than two ")
            .append("iterations).</p>\n</section>\n");
    }

    private void environment(final Manifest manifest)
    {
        out.append("<section id=\"environment\">\n<h2>Environment and configuration</h2>\n");
        final JsonNode m = ContractJson.mapper().valueToTree(manifest);
        for (final String key : List.of("environment", "jvmPolicy", "pinning", "conformance", "preflight", "suite"))
        {
            final JsonNode n = m.path(key);
            if (n.isMissingNode() || n.isNull() || n.isEmpty() && !n.isValueNode())
            {
                continue;
            }
            out.append("<h3>").append(Html.esc(key)).append("</h3>\n");
            keyValues(n);
        }
        if (!results.hasManifest())
        {
            out.append("<p class=\"note\">No manifest.json in this folder.</p>\n");
        }
        out.append("</section>\n");
    }

    private void keyValues(final JsonNode n)
    {
        out.append("<table class=\"kv\"><tbody>\n");
        if (n.isArray())
        {
            n.forEach(v -> out.append("<tr><td colspan=\"2\">").append(Html.esc(compact(v))).append("</td></tr>\n"));
        }
        else
        {
            n.fields().forEachRemaining(e -> out.append("<tr><th>").append(Html.esc(e.getKey())).append("</th><td>")
                .append(e.getValue().isContainerNode() ? "<code>" + Html.esc(compact(e.getValue())) + "</code>"
                    : Html.esc(e.getValue().asText()))
                .append("</td></tr>\n"));
        }
        out.append("</tbody></table>\n");
    }

    private static String compact(final JsonNode v)
    {
        if (v.isTextual())
        {
            return v.asText();
        }
        if (v.isArray() && v.size() > 0 && v.get(0).isValueNode())
        {
            final List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.asText()));
            return String.join(" ", parts);
        }
        return v.toString();
    }

    private void files() throws IOException
    {
        out.append("<section id=\"files\">\n<h2>Raw files</h2>\n<p class=\"note\">Relative to this report, in ")
            .append(Html.esc(results.dir().toString())).append(".</p>\n");
        final Map<String, List<Path>> byFolder = new LinkedHashMap<>();
        for (final Path f : results.files())
        {
            if (f.toString().equals("report.html"))
            {
                continue;
            }
            final boolean point = f.getNameCount() == 3 && f.getName(0).toString().equals(ResultsDir.POINTS);
            final String folder = point ? f.getParent().toString() : f.getNameCount() > 1 ? f.getName(0).toString()
                : "";
            byFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(f);
        }
        out.append("<table class=\"files\"><tbody>\n");
        byFolder.forEach((folder, list) ->
        {
            out.append("<tr><th>").append(Html.esc(folder.isEmpty() ? "." : folder)).append("</th><td>");
            for (final Path f : list)
            {
                final String rel = f.toString();
                out.append("<a href=\"").append(Html.href(rel)).append("\">")
                    .append(Html.esc(folder.isEmpty() ? rel : rel.substring(folder.length() + 1))).append("</a> ");
            }
            out.append("</td></tr>\n");
        });
        out.append("</tbody></table>\n</section>\n");
    }

    private void reading()
    {
        out.append(Assets.resource("io/ioarena/harness/report/reading.html"));
    }

    private static String anchor(final String s)
    {
        return s.replaceAll("[^A-Za-z0-9_.-]", "-");
    }
}
