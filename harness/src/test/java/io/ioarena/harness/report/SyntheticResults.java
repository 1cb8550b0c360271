package io.ioarena.harness.report;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.GeneratorHealth;
import io.ioarena.contract.Mode;
import io.ioarena.contract.Tag;
import io.ioarena.harness.capacity.CapacityRecord;
import io.ioarena.harness.capacity.CapacitySearch;
import io.ioarena.harness.capacity.ProbeOutcome;
import io.ioarena.harness.capacity.SearchSettings;
import io.ioarena.harness.env.Machine;
import io.ioarena.harness.results.Manifest;
import io.ioarena.harness.results.RunStatus;
import io.ioarena.harness.results.SoakRecord;
import io.ioarena.harness.results.Tables;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.SoakSettings;
import io.ioarena.harness.suite.Suite;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A small results folder made up for tests, written the way the harness writes one (manifest.json, results.csv and
 * summary.csv with the harness's column names, points/<id>/ with the client's summary.json, latency.hlog with
 * tagged 1 s intervals, latency.hgrm, server-samples.csv). Latencies are log-normal around a per-server base that
 * grows with load; seeded, so every run makes the same folder.
 *
 * <p>Built in on purpose: {@code vthreads-virtual} at the highest rate is UNDER_TARGET with the lowest p99 of all
 * (it must still not be ranked), and {@code vertx-nio}'s first repetition at the largest message size FAILED.
 * The client's own health: busy 95% in open loop (its poll), 50% + 10% per repetition in closed loop, and a longest
 * hiccup of 150 µs per repetition, so a point's worst repetition (the third) reads 80% (closed) and 450 µs. The
 * server's event loops wait 5 ms/s + 10 ms/s per repetition on the run queue: a median of 25 ms/s over three. Per
 * message, its threads switch 0.16 times per repetition and make 2 + 2 per repetition read/write system calls
 * (medians 0.32 and 6); a chat message is delivered to its room's 16 members, so per delivery a sixteenth of that.
 */
public final class SyntheticResults
{
    /** Per server: base latency (µs), capacity (msg/s), CPU µs per message, base RSS MB, threads. */
    record Server(String variant, String implementation, double baseUs, double capacity, double cpuUs, double rssMb,
        int threads)
    {
    }

    static final List<Server> SERVERS = List.of(
        new Server("selector", "selector", 48, 160_000, 6.5, 60, 14),
        new Server("netty-epoll", "netty", 42, 190_000, 5.8, 95, 22),
        new Server("vertx-nio", "vertx", 55, 150_000, 7.4, 120, 26),
        new Server("vthreads-virtual", "vthreads", 70, 110_000, 9.9, 80, 18));

    /** @param active the connections that carry the rate while the others are held idle; 0: all carry it. */
    record Sweep(String name, String workload, String mode, List<Double> rates, List<Integer> connections,
        List<Integer> sizes, int active)
    {
    }

    static final List<Sweep> SWEEPS = List.of(
        new Sweep("echo-rate", "echo", "open", List.of(5000.0, 20000.0, 50000.0), List.of(16), List.of(64), 0),
        new Sweep("echo-max", "echo", "closed", null, List.of(16), List.of(64), 0),
        new Sweep("echo-connections", "echo", "closed", null, List.of(1, 16, 256), List.of(64), 0),
        new Sweep("echo-size", "echo", "closed", null, List.of(16), List.of(16, 256, 4096), 0),
        new Sweep("chat-fanout", "chat", "open", List.of(500.0), List.of(16), List.of(64), 0));

    /**
     * A churn sweep, in a fixture only when asked for by name: connection arrivals/s, each server completing at most
     * a sixtieth of its message capacity (so vthreads-virtual falls short at 2,000/s).
     */
    static final Sweep CHURN = new Sweep("churn", "echo", "churn", List.of(250.0, 500.0, 1000.0, 2000.0),
        List.of(0), List.of(64), 0);

