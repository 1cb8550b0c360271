package io.ioarena.harness.results;

import io.ioarena.contract.ChurnSummary;
import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ClientSummary.Percentiles;
import io.ioarena.contract.GeneratorHealth;
import io.ioarena.contract.Mode;
import io.ioarena.contract.Tag;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.ValidityLimits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The two tidy tables of a suite: {@code results.csv}, one row per point and repetition, and {@code summary.csv},
 * one row per point with the median and its confidence interval over its valid repetitions (over the OK ones when
 * too few are valid for it to be ranked). Both are made from the
 * point files alone, so they can be remade (and a report made) from a results folder at any time.
 *
 * <p>Every column is declared once below, as its name, its value and its meaning; results/README.md shows the
 * meanings ({@link Column#markdown}, and a test keeps the two the same). Adding a column is one more entry in
 * {@link #RESULTS} (and in {@link #SUMMARY_METRICS} to summarise it per point). The names readers look up are
 * constants here.
 */
public final class Tables
{
    public static final String POINT_ID = "point_id";
    public static final String REPETITION = "repetition";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String IMPLEMENTATION = "implementation";
    public static final String VARIANT = "variant";
    public static final String SWEEP = "sweep";
    public static final String WORKLOAD = "workload";
    public static final String FRAMING = "framing";
    public static final String MODE = "mode";
    public static final String CONNECTIONS = "connections";
    public static final String ACTIVE_CONNECTIONS = "active_connections";
    public static final String IN_FLIGHT = "in_flight";
    public static final String ROOMS = "rooms";
    public static final String MESSAGE_SIZE = "message_size";
    public static final String RATE_REQUESTED = "rate_requested";
    public static final String RATE_ACHIEVED = "rate_achieved";
    public static final String P50_US = "p50_us";
    public static final String P99_US = "p99_us";
    public static final String P999_US = "p999_us";
    public static final String P9999_US = "p9999_us";
    public static final String MAX_US = "max_us";
    public static final String DELIVERY_P99_US = "delivery_p99_us";
    public static final String CONNECT_P50_US = "connect_p50_us";
    public static final String CONNECT_P99_US = "connect_p99_us";
    public static final String CHURN_FAILURES = "churn_failures";
    public static final String FLAGS = "flags";
    public static final String CLIENT_FLAGS = "client_flags";
    public static final String VALID = "valid";
    public static final String VALID_REPETITIONS = "valid_repetitions";
    public static final String RANKED = "ranked";
    public static final String SERVER_CPU_CORES = "server_cpu_cores";
    public static final String CPU_US_PER_MSG = "cpu_us_per_msg";
    public static final String CTX_SWITCHES_PER_MSG = "ctx_switches_per_msg";
    public static final String CTX_SWITCHES_PER_DELIVERY = "ctx_switches_per_delivery";
    public static final String RW_SYSCALLS_PER_MSG = "rw_syscalls_per_msg";
    public static final String RW_SYSCALLS_PER_DELIVERY = "rw_syscalls_per_delivery";
    public static final String RSS_MAX_MB = "rss_max_mb";
    public static final String THREADS_MAX = "threads_max";
    public static final String SERVER_RUNQUEUE_MS_PER_S = "server_runqueue_ms_per_s";
    public static final String CLIENT_BUSY = "client_busy";
    public static final String CLIENT_HICCUP_MAX_US = "client_hiccup_max_us";
    public static final String CLIENT_STALLED_MS = "client_stalled_ms";
    public static final String SYSCALLS_PER_MSG = "syscalls_per_msg";
    public static final String MEM_HEAP_KB_PER_CONN = "mem_heap_kb_per_conn";
    public static final String MEM_NATIVE_KB_PER_CONN = "mem_native_kb_per_conn";
    public static final String MEM_PSS_KB_PER_CONN = "mem_pss_kb_per_conn";
    public static final String SYSCALLS_PER_DELIVERY = "syscalls_per_delivery";
    public static final String SOAK_VERDICT = "soak_verdict";
    public static final String SOAK_FAILED = "soak_failed";
    public static final String SOAK_RSS_MB_PER_MIN = "soak_rss_mb_per_min";
    public static final String SOAK_RSS_OUTSIDE_HEAP_MB_PER_MIN = "soak_rss_outside_heap_mb_per_min";
    public static final String SOAK_HEAP_MB_PER_MIN = "soak_heap_mb_per_min";
    public static final String SOAK_FDS_PER_MIN = "soak_fds_per_min";
    public static final String SOAK_THREADS_PER_MIN = "soak_threads_per_min";
    public static final String SOAK_P99_DRIFT = "soak_p99_drift";
    public static final String SYSCALL_SOURCE = "syscall_source";
    /** Between the flags of a cell: a flag has words (its amount), so not a space. */
    public static final String FLAG_SEPARATOR = "; ";
    public static final String REPETITIONS = "repetitions";
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String CI_LEVEL = "ci_level";
    public static final String ERRORS_TOTAL = "errors_total";
    public static final String FAILURE_REASONS = "failure_reasons";
    /** summary.csv's columns of a summarised metric, and of the worst repetition of the client's health. */
    public static final String MEDIAN = "_median";
    public static final String CI_LOW = "_ci_low";
    public static final String CI_HIGH = "_ci_high";
    public static final String WORST = "_max";

    /**
     * A finished point, the client's summary ({@code summary.json} of its {@code run}; {@code churn.json} of its
     * {@code churn} for a churn point; neither for a FAILED point, which has none), the harness's validity flags
     * ({@link Validity}; empty for a FAILED point, which is not ranked anyway) and its system-call census (null when
     * none was taken).
     */
    public record Row(PointResult point, ClientSummary summary, ChurnSummary churn, List<String> flags,
        SyscallCensus census, MemoryUse memory, SoakRecord soak)
    {
        public static Row of(final PointResult point, final ClientSummary summary, final ValidityLimits limits)
        {
            return of(point, summary, null, null, null, null, limits);
        }

        public static Row of(final PointResult point, final ChurnSummary churn, final ValidityLimits limits)
        {
            return of(point, null, churn, null, null, null, limits);
        }

        public static Row of(final PointResult point, final ClientSummary summary, final ChurnSummary churn,
            final SyscallCensus census, final MemoryUse memory, final SoakRecord soak, final ValidityLimits limits)
        {
            final List<String> flags = summary != null ? Validity.flags(point, summary, limits)
                : churn != null ? Validity.flags(point, churn, limits) : List.of();
            return new Row(point, summary, churn, flags, census, memory, soak);
        }

        /** A soak check's value (a slope per minute, or the p99 drift); NaN without a soak record. */
        double soak(final String check)
        {
            return soak == null ? Double.NaN : soak.value(check);
        }

        /** The client measured the point: a summary of its run or of its churn. */
        public boolean measured()
        {
            return summary != null || churn != null;
        }

        /** Messages/s, or for churn completed connections/s, over the measured window. */
        public double rateAchieved()
        {
            return churn != null ? churn.achievedRate() : number(ClientSummary::achievedRate);
        }

        double measuredSeconds()
        {
            return churn != null ? churn.measuredSeconds() : number(ClientSummary::measuredSeconds);
        }

        /** A churn point's failed connections by kind, as {@code refused 3; timeout 2}; null for other points. */
        String churnFailures()
        {
            return churn == null || churn.failures() == null ? null : String.join(FLAG_SEPARATOR,
                new TreeMap<>(churn.failures()).entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + " " + e.getValue()).toList());
        }

        /** The client's settings: its run's or its churn's. */
        Map<String, Object> config()
        {
            return summary != null ? summary.config() : churn != null ? churn.config() : null;
        }

        /** KB per connection of one memory measure; null without a memory measurement or that measure. */
        Double memoryKbPerConnection(final Function<MemoryReading, Long> measure)
        {
            return memory == null ? null : memory.kbPerConnection(measure);
        }

        /** A field of the census; null when there is none. */
        Object census(final Function<SyscallCensus, ?> field)
        {
            return census == null ? null : field.apply(census);
        }

        public double latencyUs(final Tag tag, final ToDoubleFunction<Percentiles> percentile)
        {
            final Percentiles p = summary != null ? summary.histogram(tag)
                : churn != null && churn.histograms() != null ? churn.histograms().get(tag.tag()) : null;
            return p == null ? Double.NaN : percentile.applyAsDouble(p) / 1000.0;
        }

        double number(final ToDoubleFunction<ClientSummary> field)
        {
            return summary == null ? Double.NaN : field.applyAsDouble(summary);
        }

        /** A field of a section that older or foreign clients may leave out, so null when unknown. */
        <S> Object section(final Function<ClientSummary, S> section, final Function<S, ?> field)
        {
            final S s = summary == null ? null : section.apply(summary);
            return s == null ? null : field.apply(s);
        }

        /** Every error class the client counts, summed. */
        double errors()
        {
            if (churn != null)
            {
                return churn.failures() == null ? 0 : churn.failures().values().stream().mapToLong(Long::longValue).sum();
            }
            return summary == null || summary.errors() == null ? Double.NaN : summary.errors().total();
        }

        List<String> clientFlags()
        {
            return summary == null || summary.flags() == null ? List.of() : summary.flags();
        }

        /** Measured, and no validity rule flagged it. */
        boolean valid()
        {
            return measured() && flags.isEmpty();
        }

        /** Messages (churn: connections) counted by rate_achieved over the measured seconds. */
        double messages()
        {
            return rateAchieved() * measuredSeconds();
        }

        /**
         * Closed loop: achieved rate over what Little's law predicts from the outstanding messages and the mean
         * latency (connections × in-flight / mean). About 1 when every connection always has its messages out;
         * well below 1 means connections sat idle between answers, so the rate measures the client, not the server.
         */
        double littlesLawRatio()
        {
            final double meanSeconds = latencyUs(Tag.LATENCY, Percentiles::mean) / 1e6;
            final PointSpec s = point.spec();
            return meanSeconds > 0 ? number(ClientSummary::achievedRate) /
                (s.connections() * (double) s.inFlight() / meanSeconds) : Double.NaN;
        }

        Object resources(final Function<Resources, ?> field)
        {
            return point.resources() == null ? null : field.apply(point.resources());
        }

        double cpuCores()
        {
            final Resources r = point.resources();
            return r == null || r.windowSeconds() <= 0 ? Double.NaN : r.cpuSeconds() / r.windowSeconds();
        }

        /** A field of the client's chat churn section; null without churn (or a summary). */
        Object churn(final Function<ClientSummary.ChatChurn, ?> field)
        {
            final ClientSummary.ChatChurn c = summary == null || summary.chat() == null ? null : summary.chat().churn();
            return c == null ? null : field.apply(c);
        }

        /** Chat: the copies of measured messages that arrived, each member's included; NaN for echo. */
        double deliveries()
        {
            final Object d = section(ClientSummary::chat, ClientSummary.Chat::receivedDeliveries);
            return d == null ? Double.NaN : ((Number) d).doubleValue();
        }

        /** What the server spent in the window (null: unknown) per message counted by rate_achieved. */
        double perMessage(final Function<Resources, ? extends Number> spent)
        {
            return per(spent, messages());
        }

        /** The same per delivery (chat; NaN for echo). */
        double perDelivery(final Function<Resources, ? extends Number> spent)
        {
            return per(spent, deliveries());
        }

        private double per(final Function<Resources, ? extends Number> spent, final double count)
        {
            final Object s = resources(spent);
            return s == null || !(count > 0) ? Double.NaN : ((Number) s).doubleValue() / count;
        }

        double cpuUsPerMessage()
        {
            return perMessage(r -> r.cpuSeconds() * 1e6);
        }

        double rssMb()
        {
            final Resources r = point.resources();
            return r == null ? Double.NaN : r.rssMaxBytes() / (1024.0 * 1024.0);
        }

        double clientHiccupMaxUs()
        {
            final Object nanos = section(ClientSummary::generator, GeneratorHealth::hiccupMaxNanos);
            return nanos == null ? Double.NaN : ((Number) nanos).doubleValue() / 1000.0;
        }
    }

    /**
     * One point of summary.csv: its spec, every repetition, the OK ones, and how many valid ones it needs to be
     * ranked ({@link ValidityLimits#validNeeded}).
     */
    record Point(PointSpec spec, List<Row> all, List<Row> ok, int validNeeded)
    {
        String implementation()
        {
            return all.get(0).point().implementation();
        }

        /** The repetitions measured and flagged by no validity rule. */
        List<Row> valid()
        {
            return ok.stream().filter(Row::valid).toList();
        }

        /** Ranked (never only shown): enough of its repetitions are valid. */
        boolean ranked()
        {
            return valid().size() >= validNeeded;
        }

        /**
         * The repetitions the statistics use: the valid ones of a ranked point, its flagged ones dropped; every OK
         * one of a point that is only shown.
         */
        List<Row> used()
        {
            return ranked() ? valid() : ok;
        }
    }

    /** The point's load, as results.csv and summary.csv both show it. */
    static final List<Column<PointSpec>> LOAD = List.of(
        new Column<>(SWEEP, PointSpec::sweep, "The sweep the point belongs to, such as `echo-rate` or `echo-max`."),
        new Column<>(WORKLOAD, s -> s.workload().cliName(), "`echo` or `chat`."),
        new Column<>(FRAMING, s -> s.framing().cliName(), "`raw`, `line` or `length`."),
        new Column<>(MODE, s -> s.mode().cliName(), "`open` (constant-rate arrivals, latency measured from the intended send "
            + "time, so coordinated omission is corrected), `closed` (each connection sends its next message when "
            + "an answer arrives; the report labels it \"" + Mode.CLOSED.label() + "\", as the client does, since a slow "
            + "answer delays the sends behind it and its latencies are subject to coordinated omission) or `churn` "
            + "(connections arrive at the rate, each connects, sends one message, reads its echo and closes: the "
            + "client's `churn`; latency from each arrival's intended time)."),
        new Column<>(CONNECTIONS, s -> s.churn() ? null : s.connections(),
            "Client connections; empty for churn, whose connections come and go."),
        new Column<>(ACTIVE_CONNECTIONS, s -> s.idleHeld() ? s.active() : null, "Open loop with idle connections "
            + "held: the connections that carry the rate; the others (`connections` minus these) are connected, proven "
            + "live with one echo and idle (the client's `--active-connections`). Empty: every connection carries it."),
        new Column<>(IN_FLIGHT, s -> s.mode() == Mode.CLOSED ? s.inFlight() : null,
            "Closed loop: messages outstanding per connection."),
        new Column<>(ROOMS, s -> s.chat() ? s.rooms() : null,
            "Chat: the number of rooms the connections are spread over."),
        new Column<>(MESSAGE_SIZE, PointSpec::size, "Payload bytes per message."),
        new Column<>(RATE_REQUESTED, s -> s.mode() == Mode.CLOSED ? null : s.rate(),
            "Open loop: messages/s asked for, all connections together; churn: connection arrivals/s."));

    private static final Column<PointSpec> VARIANT_COLUMN = new Column<>(VARIANT, PointSpec::variant, "The matrix "
        + "row: `selector`, `netty-nio`/`-epoll`/`-io_uring`, `vertx-…`, `vthreads-virtual`/`-platform`, `asyncore`, "
        + "or a foreign server's name.");

    private static final String CLIENT_HEALTH = "The load client's own health, from its `generator` section (these "
        + "four columns are empty for results of older or foreign clients). ";

    /** results.csv, in order. */
    static final List<Column<Row>> RESULTS = concat(
        List.of(
            new Column<>(POINT_ID, r -> r.point().id(), "The point folder's name under `points/`."),
            new Column<>("seq", r -> r.point().seq(), "Position in the run order (1-based). Scenarios run one "
                + "after another; within one, repetitions are interleaved: every round visits each of its points once, "
                + "in a seeded random order when `order` is `shuffled`."),
            new Column<>(REPETITION, r -> r.point().repetition(), "Which repetition this is (1..n)."),
            new Column<>(STATUS, r -> r.point().status(), "`OK` (measured) or `FAILED`."),
            new Column<>(REASON, r -> oneLine(r.point().reason()), "Why it FAILED. Examples: the conformance gate "
                + "(with the failing cases), a server that never printed its readiness line, one that exited during "
                + "the run, a client that failed or hung. Multi-line output is joined with ` \\| `."),
            new Column<>(IMPLEMENTATION, r -> r.point().implementation(),
                "`selector`, `netty`, `vertx`, `vthreads`, or a foreign server's name."),
            VARIANT_COLUMN.over(Tables::spec, VARIANT_COLUMN.doc())),
        LOAD.stream().map(c -> c.over(Tables::spec, c.doc())).toList(),
        List.of(
            new Column<>(RATE_ACHIEVED, Row::rateAchieved, "Messages/s counted by the "
                + "client over the measured window. For echo this counts responses; for chat it counts messages sent "
                + "and fully delivered; for churn, connections completed (connected, echoed, closed) per second."),
            new Column<>("sent", r -> r.number(ClientSummary::sent), "Messages in the measured window."),
            Column.alongside("received", r -> r.number(ClientSummary::received)),
            new Column<>("measured_s", Row::measuredSeconds,
                "Length of the measured window."),
            new Column<>(P50_US, r -> r.latencyUs(Tag.LATENCY, Percentiles::p50), "Response-time percentiles "
                + "(p50, p90, p99, p99.9, p99.99), maximum and mean. Churn: the first echo's, from each connection's "
                + "intended arrival to its echo back (connecting included)."),
            Column.alongside("p90_us", r -> r.latencyUs(Tag.LATENCY, Percentiles::p90)),
            Column.alongside(P99_US, r -> r.latencyUs(Tag.LATENCY, Percentiles::p99)),
            Column.alongside(P999_US, r -> r.latencyUs(Tag.LATENCY, Percentiles::p999)),
            Column.alongside(P9999_US, r -> r.latencyUs(Tag.LATENCY, Percentiles::p9999)),
            Column.alongside(MAX_US, r -> r.latencyUs(Tag.LATENCY, Percentiles::max)),
            Column.alongside("mean_us", r -> r.latencyUs(Tag.LATENCY, Percentiles::mean)),
            new Column<>("delivery_p50_us", r -> r.latencyUs(Tag.DELIVERY, Percentiles::p50), "Chat: latency from "
                + "the intended send time to each recipient's receipt."),
            Column.alongside(DELIVERY_P99_US, r -> r.latencyUs(Tag.DELIVERY, Percentiles::p99)),
            Column.alongside("delivery_p999_us", r -> r.latencyUs(Tag.DELIVERY, Percentiles::p999)),
            Column.alongside("delivery_max_us", r -> r.latencyUs(Tag.DELIVERY, Percentiles::max)),
            new Column<>("sendlag_p99_us", r -> r.latencyUs(Tag.SENDLAG, Percentiles::p99), "p99 of how late the "
                + "client actually wrote compared with its schedule. Large values mean the client, not the server, "
                + "was the bottleneck (`SEND_LAG` flag)."),
            new Column<>("errors", Row::errors, "Every error the client counted: the six classes below, plus the "
                + "messages still `unanswered` after the drain timeout and those left `unsent` (both in "
                + "`summary.json`'s `errors`; see load-client/README.md). Churn: its failed connections."),
            new Column<>("lost", r -> r.section(ClientSummary::errors, ClientSummary.Errors::lost),
                "The client's error counts by class."),
            Column.alongside("corrupted", r -> r.section(ClientSummary::errors, ClientSummary.Errors::corrupted)),
            Column.alongside("reordered", r -> r.section(ClientSummary::errors, ClientSummary.Errors::reordered)),
            Column.alongside("duplicated", r -> r.section(ClientSummary::errors, ClientSummary.Errors::duplicated)),
            Column.alongside("unexpected", r -> r.section(ClientSummary::errors, ClientSummary.Errors::unexpected)),
            Column.alongside("disconnects",
                r -> r.section(ClientSummary::errors, ClientSummary.Errors::disconnects)),
            new Column<>("connections_failed",
                r -> r.section(ClientSummary::connections, ClientSummary.Connections::failed),
                "Connections the client could not establish."),
            new Column<>("source_addresses", r -> sourceAddresses(r.config()),
                "The loopback addresses the client's connections came from, first and last (`127.0.0.1..127.0.0.4`): "
                    + "the harness spreads a point over several (the client's `--source-addresses`) when one address's "
                    + "ephemeral ports cannot hold its connections. Empty: one address, chosen by the kernel."),
            new Column<>(FLAGS, r -> String.join(FLAG_SEPARATOR, r.flags()), "The harness's validity flags, each "
                + "with by how much, separated by `; ` (see Validity below), e.g. `CLIENT_STALL 0.6%; SEND_LAG 14% of "
                + "p99`. Empty means valid: the point can be ranked."),
            new Column<>(VALID, r -> r.measured() ? r.valid() : null,
                "`true` when the point was measured and no validity rule flagged it."),
            new Column<>(CLIENT_FLAGS, r -> String.join(" ", r.clientFlags()), "The client's own validity flags, "
                + "space-separated, as raw data (`UNDER_TARGET`, `SEND_LAG`, `GENERATOR_CPU`, `GENERATOR_HICCUP`, "
                + "`LOSS`, …; load-client/README.md): they do not decide validity, the harness's rules do."),
            new Column<>("littles_law_ratio", r -> r.point().spec().mode() == Mode.CLOSED ? r.littlesLawRatio() : null,
                "Closed loop only: `rate_achieved` divided by what Little's law predicts from the messages kept "
                    + "outstanding and the mean latency (`connections × in_flight / mean`). It is about 1 when every "
                    + "connection always has its messages out. A value well below 1 means connections sat idle "
                    + "between an answer and the next message, so the rate measures the client, not the server."),
            new Column<>("server_cpu_user_s", r -> r.resources(Resources::cpuUserSeconds), "Server CPU seconds in the "
                + "measured window. The window is the client's `endEpochMs` minus `measuredSeconds`, and the 1 s "
                + "samples are interpolated at its edges."),
            Column.alongside("server_cpu_sys_s", r -> r.resources(Resources::cpuSysSeconds)),
            new Column<>(SERVER_CPU_CORES, Row::cpuCores,
                "(user + sys) / window length: how many cores the server kept busy."),
            new Column<>(CPU_US_PER_MSG, Row::cpuUsPerMessage, "Server CPU microseconds per message counted by "
                + "`rate_achieved` (churn: per completed connection). This is the efficiency figure: lower is "
                + "cheaper."),
            new Column<>(RSS_MAX_MB, Row::rssMb, "Highest resident set of the server process in the window, in MiB. "
                + "For Java servers it includes the part of the fixed heap (`-Xms1g -Xmx1g`, not touched up front) "
                + "that the server has used so far, so it grows with what a server allocates."),
            new Column<>(THREADS_MAX, r -> r.resources(Resources::threadsMax),
                "Highest thread count of the server process in the window."),
            new Column<>("ctx_switches_voluntary", r -> r.resources(Resources::contextSwitchesVoluntary),
                "Context switches of all server threads in the window."),
            Column.alongside("ctx_switches_involuntary", r -> r.resources(Resources::contextSwitchesInvoluntary)),
            new Column<>("gc_pauses", r -> r.resources(Resources::gcPauses), "Stop-the-world pauses of the server JVM "
                + "inside the window, from its safepoint log: every safepoint, a collection's or another VM operation's, "
                + "from the request to stop to leaving it (so the time its threads took to reach it counts too, and "
                + "ZGC's pauses are seen). They are empty for foreign servers."),
            Column.alongside("gc_pause_total_ms", r -> r.resources(Resources::gcPauseTotalMs)),
            Column.alongside("gc_pause_max_ms", r -> r.resources(Resources::gcPauseMaxMs)),
            new Column<>("event_loops", r -> r.point().eventLoops(), "The N given to the server (`--event-loops`; "
                + "also the virtual-thread scheduler's parallelism): the number of CPUs it was pinned to."),
            new Column<>("server_cpus", r -> cpus(r.point().serverCpus()),
                "The CPU sets (space-separated) the server and client ran on."),
            Column.alongside("client_cpus", r -> cpus(r.point().clientCpus())),
            new Column<>("started_at", r -> r.point().startedAt(), "When the point started (UTC, ISO-8601)."),
            new Column<>("notes", r -> r.point().notes() == null ? null : String.join("; ", r.point().notes()),
                "Things worth knowing about a point, such as the trial it ran on and how that trial was "
                + "warmed (`trial selector_echo_line (started …; warmed 9.2 s in 3 chunks: until its JIT was "
                + "quiet)`)."),
            new Column<>(CLIENT_BUSY, r -> r.section(ClientSummary::generator, GeneratorHealth::threadBusy),
                CLIENT_HEALTH + "Share of the measured window its I/O threads were on a CPU, 0..1 (`threadBusy`). "
                    + "In open loop it includes the busy poll of the last 3 ms before each send, so near 1 is "
                    + "normal there from about 350 msgs/s per client thread; in closed loop near 1 means the "
                    + "client may have set the pace."),
            new Column<>("client_cpu_available",
                r -> r.section(ClientSummary::generator, GeneratorHealth::cpuAvailable), "Share of the client's "
                + "CPUs' time that was idle or spent by its own I/O threads, 0..1 (`cpuAvailable`): what the client "
                + "had or could have had. Below 0.2 in open loop raises `GENERATOR_CPU`. Empty where the client has "
                + "no `/proc`."),
            new Column<>(CLIENT_HICCUP_MAX_US, Row::clientHiccupMaxUs, "The client's longest own stall in the "
                + "measured window (its hiccup meter: a thread that sleeps 10 ms over and over and records how late "
                + "it wakes). Longer than 10 ms raises `GENERATOR_HICCUP`."),
            new Column<>("client_gc_pauses", r -> r.section(ClientSummary::generator, GeneratorHealth::gcPauses),
                "Stop-the-world GC pauses of the client JVM in the measured window."),
            new Column<>(CLIENT_STALLED_MS, r -> r.section(ClientSummary::generator, g -> g.stalledNanos() == null
                ? null : g.stalledNanos() / 1e6), "The client's hiccup meter's gaps of 10 ms or more in the measured "
                + "window, summed (`stalledNanos`). The meter also waits behind the client's own busy I/O thread, so "
                + "these gaps are the `CLIENT_STALL` rule's measure only for clients that do not report "
                + "`client_io_stalled_ms`. Empty for clients that do not report it."),
            new Column<>(SERVER_RUNQUEUE_MS_PER_S, r -> r.resources(Resources::eventLoopRunQueueMsPerSecond),
                "How long the server's event-loop threads, summed, were ready to run but waiting for a CPU, "
                + "in milliseconds per second of the measured window (the second field of each thread's "
                + "`/proc/<pid>/task/<tid>/schedstat`, sampled with the other counters and interpolated at "
                + "the window's edges). Large values mean the server was descheduled (by its own other "
                + "threads, such as the JIT compiler or GC, by other processes on its CPUs, or by the "
                + "hypervisor), not slow: a latency tail with a large wait here is the machine's as much as "
                + "the server's. 1000 ms/s is one thread that waited the whole time, or two that each waited "
                + "half of it: on this 2-vCPU VM two spinning threads pinned to one CPU measured 1,101–1,713 "
                + "ms/s over four runs (above 1000 because the CPU also ran other work), and a sleeping "
                + "thread 0.0 (`RunQueueWaitTest`). The event-loop threads are the ones the server names in "
                + "its readiness line (`eventLoopThreads`, PROTOCOL.md section 8): the selector's reactors, "
                + "Netty's and Vert.x's event loops, the virtual-thread carriers and the JDK's I/O pollers, "
                + "or `vthreads-platform`'s connection threads. A server that names none (a foreign server "
                + "such as `asyncore`) is measured over all its threads, and `notes` says so. Empty when no "
                + "thread matched or the kernel keeps no schedstat."),
            new Column<>("server_runqueue_threads", r -> r.resources(Resources::eventLoopThreads),
                "How many threads `server_runqueue_ms_per_s` summed (the most seen in the window); with the "
                + "fallback, every thread of the server."),
            new Column<>("server_runqueue_all_ms_per_s", r -> r.resources(Resources::runQueueMsPerSecond),
                "The same wait over all the server's threads, JVM helpers included. A thread that lived "
                + "less than one sampling interval (1 s) may not be counted, so with many short-lived "
                + "threads this is a lower bound."),
            new Column<>(CTX_SWITCHES_PER_MSG, r -> r.perMessage(Resources::contextSwitches), "Context switches "
                + "(voluntary + involuntary, all server threads) per message counted by `rate_achieved`: each one is "
                + "a thread that blocked or was preempted, so a server that wakes a thread per message or per "
                + "delivery shows it here."),
            new Column<>(CTX_SWITCHES_PER_DELIVERY, r -> r.perDelivery(Resources::contextSwitches), "Chat: the same "
                + "per delivery, every copy of a measured message that arrived counting once, the sender's own "
                + "included (the client's `chat.receivedDeliveries`). Empty for echo."),
            new Column<>("server_rw_syscalls", r -> r.resources(Resources::rwSyscalls), "Read- and write-family "
                + "system calls of the server process in the window: `syscr + syscw` of `/proc/<pid>/io`, sampled "
                + "with the other counters. Not every system call: it counts `read`, `readv`, `write`, `writev` "
                + "(and the other calls through the VFS), not `recv`/`send`/`recvmsg`/`sendmsg`, `epoll_wait` or "
                + "`io_uring_enter` (see [System calls](#system-calls) for what each server uses and why this "
                + "source). Empty where the file cannot be read."),
            new Column<>(RW_SYSCALLS_PER_MSG, r -> r.perMessage(Resources::rwSyscalls), "`server_rw_syscalls` "
                + "per message counted by `rate_achieved`, and (chat; empty for echo) per delivery as above."),
            Column.alongside(RW_SYSCALLS_PER_DELIVERY, r -> r.perDelivery(Resources::rwSyscalls)),
            new Column<>("client_io_stalled_ms", r -> r.section(ClientSummary::generator,
                g -> g.ioStalledNanos() == null ? null : g.ioStalledNanos() / 1e6), "The client's I/O threads' own "
                + "stalls in the measured window, per thread: gaps of 1 ms or more between two turns of their loop "
                + "that polled rather than blocked (`ioStalledNanos`). Over `validity.clientStall` of the window it "
                + "raises `CLIENT_STALL`. Empty for clients that do not report it."),
            new Column<>("client_io_wait_ms", r -> r.section(ClientSummary::generator, g -> g.ioWaitNanos() == null
                ? null : g.ioWaitNanos() / 1e6), "How long the client's I/O threads were ready to run but had no "
                + "CPU in the measured window, per thread (their `schedstat`, `ioWaitNanos`), short preemptions "
                + "included (2-2.6% of the window at 20k msg/s on 2 vCPUs, about half of it the hiccup meter's own "
                + "wake-ups). Empty where the "
                + "client cannot read it (not Linux)."),
            new Column<>("client_jit_ms", r -> r.section(ClientSummary::generator, g -> g.jitNanos() == null
                ? null : g.jitNanos() / 1e6), "How long the client JVM's JIT compiled in the measured window "
                + "(`jitNanos`): its compiler threads share the client's cores, so compiling there delays its sends. "
                + "Empty for clients that do not report it."),
            new Column<>(SYSCALLS_PER_MSG, r -> r.census(SyscallCensus::perMessage), "Every system call of the "
                + "server's threads per message counted by `rate_achieved`, and (chat; empty for echo) per delivery "
                + "as above, from the point's system-call census (`syscalls.json`; suite setting `syscallCensus`, "
                + "see [System calls](#system-calls)). Empty when no census was taken or it counted nothing "
                + "(`syscall_source` says why)."),
            Column.alongside(SYSCALLS_PER_DELIVERY, r -> r.census(SyscallCensus::perDelivery)),
            new Column<>(SYSCALL_SOURCE, r -> r.census(SyscallCensus::sourceCell), "What counted them: `perf` "
                + "(`perf stat -e raw_syscalls:sys_enter` over the measured window itself), `strace` (`strace -c -f` "
                + "over up to 2 s of a census run of the same load after the measured window, not measured), or `none: "
                + "<why>`. Empty when the census was off."),
            new Column<>("syscall_census_rate", r -> r.census(SyscallCensus::rateAchieved), "Messages/s of the "
                + "load while it was counted: `rate_achieved` for `perf`; for `strace` the census run's own, which "
                + "ptrace may have held below the point's (a server that falls behind batches, and makes fewer "
                + "calls per message)."),
            new Column<>("syscall_calls_per_msg", r -> r.census(c -> c.topCallsPerMessage(5)), "`strace`: the five "
                + "most frequent calls per message, e.g. `write 15.5, read 1.00, epoll_wait 1.00`."),
            new Column<>(MEM_HEAP_KB_PER_CONN, r -> r.memoryKbPerConnection(MemoryReading::heapUsedAfterGcBytes),
                "What each connection costs the server, in KB, from the point's memory run (`memory.json`; suite "
                + "setting `memoryProbe`, see [Memory per connection](#memory-per-connection)): the growth from "
                + "before the run to while it held the point's connections, over the connections. `heap`: the JVM's "
                + "live heap after a full collection; `native`: Native Memory Tracking's committed memory outside the "
                + "heap (thread stacks, direct buffers); `pss`: the proportional resident set, for every server. "
                + "Empty without a memory run, and for what a server does not have (heap and native: JVMs only)."),
            Column.alongside(MEM_NATIVE_KB_PER_CONN, r -> r.memoryKbPerConnection(MemoryReading::nmtNativeBytes)),
            Column.alongside(MEM_PSS_KB_PER_CONN, r -> r.memoryKbPerConnection(MemoryReading::pssBytes)),
            new Column<>(CONNECT_P50_US, r -> r.latencyUs(Tag.CONNECT, Percentiles::p50), "Connect latency "
                + "percentiles and maximum. Churn: from each connection's intended arrival to connected, so a client "
                + "that fell behind or a server slow to accept shows in full; otherwise each connection's connect "
                + "call to connected, before the run."),
            Column.alongside(CONNECT_P99_US, r -> r.latencyUs(Tag.CONNECT, Percentiles::p99)),
            Column.alongside("connect_p999_us", r -> r.latencyUs(Tag.CONNECT, Percentiles::p999)),
            Column.alongside("connect_max_us", r -> r.latencyUs(Tag.CONNECT, Percentiles::max)),
            new Column<>("churn_arrivals", r -> r.churn() == null ? null : r.churn().arrivals(), "Churn: the "
                + "connections that arrived in the measured window, and those that completed (connected, echoed "
                + "byte for byte, closed)."),
            Column.alongside("churn_completed", r -> r.churn() == null ? null : r.churn().completed()),
            new Column<>(CHURN_FAILURES, Row::churnFailures, "Churn: the connections that did not complete, by kind "
                + "(`refused`, `reset`, `closed`, `timeout`, `address-in-use`, `corrupt`, `other`; load-client/README.md, "
                + "Churn), e.g. `refused 3; timeout 2`; empty when none failed. Any raises `CHURN_FAILED`."),
            new Column<>("churn_close", r -> r.churn() == null ? null : r.churn().closeMode(), "Churn: how the "
                + "client closed, `fin` (orderly; its side keeps TIME_WAIT) or `linger0` (`SO_LINGER 0`, a reset: a "
                + "labelled variant)."),
            new Column<>(SOAK_VERDICT, r -> r.soak() == null ? null : r.soak().passed() ? "PASS" : "FAIL", "Soak "
                + "(suite setting `soak`, see [Soak](#soak)): `PASS` when every check of `soak.json` passed, else "
                + "`FAIL`; empty outside a soak."),
            new Column<>(SOAK_FAILED, r -> r.soak() == null ? null : r.soak().failed(), "Soak: the checks that "
                + "failed, as `rss; p99_drift` (`rss` or `rss_outside_heap`, `heap`, `fds`, `threads`, `p99_drift`, "
                + "`errors`)."),
            new Column<>(SOAK_RSS_MB_PER_MIN, r -> r.soak() == null ? Double.NaN : r.soak().rssSlope(), "Soak: the "
                + "least-squares slope per minute, over the judged part of the window (after `soak.settle`), of the "
                + "server's whole resident set (MiB; judged, check `rss`, where it is not split at a Java heap; for "
                + "a JVM recorded, not judged), its live heap after a forced full collection (MiB; JVMs only), its "
                + "open files and its threads. Empty where it had too few readings (which fails a judged check)."),
            Column.alongside(SOAK_HEAP_MB_PER_MIN, r -> r.soak(SoakRecord.HEAP)),
            Column.alongside(SOAK_FDS_PER_MIN, r -> r.soak(SoakRecord.FDS)),
            Column.alongside(SOAK_THREADS_PER_MIN, r -> r.soak(SoakRecord.THREADS)),
            new Column<>(SOAK_P99_DRIFT, r -> r.soak(SoakRecord.P99_DRIFT), "Soak: the p99 (delivery p99 for chat) "
                + "of the last third of the judged part over that of its first third, each over the merged "
                + "histogram of its seconds."),
            new Column<>("chat_joins", r -> r.churn(ClientSummary.ChatChurn::joins), "Chat with `chatChurn` "
                + "(membership churn, the client's `--chat-churn`): the measured visits that joined and left, the "
                + "visitors' errors of every class (also counted in `errors`), the copies the visitors had to get "
                + "(sent after their `OK JOIN` and processed before their `LEAVE`: load-client/README.md, Chat churn) "
                + "and the copies they got. Empty without churn."),
            Column.alongside("chat_leaves", r -> r.churn(ClientSummary.ChatChurn::leaves)),
            Column.alongside("chat_churn_errors", r -> r.churn(ClientSummary.ChatChurn::errors)),
            Column.alongside("chat_churn_required_copies", r -> r.churn(ClientSummary.ChatChurn::requiredCopies)),
            Column.alongside("chat_churn_received_copies", r -> r.churn(ClientSummary.ChatChurn::receivedCopies)),
            new Column<>("join_p50_us", r -> r.latencyUs(Tag.JOIN, Percentiles::p50), "Chat with `chatChurn`: from "
                + "each visit's intended join time to its `OK JOIN`."),
            Column.alongside("join_p99_us", r -> r.latencyUs(Tag.JOIN, Percentiles::p99)),
            Column.alongside("join_max_us", r -> r.latencyUs(Tag.JOIN, Percentiles::max)),
            new Column<>(SOAK_RSS_OUTSIDE_HEAP_MB_PER_MIN, r -> r.soak(SoakRecord.RSS_OUTSIDE_HEAP), "Soak: the "
                + "least-squares slope per minute (MiB), over the judged part, of a JVM's resident set outside its "
                + "Java heap (the resident set less the resident pages of the heap's address range, from smaps): "
                + "the check `rss_outside_heap`, which judges a JVM's resident set in place of `rss`, because pages "
                + "of a heap that is not touched up front are first touched for minutes. Empty for other servers "
                + "and for a collector that prints no heap range (ZGC).")));

    public static final List<String> RESULTS_COLUMNS = Column.names(RESULTS);

    /** The results.csv columns summary.csv gives a median and confidence interval of, per point. */
    public static final List<String> SUMMARY_METRICS = List.of(RATE_ACHIEVED, P50_US, P99_US, P999_US, P9999_US, MAX_US,
        DELIVERY_P99_US, CPU_US_PER_MSG, CTX_SWITCHES_PER_MSG, CTX_SWITCHES_PER_DELIVERY, RW_SYSCALLS_PER_MSG,
        RW_SYSCALLS_PER_DELIVERY, SERVER_CPU_CORES, RSS_MAX_MB, SERVER_RUNQUEUE_MS_PER_S, SYSCALLS_PER_MSG,
        SYSCALLS_PER_DELIVERY, MEM_HEAP_KB_PER_CONN, MEM_NATIVE_KB_PER_CONN, MEM_PSS_KB_PER_CONN,
        CONNECT_P99_US, SOAK_RSS_MB_PER_MIN, SOAK_HEAP_MB_PER_MIN, SOAK_FDS_PER_MIN, SOAK_THREADS_PER_MIN,
        SOAK_P99_DRIFT, SOAK_RSS_OUTSIDE_HEAP_MB_PER_MIN);

    /**
     * The client's own health per point: the worst repetition, not the median, since one repetition with the client
     * at its limits is enough to doubt the point.
     */
    static final List<String> SUMMARY_WORST = List.of(CLIENT_BUSY, CLIENT_HICCUP_MAX_US);

    private static final List<Column<Point>> SUMMARY_HEAD = concat(
        List.of(VARIANT_COLUMN.over(Point::spec, "As in results.csv."),
            new Column<>(IMPLEMENTATION, Point::implementation, null)),
        LOAD.stream().map(c -> c.<Point>over(Point::spec, null)).toList(),
        List.of(
            new Column<>(REPETITIONS, p -> p.all().size(),
                "How many repetitions ran, and how many were OK or FAILED."),
            Column.alongside(OK, p -> p.ok().size()),
            Column.alongside(FAILED, p -> p.all().size() - p.ok().size()),
            new Column<>(VALID_REPETITIONS, p -> p.valid().size(), "How many OK repetitions no validity rule "
                + "flagged (results.csv's `valid`)."),
            new Column<>(RANKED, Point::ranked, "`true` when at least `validity.validRepetitions` (60%: 3 of 5, 2 "
                + "of 2) of the repetitions are valid. The statistics of a ranked point are over its valid "
                + "repetitions only, its flagged ones dropped (`flags` names them); those of a point that is not "
                + "ranked are over every OK repetition, shown but never ranked."),
            new Column<>(CI_LEVEL, p -> MedianCi.of(new double[p.used().size()]).level(), "The actual coverage of "
                + "the intervals in this row (see below), for example `0.75` with 3 repetitions, `0.9375` with 5 and "
                + "`0.96875` with 6 (≥ `0.95` from 6 on). It is `0` with one repetition, which gives no interval.")));

    private static final List<Column<Point>> SUMMARY_TAIL = concat(
        List.of(
            new Column<>(SYSCALL_SOURCE, p -> String.join("; ", new TreeSet<>(p.ok().stream()
                .map(r -> (String) r.census(SyscallCensus::sourceCell)).filter(c -> c != null).toList())),
                "The distinct `syscall_source` of the OK repetitions: what counted `syscalls_per_msg`, or why "
                + "nothing did."),
            new Column<>(ERRORS_TOTAL, p -> p.ok().stream().mapToDouble(Row::errors).filter(d -> !Double.isNaN(d))
                .sum(), "Errors summed over the OK repetitions."),
            new Column<>(FLAGS, p -> String.join(FLAG_SEPARATOR, p.ok().stream().flatMap(r -> r.flags().stream()
                .map(f -> f + " (rep " + r.point().repetition() + ")")).toList()), "Every validity flag raised by an "
                + "OK repetition, with its amount and repetition, separated by `; `, e.g. `CLIENT_STALL 0.6% (rep 2)`: "
                + "the repetitions a ranked point dropped, or why a point is not ranked."),
            new Column<>(FAILURE_REASONS, p -> String.join("; ", new TreeSet<>(p.all().stream()
                .filter(r -> !r.point().ok()).map(r -> oneLine(r.point().reason())).toList())),
                "The distinct reasons of the FAILED repetitions.")),
        SUMMARY_WORST.stream().map(m -> new Column<Point>(m + WORST,
            p -> p.ok().stream().mapToDouble(results(m)).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN),
            m.equals(SUMMARY_WORST.get(0)) ? "The load client's own health in its worst OK repetition: the highest "
                + "`client_busy` and the longest `client_hiccup_max_us` (see results.csv). Empty when the client did "
                + "not report them." : null)).toList());

    /** summary.csv, in order. */
    static final List<Column<Point>> SUMMARY = concat(SUMMARY_HEAD,
        SUMMARY_METRICS.stream().flatMap(Tables::summarised).toList(), SUMMARY_TAIL);

    public static final List<String> SUMMARY_COLUMNS = Column.names(SUMMARY);

    private Tables()
    {
    }

    /** The median and confidence interval of a results.csv column over the repetitions a point's statistics use. */
    private static Stream<Column<Point>> summarised(final String metric)
    {
        final ToDoubleFunction<Row> value = results(metric);
        final Function<Point, MedianCi> ci = p -> MedianCi.of(p.used().stream().mapToDouble(value)
            .filter(d -> !Double.isNaN(d)).toArray());
        return Stream.of(new Column<>(metric + MEDIAN, p -> ci.apply(p).median(), null),
            new Column<>(metric + CI_LOW, p -> ci.apply(p).low(), null),
            new Column<>(metric + CI_HIGH, p -> ci.apply(p).high(), null));
    }

    /** A results.csv column's value in a row, as a number (NaN when empty). */
    static ToDoubleFunction<Row> results(final String name)
    {
        final Column<Row> column = RESULTS.stream().filter(c -> c.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalStateException("no results.csv column " + name));
        return r -> column.value().apply(r) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** summary.csv's columns as results/README.md documents them: the summarised metrics in one row. */
    static String summaryMarkdown()
    {
        return Column.markdown(concat(SUMMARY_HEAD, List.of(
            new Column<Point>("<metric>" + MEDIAN, p -> null, "For each of " + String.join(", ",
                SUMMARY_METRICS.subList(0, SUMMARY_METRICS.size() - 1).stream().map(m -> "`" + m + "`").toList())
                + " and `" + SUMMARY_METRICS.get(SUMMARY_METRICS.size() - 1) + "`: the median over the repetitions "
                + "and its confidence interval."),
            Column.alongside("<metric>" + CI_LOW, p -> null),
            Column.alongside("<metric>" + CI_HIGH, p -> null)), SUMMARY_TAIL));
    }

    static String resultsMarkdown()
    {
        return Column.markdown(RESULTS);
    }

    public static String resultsCsv(final List<Row> rows)
    {
        return csv(RESULTS, rows);
    }

    public static String summaryCsv(final List<Row> rows, final ValidityLimits limits)
    {
        return csv(SUMMARY, points(rows, limits));
    }

    /** The rows grouped by point, in the order of each point's first row. */
    static List<Point> points(final List<Row> rows, final ValidityLimits limits)
    {
        final Map<PointSpec, List<Row>> bySpec = new LinkedHashMap<>();
        rows.forEach(r -> bySpec.computeIfAbsent(r.point().spec(), k -> new ArrayList<>()).add(r));
        return bySpec.entrySet().stream().map(e -> new Point(e.getKey(), e.getValue(),
            e.getValue().stream().filter(r -> r.point().ok()).toList(), limits.validNeeded(e.getValue().size())))
            .toList();
    }

    static <R> String csv(final List<Column<R>> columns, final List<R> rows)
    {
        final StringBuilder out = new StringBuilder(Csv.row(Column.names(columns)));
        for (final R r : rows)
        {
            out.append(Csv.row(columns.stream().map(c -> c.value().apply(r)).toList()));
        }
        return out.toString();
    }

    private static PointSpec spec(final Row r)
    {
        return r.point().spec();
    }

    @SafeVarargs
    private static <R> List<Column<R>> concat(final List<Column<R>>... parts)
    {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    /** Reasons may quote a process's output over several lines; a CSV cell gets them joined with " | ". */
    static String oneLine(final String text)
    {
        return text == null ? null : String.join(" | ", text.lines().filter(l -> !l.isBlank()).toList());
    }

    /** The client's {@code sourceAddresses} setting as first..last, or null for one address (or a client without it). */
    static String sourceAddresses(final Map<String, Object> config)
    {
        return config != null && config.get("sourceAddresses") instanceof List<?> l && l.size() > 1
            ? l.getFirst() + ".." + l.getLast() : null;
    }

    private static String cpus(final List<Integer> cpus)
    {
        return cpus == null ? null : String.join(" ", cpus.stream().map(String::valueOf).toList());
    }
}
