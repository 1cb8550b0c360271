package io.ioarena.harness.results;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.Mode;
import io.ioarena.harness.report.CsvTable;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.ValidityLimits;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablesTest
{
    @Test
    void theSourceAddressesOfAPointAreLabelledFirstToLast()
    {
        assertEquals("127.0.0.1..127.0.0.3", Tables.sourceAddresses(Map.of("sourceAddresses",
            List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"))));
        assertEquals(null, Tables.sourceAddresses(Map.of("sourceAddresses", List.of("127.0.0.1"))), "one: the kernel's");
        assertEquals(null, Tables.sourceAddresses(Map.of("size", 64)), "a client that does not say");
    }

    private static Tables.Row closedLoop(final double achievedRate, final double meanNanos) throws Exception
    {
        final PointSpec spec = new PointSpec("selector", "echo-max", Service.ECHO, Framing.LINE, Mode.CLOSED, 0, 16, 64, 1, 1);
        final PointResult p = new PointResult("id", 1, 1, spec, "selector", PointStatus.OK, null, null, "t0", "t1",
            List.of(1), List.of(0), 1, null, null, null, 0, 0, null);
        return Tables.Row.of(p, ContractJson.read("{\"achievedRate\": " + achievedRate +
            ", \"measuredSeconds\": 2, \"histograms\": {\"latency\": {\"mean\": " + meanNanos + "}}}", ClientSummary.class, "test"),
            ValidityLimits.DEFAULT);
    }

    /** Repetition {@code rep} of an open-loop point whose client wrote {@code summary}. */
    private static Tables.Row openLoop(final int rep, final String summary) throws Exception
    {
        final PointSpec spec = new PointSpec("selector", "echo-rate", Service.ECHO, Framing.LINE, Mode.OPEN, 5000, 16, 64, 1, 1);
        return measured(spec, rep, null, summary);
    }

    /** Repetition {@code rep} of an OK point, with what its server spent and its client's summary. */
    private static Tables.Row measured(final PointSpec spec, final int rep, final Resources resources,
        final String summary) throws Exception
    {
        final PointResult p = new PointResult("id" + rep, rep, rep, spec, "selector", PointStatus.OK, null, null, "t0",
            "t1", List.of(1), List.of(0), 1, null, null, null, 0, 0, resources);
        return Tables.Row.of(p, ContractJson.read(summary, ClientSummary.class, "test"), ValidityLimits.DEFAULT);
    }

    private static String withGenerator(final double busy, final String cpuAvailable, final long hiccupMaxNanos)
    {
        return "{\"achievedRate\": 5000, \"measuredSeconds\": 2, \"generator\": {\"threadBusy\": " + busy +
            ", \"cpuIdle\": null, \"cpuAvailable\": " + cpuAvailable + ", \"cpus\": \"0\", \"hiccupMaxNanos\": " +
            hiccupMaxNanos + ", \"gcPauses\": 2, \"gcPauseNanos\": 1500000, \"stalledNanos\": " + hiccupMaxNanos + "}}";
    }

    @Test
    void clientHealthColumnsComeFromTheGeneratorSectionAndAreEmptyWithoutIt() throws Exception
    {
        final List<String> added = List.of("client_busy", "client_cpu_available", "client_hiccup_max_us",
            "client_gc_pauses", "client_stalled_ms");
        // appended after notes, so readers by position keep their columns
        final int at = Tables.RESULTS_COLUMNS.indexOf("notes") + 1;
        assertEquals(added, Tables.RESULTS_COLUMNS.subList(at, at + added.size()));
        final List<Map<String, String>> rows = CsvTable.parse(Tables.resultsCsv(List.of(
            openLoop(1, withGenerator(0.42, "0.9", 4_010_000)),
            openLoop(2, withGenerator(0.95, "null", 12_500)),
            openLoop(3, "{\"achievedRate\": 5000, \"measuredSeconds\": 2}")))).rows();
        assertEquals(0.42, Double.parseDouble(rows.get(0).get("client_busy")), 1e-9);
        assertEquals(0.9, Double.parseDouble(rows.get(0).get("client_cpu_available")), 1e-9);
        assertEquals(4010, Double.parseDouble(rows.get(0).get("client_hiccup_max_us")), 1e-9);
        assertEquals("2", rows.get(0).get("client_gc_pauses"));
        assertEquals(4.01, Double.parseDouble(rows.get(0).get("client_stalled_ms")), 1e-9);
        assertEquals("", rows.get(1).get("client_cpu_available"), "cpuAvailable null (no /proc): empty");
        assertEquals(12.5, Double.parseDouble(rows.get(1).get("client_hiccup_max_us")), 1e-9);
        for (final String c : added)
        {
            assertEquals("", rows.get(2).get(c), "a summary without a generator section: " + c);
        }
    }

    @Test
    void summaryKeepsTheClientsWorstRepetition() throws Exception
    {
        final List<Map<String, String>> one = CsvTable.parse(Tables.summaryCsv(List.of(
            openLoop(1, withGenerator(0.2, "0.9", 100_000)),
            openLoop(2, withGenerator(0.9, "0.9", 30_000_000)),
            openLoop(3, withGenerator(0.5, "0.9", 5_000))), ValidityLimits.DEFAULT)).rows();
        assertEquals(1, one.size());
        assertEquals(0.9, Double.parseDouble(one.get(0).get("client_busy_max")), 1e-9);
        assertEquals(30_000, Double.parseDouble(one.get(0).get("client_hiccup_max_us_max")), 1e-9);
        assertEquals(List.of("failure_reasons", "client_busy_max", "client_hiccup_max_us_max"),
            Tables.SUMMARY_COLUMNS.subList(Tables.SUMMARY_COLUMNS.size() - 3, Tables.SUMMARY_COLUMNS.size()));

        final Map<String, String> old = CsvTable.parse(Tables.summaryCsv(List.of(
            openLoop(1, "{\"achievedRate\": 5000, \"measuredSeconds\": 2}")), ValidityLimits.DEFAULT)).rows().get(0);
        assertEquals("", old.get("client_busy_max"));
        assertEquals("", old.get("client_hiccup_max_us_max"));
    }

    /** Repetition {@code rep} of an open-loop point whose server's event loops waited this long for a CPU. */
    private static Tables.Row waited(final int rep, final Double loopsMsPerSecond, final int loops,
        final Double allMsPerSecond) throws Exception
    {
        final PointSpec spec = new PointSpec("selector", "echo-rate", Service.ECHO, Framing.LINE, Mode.OPEN, 5000, 16, 64, 1, 1);
        final Resources r = new Resources(10, 2.0, 1.0, 0.5, 1 << 20, 12, 100, 10, null, null, null, loops,
            loopsMsPerSecond, allMsPerSecond, null);
        return measured(spec, rep, r, "{\"achievedRate\": 5000, \"measuredSeconds\": 2}");
    }

    @Test
    void runQueueColumnsComeFromTheResourcesAndAreEmptyWithoutThem() throws Exception
    {
        final List<String> added = List.of("server_runqueue_ms_per_s", "server_runqueue_threads",
            "server_runqueue_all_ms_per_s");
        // appended after the client's health, so readers by position keep their columns
        final int at = Tables.RESULTS_COLUMNS.indexOf("client_stalled_ms") + 1;
        assertEquals(added, Tables.RESULTS_COLUMNS.subList(at, at + added.size()));
        final List<Tables.Row> reps = List.of(waited(1, 12.5, 2, 40.0), waited(2, 300.0, 2, 310.0),
            waited(3, 20.0, 2, 31.0), waited(4, null, 0, 25.0));
        final List<Map<String, String>> rows = CsvTable.parse(Tables.resultsCsv(reps)).rows();
        assertEquals(12.5, Double.parseDouble(rows.get(0).get("server_runqueue_ms_per_s")), 1e-9);
        assertEquals("2", rows.get(0).get("server_runqueue_threads"));
        assertEquals(40, Double.parseDouble(rows.get(0).get("server_runqueue_all_ms_per_s")), 1e-9);
        assertEquals("", rows.get(3).get("server_runqueue_ms_per_s"), "no event-loop thread matched: empty");
        assertEquals("0", rows.get(3).get("server_runqueue_threads"));

        final Map<String, String> summary = CsvTable.parse(Tables.summaryCsv(reps, ValidityLimits.DEFAULT)).rows().get(0);
        assertEquals(20, Double.parseDouble(summary.get("server_runqueue_ms_per_s_median")), 1e-9,
            "the median of the repetitions that have it");
        assertTrue(Tables.SUMMARY_COLUMNS.containsAll(List.of("server_runqueue_ms_per_s_ci_low",
            "server_runqueue_ms_per_s_ci_high")));
    }

    /** A point of {@code service} whose server made these context switches and read/write calls in the window. */
    private static Tables.Row spent(final Service service, final long switches, final Long rwSyscalls,
        final String summary) throws Exception
    {
        final PointSpec spec = new PointSpec("selector", "x", service, Framing.LINE, Mode.OPEN, 500, 16, 64, 1, 1);
        final Resources r = new Resources(10, 2.0, 1.0, 0.5, 1 << 20, 12, switches - 10, 10, null, null, null, 2,
            null, null, rwSyscalls);
        return measured(spec, 1, r, summary);
    }

    @Test
    void switchesAndSystemCallsArePerMessageAndForChatPerDelivery() throws Exception
    {
        final List<String> added = List.of("ctx_switches_per_msg", "ctx_switches_per_delivery", "server_rw_syscalls",
            "rw_syscalls_per_msg", "rw_syscalls_per_delivery");
        // appended after the run-queue columns, so readers by position keep their columns
        final int at = Tables.RESULTS_COLUMNS.indexOf("server_runqueue_all_ms_per_s") + 1;
        assertEquals(added, Tables.RESULTS_COLUMNS.subList(at, at + added.size()));
        // chat: 500 msg/s for 2 s into a room of 16, every copy arrived: 1000 messages, 16000 deliveries
        final String chat = "{\"achievedRate\": 500, \"measuredSeconds\": 2, \"chat\": "
            + "{\"expectedDeliveries\": 16000, \"receivedDeliveries\": 16000}}";
        final String echo = "{\"achievedRate\": 500, \"measuredSeconds\": 2}";
        final List<Map<String, String>> rows = CsvTable.parse(Tables.resultsCsv(List.of(
            spent(Service.CHAT, 4_000, 34_000L, chat), spent(Service.ECHO, 1_500, 2_000L, echo),
            spent(Service.CHAT, 4_000, null, chat)))).rows();
        final Map<String, String> c = rows.get(0);
        assertEquals(4.0, Double.parseDouble(c.get("ctx_switches_per_msg")), 1e-9, "voluntary + involuntary");
        assertEquals(0.25, Double.parseDouble(c.get("ctx_switches_per_delivery")), 1e-9);
        assertEquals("34000", c.get("server_rw_syscalls"));
        assertEquals(34.0, Double.parseDouble(c.get("rw_syscalls_per_msg")), 1e-9);
        assertEquals(2.125, Double.parseDouble(c.get("rw_syscalls_per_delivery")), 1e-9);
        final Map<String, String> e = rows.get(1);
        assertEquals(1.5, Double.parseDouble(e.get("ctx_switches_per_msg")), 1e-9);
        assertEquals(2.0, Double.parseDouble(e.get("rw_syscalls_per_msg")), 1e-9);
        assertEquals("", e.get("ctx_switches_per_delivery"), "echo delivers nothing");
        assertEquals("", e.get("rw_syscalls_per_delivery"));
        final Map<String, String> unread = rows.get(2);
        for (final String column : List.of("server_rw_syscalls", "rw_syscalls_per_msg", "rw_syscalls_per_delivery"))
        {
            assertEquals("", unread.get(column), "no /proc/<pid>/io: " + column);
        }
        assertEquals(0.25, Double.parseDouble(unread.get("ctx_switches_per_delivery")), 1e-9);

        final Map<String, String> summary = CsvTable.parse(Tables.summaryCsv(List.of(
            spent(Service.CHAT, 4_000, 34_000L, chat)), ValidityLimits.DEFAULT)).rows().get(0);
        assertEquals(2.125, Double.parseDouble(summary.get("rw_syscalls_per_delivery_median")), 1e-9);
        assertEquals(0.25, Double.parseDouble(summary.get("ctx_switches_per_delivery_median")), 1e-9);
    }

    /** A chat point (500 msg/s for 2 s into 16 members) with this system-call census, or none taken. */
    private static Tables.Row counted(final int rep, final SyscallCensus census) throws Exception
    {
        final Tables.Row r = spent(Service.CHAT, 4_000, 34_000L, "{\"achievedRate\": 500, \"measuredSeconds\": 2, "
            + "\"chat\": {\"expectedDeliveries\": 16000, \"receivedDeliveries\": 16000}}");
        final PointResult p = r.point();
        return Tables.Row.of(new PointResult(p.id() + rep, rep, rep, p.spec(), p.implementation(), p.status(), null,
            null, "t0", "t1", p.serverCpus(), p.clientCpus(), 1, null, null, null, 0, 0, p.resources()), r.summary(), null,
            census, null, null, ValidityLimits.DEFAULT);
    }

    @Test
    void everySystemCallIsPerMessageAndPerDeliveryFromTheCensusWithItsSource() throws Exception
    {
        // appended at the end when they came, so readers by position keep their columns; only the memory columns,
        // the connect and churn columns, the soak's, the chat churn's and the soak's outside-heap slope, which came after
        // them, follow
        final List<String> appended = List.of("syscalls_per_msg", "syscalls_per_delivery", "syscall_source",
            "syscall_census_rate", "syscall_calls_per_msg", Tables.MEM_HEAP_KB_PER_CONN, Tables.MEM_NATIVE_KB_PER_CONN,
            Tables.MEM_PSS_KB_PER_CONN, Tables.CONNECT_P50_US, Tables.CONNECT_P99_US, "connect_p999_us",
            "connect_max_us", "churn_arrivals", "churn_completed", Tables.CHURN_FAILURES, "churn_close",
            Tables.SOAK_VERDICT, Tables.SOAK_FAILED, Tables.SOAK_RSS_MB_PER_MIN, Tables.SOAK_HEAP_MB_PER_MIN,
            Tables.SOAK_FDS_PER_MIN, Tables.SOAK_THREADS_PER_MIN, Tables.SOAK_P99_DRIFT, "chat_joins", "chat_leaves",
            "chat_churn_errors", "chat_churn_required_copies", "chat_churn_received_copies", "join_p50_us",
            "join_p99_us", "join_max_us", Tables.SOAK_RSS_OUTSIDE_HEAP_MB_PER_MIN);
        assertEquals(appended, Tables.RESULTS_COLUMNS.subList(Tables.RESULTS_COLUMNS.size() - appended.size(),
            Tables.RESULTS_COLUMNS.size()), "appended at the end, so readers by position keep their columns");
        // strace in a census run that strace slowed to 900 msg/s: 1800 messages, 28800 deliveries in 2 s
        final SyscallCensus strace = new SyscallCensus(SyscallCensus.Source.STRACE, null, "a census run", 2.0, 900.0,
            1800.0, 28800.0, 36000L, java.util.Map.of("write", 28800L, "read", 1800L, "epoll_wait", 5400L));
        final SyscallCensus perf = new SyscallCensus(SyscallCensus.Source.PERF, null, "the measured window", 2.0,
            500.0, 1000.0, 16000.0, 18000L, null);
        final List<Tables.Row> reps = List.of(counted(1, strace), counted(2, perf),
            counted(3, SyscallCensus.none("strace is not on the PATH")), counted(4, null));
        final List<Map<String, String>> rows = CsvTable.parse(Tables.resultsCsv(reps)).rows();
        assertEquals(20.0, Double.parseDouble(rows.get(0).get("syscalls_per_msg")), 1e-9);
        assertEquals(1.25, Double.parseDouble(rows.get(0).get("syscalls_per_delivery")), 1e-9);
        assertEquals("strace", rows.get(0).get("syscall_source"));
        assertEquals("900", rows.get(0).get("syscall_census_rate"));
        assertEquals("write 16.0, epoll_wait 3.00, read 1.00", rows.get(0).get("syscall_calls_per_msg"));
        assertEquals(18.0, Double.parseDouble(rows.get(1).get("syscalls_per_msg")), 1e-9);
        assertEquals("perf", rows.get(1).get("syscall_source"));
        assertEquals("", rows.get(1).get("syscall_calls_per_msg"), "perf counts a total only");
        assertEquals("", rows.get(2).get("syscalls_per_msg"));
        assertEquals("none: strace is not on the PATH", rows.get(2).get("syscall_source"));
        assertEquals("", rows.get(3).get("syscall_source"), "no census taken");
        assertEquals("34.0", String.valueOf(Double.parseDouble(rows.get(3).get("rw_syscalls_per_msg"))),
            "the read/write count is there either way");

        final Map<String, String> summary = CsvTable.parse(Tables.summaryCsv(reps, ValidityLimits.DEFAULT)).rows()
            .get(0);
        assertEquals(19.0, Double.parseDouble(summary.get("syscalls_per_msg_median")), 1e-9, "of the two counted");
        assertEquals(18.0, Double.parseDouble(summary.get("syscalls_per_msg_ci_low")), 1e-9);
        assertEquals("none: strace is not on the PATH; perf; strace", summary.get("syscall_source"));
    }

    /** Repetition {@code rep} of an open-loop point at 5000 msg/s with this p99 and send-lag p99 (µs). */
    private static Tables.Row lagged(final int rep, final long p99Us, final long sendLagP99Us) throws Exception
    {
        return openLoop(rep, "{\"achievedRate\": 5000, \"measuredSeconds\": 5, \"histograms\": {\"latency\": "
            + "{\"p99\": " + p99Us * 1000 + "}, \"sendlag\": {\"p99\": " + sendLagP99Us * 1000 + "}}}");
    }

    @Test
    void aRankedPointsStatisticsAreOverItsValidRepetitionsOnly() throws Exception
    {
        // repetitions 2 and 4 flagged SEND_LAG (lag above 10% of p99): dropped from a point with 3 of 5 valid
        final Map<String, String> ranked = CsvTable.parse(Tables.summaryCsv(List.of(lagged(1, 100, 1),
            lagged(2, 900, 500), lagged(3, 110, 1), lagged(4, 800, 400), lagged(5, 120, 1)),
            ValidityLimits.DEFAULT)).rows().get(0);
        assertEquals("true", ranked.get(Tables.RANKED));
        assertEquals("3", ranked.get(Tables.VALID_REPETITIONS));
        assertEquals(110, Double.parseDouble(ranked.get("p99_us_median")), 1e-9, "the median of 100, 110, 120");
        assertEquals(0.75, Double.parseDouble(ranked.get(Tables.CI_LEVEL)), 1e-9, "the coverage of 3 repetitions");
        assertTrue(ranked.get(Tables.FLAGS).contains("(rep 2)") && ranked.get(Tables.FLAGS).contains("(rep 4)"),
            ranked.get(Tables.FLAGS));

        // a third flagged repetition: 2 of 5 valid is too few; shown over every repetition, not ranked
        final Map<String, String> shown = CsvTable.parse(Tables.summaryCsv(List.of(lagged(1, 100, 1),
            lagged(2, 900, 500), lagged(3, 110, 1), lagged(4, 800, 400), lagged(5, 700, 300)),
            ValidityLimits.DEFAULT)).rows().get(0);
        assertEquals("false", shown.get(Tables.RANKED));
        assertEquals("2", shown.get(Tables.VALID_REPETITIONS));
        assertEquals(700, Double.parseDouble(shown.get("p99_us_median")), 1e-9, "the median of all five");
    }

    @Test
    void littlesLawRatioIsOneWhenConnectionsNeverIdle() throws Exception
    {
        // 16 connections, 1 in flight, 1 ms mean: 16000 msg/s is all Little's law allows
        assertEquals(1.0, closedLoop(16_000, 1_000_000).littlesLawRatio(), 1e-9);
        // the anomaly seen on a loaded machine: 45 msg/s at a 41.9 ms mean, where 382 msg/s was possible
        assertEquals(0.118, closedLoop(45, 41_867_605).littlesLawRatio(), 1e-3);
    }

    @Test
    void reasonsStayOnOneCsvLine()
    {
        assertEquals("no readiness line | --- last output --- | starting",
            Tables.oneLine("no readiness line\n--- last output ---\n\nstarting\n"));
        assertTrue(Tables.resultsCsv(List.of()).startsWith("point_id,seq,repetition,status,reason,"));
    }
}