    /**
     * Idle connections held beside 100 active ones, in a fixture only when asked for by name: 0, 900 and 10,000 idle;
     * each server's latency is multiplied by 1 + idle / 1,000.
     */
    static final Sweep IDLE = new Sweep("idle-connections", "echo", "open", List.of(1000.0), List.of(100, 1000, 10_100),
        List.of(64), 100);

    private final Path dir;
    private final int repetitions;
    private final Map<String, Double> slowdown;
    private final List<Sweep> sweeps;
    private final Random random;
    private final List<Map<String, Object>> results = new ArrayList<>();

    private SyntheticResults(final Path dir, final int repetitions, final Map<String, Double> slowdown,
        final long seed, final List<Sweep> sweeps)
    {
        this.dir = dir;
        this.repetitions = repetitions;
        this.slowdown = slowdown;
        this.random = new Random(seed);
        this.sweeps = sweeps;
    }

    /** The standard fixture. */
    public static Path write(final Path dir) throws IOException
    {
        return write(dir, 3, Map.of(), 1);
    }

    /**
     * @param slowdown per variant, a factor on its latency and CPU and a divisor of its capacity (1 = as is).
     */
    public static Path write(final Path dir, final int repetitions, final Map<String, Double> slowdown,
        final long seed) throws IOException
    {
        return write(dir, repetitions, slowdown, seed, SWEEPS.stream().map(Sweep::name).toList());
    }

    /** @param sweeps the names of the sweeps to include (fewer make a faster fixture). */
    public static Path write(final Path dir, final int repetitions, final Map<String, Double> slowdown,
        final long seed, final List<String> sweeps) throws IOException
    {
        Files.createDirectories(dir.resolve("points"));
        new SyntheticResults(dir, repetitions, slowdown, seed,
            Stream.concat(SWEEPS.stream(), Stream.of(CHURN, IDLE))
                .filter(w -> sweeps.contains(w.name())).toList()).build();
        return dir;
    }

    private void build() throws IOException
    {
        int seq = 0;
        for (int rep = 1; rep <= repetitions; rep++)
        {
            for (final Server s : SERVERS)
            {
                for (final Sweep w : sweeps)
                {
                    for (final double rate : w.rates() == null ? List.of(0.0) : w.rates())
                    {
                        for (final int c : w.connections())
                        {
                            for (final int size : w.sizes())
                            {
                                point(++seq, rep, s, w, rate, c, size);
                            }
                        }
                    }
                }
            }
        }
        Files.writeString(dir.resolve("results.csv"), csv(Tables.RESULTS_COLUMNS, results));
        Files.writeString(dir.resolve("summary.csv"), summary());
        manifest();
        if (sweeps.stream().anyMatch(w -> w.name().equals("echo-rate")))
        {
            capacity();
            soak();
        }
    }

    /** The server whose synthetic soak leaks (its heap grows 3 MiB a minute), so the soak section shows a FAIL. */
    static final String LEAKING = "netty-epoll";

    /**
     * A soak record on each server's first echo-rate point at 5,000 msg/s, as a 10-minute soak would write it:
     * readings a second (open files every 5 s, five heap readings), flat but for {@link #LEAKING}'s heap.
     */
    private void soak() throws IOException
    {
        for (final Server s : SERVERS)
        {
            final boolean leak = s.variant().equals(LEAKING);
            final List<SoakRecord.Reading> rss = new ArrayList<>();
            final List<SoakRecord.Reading> threads = new ArrayList<>();
            final List<SoakRecord.Reading> fds = new ArrayList<>();
            final List<SoakRecord.Reading> heap = new ArrayList<>();
            final List<SoakRecord.Reading> p99 = new ArrayList<>();
            for (int second = -10; second <= 600; second++)
            {
                final double m = second / 60.0;
                rss.add(new SoakRecord.Reading(m, s.rssMb() + 2 * random.nextGaussian()));
                threads.add(new SoakRecord.Reading(m, s.threads()));
                if (second % 5 == 0)
                {
                    fds.add(new SoakRecord.Reading(m, 16 + 24));
                }
                if (second % 60 == 0 && second >= 0)
                {
                    p99.add(new SoakRecord.Reading(m, s.baseUs() * 5 / 1000 * (1 + 0.1 * random.nextGaussian())));
                }
            }
            for (final double m : new double[] {3.25, 4.75, 6.25, 7.75, 9.25})
            {
                heap.add(new SoakRecord.Reading(m, 9 + (leak ? 3 * m : 0.1 * random.nextGaussian())));
            }
            final SoakRecord r = SoakRecord.judge(SoakSettings.DEFAULT, 10, rss, null, threads, fds, heap, true, p99,
                new SoakRecord.Drift(p99.get(2).value(), p99.get(8).value()), 0, "");
            Files.write(dir.resolve("points").resolve(s.variant() + "_echo-rate_c16_s64_r5000_rep1")
                .resolve(SoakRecord.FILE), ContractJson.bytes(r));
        }
    }

    /** The sweep of the capacity searches the fixture adds to one with {@code echo-rate}. */
    public static final String CAPACITY_SWEEP = "echo-capacity";
    /** The server whose searches meet the client's limit, so the table shows "≥" for it. */
    static final String CLIENT_LIMITED = "vthreads-virtual";

    /**
     * A capacity search per server and repetition over {@link #CAPACITY_SWEEP}, against each server's queueing model
     * (p99 five times its median), written as the harness writes them; {@link #CLIENT_LIMITED}'s client lags from
     * 40k msg/s on.
     */
    private void capacity() throws IOException
    {
        final PointSpec load = new PointSpec("x", CAPACITY_SWEEP, Service.ECHO, Framing.LINE, Mode.OPEN, 5000, 16, 64,
            1, 1);
        for (int rep = 1; rep <= repetitions; rep++)
        {
            for (final Server s : SERVERS)
            {
                final double capacity = s.capacity() / slowdown.getOrDefault(s.variant(), 1.0);
                final double noise = 1 + 0.02 * random.nextGaussian();
                final CapacitySearch search = new CapacitySearch(SearchSettings.ONE_MS);
                while (search.next().isPresent())
                {
                    final double rate = search.next().getAsDouble();
                    final long p99 = (long) (5_000 * s.baseUs() * noise / (1 - Math.min(0.999, rate / capacity)));
                    search.record(CLIENT_LIMITED.equals(s.variant()) && rate >= 40_000
                        ? new ProbeOutcome(p99 * 3, p99 * 6, (long) rate * 3, List.of("SEND_LAG 40% of p99"), null)
                        : new ProbeOutcome(p99, p99 * 2, (long) rate * 3, List.of(), null));
                }
                final PointSpec mine = new PointSpec(s.variant(), load.sweep(), load.workload(), load.framing(),
                    load.mode(), load.rate(), load.connections(), load.size(), load.inFlight(), load.rooms());
                final Path file = dir.resolve(CapacityRecord.file(mine, rep));
                Files.createDirectories(file.getParent());
                Files.write(file, ContractJson.bytes(new CapacityRecord(s.variant(), CAPACITY_SWEEP, rep, mine,
                    SearchSettings.ONE_MS, search.result(), List.of())));
            }
        }
    }

    private void point(final int seq, final int rep, final Server s, final Sweep w, final double rate, final int c,
        final int size) throws IOException
    {
        final boolean churn = "churn".equals(w.mode());
        // churn is offered a rate, as open loop is
        final boolean open = "open".equals(w.mode()) || churn;
        final boolean chat = "chat".equals(w.workload());
        final double slow = slowdown.getOrDefault(s.variant(), 1.0);
        final double capacity = churn ? s.capacity() / slow / 60
            : s.capacity() / slow / (1 + size / 8192.0) / (c == 1 ? 6 : c >= 256 ? 1.15 : 1);
        final String key = churn ? s.variant() + "_" + w.name() + "_s" + size + "_churn" + (long) rate
            : s.variant() + "_" + w.name() + "_c" + c + "_s" + size +
            (open ? "_r" + (long) rate : "_closed1") + (chat ? "_rooms1" : "") + (w.active() > 0 ? "_a" + w.active() : "");
        final String id = key + "_rep" + rep;
        final Path pdir = dir.resolve("points").resolve(id);
        Files.createDirectories(pdir);
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("point_id", id);
        row.put("seq", seq);
        row.put("repetition", rep);
        row.put("implementation", s.implementation());
        row.put("variant", s.variant());
        row.put("sweep", w.name());
        row.put("workload", w.workload());
        row.put("framing", "line");
        row.put("mode", w.mode());
        row.put("connections", churn ? null : c);
        row.put("active_connections", w.active() > 0 ? w.active() : null);
        row.put("in_flight", open ? null : 1);
        row.put("rooms", chat ? 1 : null);
        row.put("message_size", size);
        row.put("rate_requested", open ? rate : null);
        row.put("event_loops", 1);
        row.put("started_at", "2026-11-29T22:00:00Z");
        if ("vertx-nio".equals(s.variant()) && size == 4096 && rep == 1)
        {
            row.put("status", "FAILED");
            row.put("reason", "the server exited with status 137 during the run");
            Files.writeString(pdir.resolve("server.log"), "killed\n");
            results.add(row);
            return;
        }
        row.put("status", "OK");
        final boolean underTarget = churn ? rate > capacity : "vthreads-virtual".equals(s.variant()) && rate >= 50000;
        final double noise = 1 + 0.04 * random.nextGaussian();
        final double achieved = churn && underTarget ? capacity
            : open ? (underTarget ? rate * 0.82 : rate * (1 - 0.001 * random.nextDouble()))
            : capacity * noise;
        final double load = open ? Math.min(0.95, rate / capacity) : 0.9;
        final double idle = w.active() > 0 ? (c - w.active()) / 1000.0 : 0;
        final double medianUs = s.baseUs() * slow / (1 - load) * (underTarget ? 0.3 : 1) * noise * (1 + idle) *
            (chat ? 3 : 1) * (open ? 1 : c / 8.0 + 1);
        final Histogram latency = new Histogram(3);
        final Histogram delivery = new Histogram(3);
        final long count = (long) Math.min(3_000, Math.max(200, achieved));
        final long origin = 1_764_450_000_000L + seq * 10_000L;
        final Path hlog = pdir.resolve("latency.hlog");
        try (PrintStream ps = new PrintStream(Files.newOutputStream(hlog), false, StandardCharsets.UTF_8))
        {
            final HistogramLogWriter log = new HistogramLogWriter(ps);
            log.outputComment("synthetic fixture for the report tests");
            log.outputLogFormatVersion();
            log.outputStartTime(origin);
            log.setBaseTime(origin);
            log.outputBaseTime(origin);
            log.outputLegend();
            final Histogram warm = interval(count / 4, medianUs * 3, 0.9, origin, "warmup");
            log.outputIntervalHistogram(warm);
            for (int i = 1; i <= 3; i++)
            {
                final Histogram h = interval(count, medianUs, 0.45, origin + i * 1000L, "latency");
                log.outputIntervalHistogram(h);
                latency.add(h);
                final Histogram service = interval(count, medianUs * 0.6, 0.3, origin + i * 1000L, "service");
                log.outputIntervalHistogram(service);
                if (chat)
                {
                    final Histogram d = interval(count * 5, medianUs * 1.4, 0.5, origin + i * 1000L, "delivery");
                    log.outputIntervalHistogram(d);
                    delivery.add(d);
                }
            }
        }
        writeHgrm(pdir.resolve("latency.hgrm"), latency);
        if (chat)
        {
            writeHgrm(pdir.resolve("delivery.hgrm"), delivery);
        }
        final double seconds = 3.0;
        final double cpuUs = s.cpuUs() * slow * (1 + size / 4096.0) * (1 + 0.03 * random.nextGaussian());
        final double messages = achieved * seconds;
        final double rssMb = s.rssMb() + c * 0.05 * (s.implementation().equals("vthreads") ? 4 : 1) +
            2 * random.nextDouble();
        final int threads = s.threads() + ("vthreads".equals(s.implementation()) ? c / 16 : 0);
        final List<String> flags = underTarget ? List.of("UNDER_TARGET") : List.of();
        row.put("rate_achieved", achieved);
        row.put("sent", (long) messages);
        row.put("received", (long) messages);
        row.put("measured_s", seconds);
        row.put("p50_us", latency.getValueAtPercentile(50) / 1000.0);
        row.put("p90_us", latency.getValueAtPercentile(90) / 1000.0);
        row.put("p99_us", latency.getValueAtPercentile(99) / 1000.0);
        row.put("p999_us", latency.getValueAtPercentile(99.9) / 1000.0);
        row.put("p9999_us", latency.getValueAtPercentile(99.99) / 1000.0);
        row.put("max_us", latency.getMaxValue() / 1000.0);
        row.put("mean_us", latency.getMean() / 1000.0);
        if (chat)
        {
            row.put("delivery_p50_us", delivery.getValueAtPercentile(50) / 1000.0);
            row.put("delivery_p99_us", delivery.getValueAtPercentile(99) / 1000.0);
        }
        row.put("sendlag_p99_us", 40.0);
        row.put("errors", 0);
        row.put("flags", String.join(" ", flags));
        row.put("valid", flags.isEmpty());
        row.put("server_cpu_user_s", cpuUs * messages / 1e6 * 0.7);
        row.put("server_cpu_sys_s", cpuUs * messages / 1e6 * 0.3);
        row.put("server_cpu_cores", cpuUs * messages / 1e6 / seconds);
        row.put("cpu_us_per_msg", cpuUs);
        row.put("rss_max_mb", rssMb);
        row.put("threads_max", threads);
        final GeneratorHealth generator = new GeneratorHealth(150_000L * rep, open ? 0.95 : 0.5 + 0.1 * rep, 0.0,
            open ? 0.95 : 0.9, "0", 0L, 0L, 0L, 0L, 0L, 0L);
        row.put("client_busy", generator.threadBusy());
        row.put("client_cpu_available", generator.cpuAvailable());
        row.put("client_hiccup_max_us", 150.0 * rep);
        row.put("client_gc_pauses", 0);
        row.put("server_runqueue_ms_per_s", 5.0 + 10 * rep);
        row.put("server_runqueue_threads", 2);
        row.put("server_runqueue_all_ms_per_s", 8.0 + 10 * rep);
        row.put("ctx_switches_per_msg", 0.16 * rep);
        row.put("ctx_switches_per_delivery", chat ? 0.01 * rep : null);
        row.put("rw_syscalls_per_msg", 2.0 + 2 * rep);
        row.put("rw_syscalls_per_delivery", chat ? (2.0 + 2 * rep) / 16 : null);
        if (chat)
        {
            // a census in the chat sweep only, as the fanout suite takes one and the default suite does not
            row.put("syscall_source", "strace");
            row.put("syscalls_per_msg", 3.0 + 2 * rep);
            row.put("syscalls_per_delivery", (3.0 + 2 * rep) / 16);
        }
        if (churn)
        {
            row.put("connect_p99_us", row.get("p50_us"));
            row.put("churn_arrivals", (long) (rate * seconds));
            row.put("churn_completed", (long) messages);
            row.put("churn_close", "fin");
            results.add(row);
            Files.writeString(pdir.resolve("point.json"), "{\"id\":\"" + id + "\",\"status\":\"OK\"}\n");
            return;
        }
        results.add(row);
        clientSummary(pdir, w, rate, c, size, achieved, messages, latency, chat ? delivery : null, flags, origin,
            generator);
        samples(pdir, origin, cpuUs * achieved / 1e6, rssMb, threads);
        Files.writeString(pdir.resolve("point.json"), "{\"id\":\"" + id + "\",\"status\":\"OK\"}\n");
        Files.writeString(pdir.resolve("client.log"), "synthetic\n");
    }

    private Histogram interval(final long count, final double medianUs, final double sigma, final long startMs,
        final String tag)
    {
        final Histogram h = new Histogram(3);
        for (long i = 0; i < count; i++)
        {
            // log-normal body, and one in 3000 from a slow tail (a GC pause, a scheduling hiccup)
            final double us = random.nextInt(3000) == 0 ? medianUs * (8 + 20 * random.nextDouble())
                : medianUs * Math.exp(sigma * random.nextGaussian());
            h.recordValue(Math.max(1, Math.round(us * 1000)));
        }
        h.setStartTimeStamp(startMs);
        h.setEndTimeStamp(startMs + 1000);
        h.setTag(tag);
        return h;
    }

    private static void writeHgrm(final Path file, final Histogram h) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            h.outputPercentileDistribution(ps, 5, 1e6);
        }
        Files.write(file, bytes.toByteArray());
    }

    private static void clientSummary(final Path pdir, final Sweep w, final double rate, final int c, final int size,
        final double achieved, final double messages, final Histogram latency, final Histogram delivery,
        final List<String> flags, final long origin, final GeneratorHealth generator) throws IOException
    {
        final Map<String, ClientSummary.Percentiles> hs = new LinkedHashMap<>();
        hs.put(Tag.LATENCY.tag(), ClientSummary.Percentiles.of(latency));
        if (delivery != null)
        {
            hs.put(Tag.DELIVERY.tag(), ClientSummary.Percentiles.of(delivery));
        }
        final Mode mode = Mode.valueOf(w.mode().toUpperCase(Locale.ROOT));
        final ClientSummary s = new ClientSummary("ioarena-load-client", "0", Map.of("size", size), mode.cliName(),
            mode.label(), w.workload(), "line", origin + 1000, origin + 4000, 3.0, rate, achieved, (long) messages,
            (long) messages, 0, 0, 0, 0, 0, new ClientSummary.Connections(c, c, 0),
            new ClientSummary.Errors(0, 0, 0, 0, 0, 0, 0, 0), null, hs, generator, null, flags, flags.isEmpty());
        Files.write(pdir.resolve(ClientSummary.FILE), ContractJson.bytes(s));
    }

    private static void samples(final Path pdir, final long origin, final double coresUsed, final double rssMb,
        final int threads) throws IOException
    {
        final StringBuilder b = new StringBuilder(
            "epoch_ms,cpu_user_s,cpu_sys_s,rss_bytes,threads,ctx_switches_voluntary,ctx_switches_involuntary\n");
        for (int i = 0; i <= 16; i++)
        {
            final double t = i * 0.25;
            b.append(String.format(Locale.ROOT, "%d,%.3f,%.3f,%d,%d,%d,%d%n", origin + i * 250,
                coresUsed * t * 0.7, coresUsed * t * 0.3, (long) (rssMb * 1024 * 1024 * Math.min(1, 0.6 + t / 4)),
                threads, i * 100, i * 3));
        }
        Files.writeString(pdir.resolve("server-samples.csv"), b.toString());
    }

    /** Medians and [min, max] intervals per point over its OK repetitions, as summary.csv carries them. */
    private String summary()
    {
        final Map<String, List<Map<String, Object>>> byPoint = new LinkedHashMap<>();
        for (final Map<String, Object> r : results)
        {
            final String id = (String) r.get("point_id");
            byPoint.computeIfAbsent(id.substring(0, id.lastIndexOf("_rep")), k -> new ArrayList<>()).add(r);
        }

        final List<Map<String, Object>> rows = new ArrayList<>();
        for (final List<Map<String, Object>> reps : byPoint.values())
        {
            final List<Map<String, Object>> ok = reps.stream().filter(r -> "OK".equals(r.get("status"))).toList();
            final Map<String, Object> row = new LinkedHashMap<>();
            for (final String k : List.of("variant", "implementation", "sweep", "workload", "framing", "mode",
                "connections", "active_connections", "in_flight", "rooms", "message_size", "rate_requested"))
            {
                row.put(k, reps.get(0).get(k));
            }
            row.put("repetitions", reps.size());
            row.put("ok", ok.size());
            row.put("failed", reps.size() - ok.size());
            final long valid = ok.stream().filter(r -> Boolean.TRUE.equals(r.get("valid"))).count();
            row.put("valid_repetitions", valid);
            row.put("ranked", valid > 0 && valid == reps.size()); // every repetition valid: ranked by any share
            row.put("ci_level", ok.size() <= 1 ? 0.0 : 1 - 2 * Math.pow(0.5, ok.size()));
            for (final String m : Tables.SUMMARY_METRICS)
            {
                final double[] v = ok.stream().filter(r -> r.get(m) != null)
                    .mapToDouble(r -> ((Number) r.get(m)).doubleValue()).sorted().toArray();
                if (v.length > 0)
                {
                    row.put(m + "_median", v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
                    row.put(m + "_ci_low", v[0]);
                    row.put(m + "_ci_high", v[v.length - 1]);
                }
            }
            row.put("errors_total", 0);
            row.put("flags", ok.stream().map(r -> (String) r.get("flags")).filter(f -> !f.isEmpty()).distinct()
                .collect(Collectors.joining(" ")));
            row.put("failure_reasons", reps.stream().map(r -> (String) r.get("reason")).filter(x -> x != null)
                .distinct().collect(Collectors.joining("; ")));
            ok.stream().map(r -> (String) r.get("syscall_source")).filter(x -> x != null).findFirst()
                .ifPresent(source -> row.put("syscall_source", source));
            for (final String m : List.of("client_busy", "client_hiccup_max_us"))
            {
                ok.stream().mapToDouble(r -> ((Number) r.get(m)).doubleValue()).max()
                    .ifPresent(max -> row.put(m + "_max", max));
            }
            rows.add(row);
        }
        return csv(Tables.SUMMARY_COLUMNS, rows);
    }

    private void manifest() throws IOException
    {
        final List<io.ioarena.harness.suite.Sweep> suiteSweeps = sweeps.stream().map(w ->
            new io.ioarena.harness.suite.Sweep(w.name(), Service.fromCliName(w.workload()), Framing.LINE,
                Mode.fromCliName(w.mode()), w.rates(), w == CHURN ? null : w.connections(), w.sizes(), null, null,
                w.active() > 0 ? List.of(w.active()) : null, null, null))
            .toList();
        final Suite suite = new Suite("synthetic", SERVERS.stream().map(Server::variant).toList(), null,
            suiteSweeps, repetitions, null, 1, "1s", "3s", null, null, null, true, null, null, null, null, null, null, null, null, null, null);
        final Manifest m = new Manifest("ioarena-report-fixture", "SYNTHETIC data made up by the report tests " +
            "(harness/src/test/.../SyntheticResults.java), not a measurement", "synthetic", "2026-11-29T22:00:00Z",
            "2026-11-29T22:10:00Z", null, RunStatus.COMPLETED, null,
            Map.of("javaVersion", System.getProperty("java.version"), "cpuCount",
                Runtime.getRuntime().availableProcessors(), "kernel", System.getProperty("os.version"),
                Machine.CPU_MODEL, "synthetic"),
            new Manifest.JvmFlags(null, List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"), null, null, null),
            new Manifest.Pinned(false, null, null, 1, 1, null, "synthetic"), "ON", null, suite,
            Map.of("asyncore", "skipped: this python3 has no asyncore/asynchat"), null, null, null, null);
        Files.write(dir.resolve(Manifest.FILE), ContractJson.bytes(m));
    }

    static String csv(final List<String> columns, final List<? extends Map<String, ?>> rows)
    {
        final StringBuilder b = new StringBuilder(String.join(",", columns)).append('\n');
        for (final Map<String, ?> r : rows)
        {
            b.append(columns.stream().map(c -> field(r.get(c))).collect(Collectors.joining(","))).append('\n');
        }
        return b.toString();
    }

    private static String field(final Object v)
    {
        if (v == null)
        {
            return "";
        }
        final String t = v instanceof Double d ? (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
            : String.format(Locale.ROOT, "%.3f", d)) : v.toString();
        return t.contains(",") || t.contains("\"") ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }

    static List<String> variants()
    {
        return Arrays.asList(SERVERS.stream().map(Server::variant).toArray(String[]::new));
    }
}
