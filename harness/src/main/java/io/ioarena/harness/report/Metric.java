package io.ioarena.harness.report;

import io.ioarena.harness.results.Tables;

/**
 * The measured quantities the report and the comparison show, by their column stem in the harness's tables:
 * {@code results.csv} has one column per metric ({@code p99_us}), {@code summary.csv} three
 * ({@code p99_us_median}, {@code p99_us_ci_low}, {@code p99_us_ci_high}).
 */
public enum Metric
{
    THROUGHPUT(Tables.RATE_ACHIEVED, "throughput", "msg/s", true),
    P50(Tables.P50_US, "p50", "µs", false),
    P99(Tables.P99_US, "p99", "µs", false),
    P999(Tables.P999_US, "p99.9", "µs", false),
    P9999(Tables.P9999_US, "p99.99", "µs", false),
    DELIVERY_P99(Tables.DELIVERY_P99_US, "delivery p99", "µs", false),
    CPU_PER_MESSAGE(Tables.CPU_US_PER_MSG, "CPU per message", "µs", false),
    SWITCHES_PER_MESSAGE(Tables.CTX_SWITCHES_PER_MSG, "context switches per message", "", false),
    SWITCHES_PER_DELIVERY(Tables.CTX_SWITCHES_PER_DELIVERY, "context switches per delivery", "", false),
    RW_SYSCALLS_PER_MESSAGE(Tables.RW_SYSCALLS_PER_MSG, "read/write system calls per message", "", false),
    RW_SYSCALLS_PER_DELIVERY(Tables.RW_SYSCALLS_PER_DELIVERY, "read/write system calls per delivery", "", false),
    CPU_CORES(Tables.SERVER_CPU_CORES, "server CPU", "cores", false),
    RSS(Tables.RSS_MAX_MB, "RSS", "MB", false),
    THREADS(Tables.THREADS_MAX, "threads", "", false),
    RUN_QUEUE_WAIT(Tables.SERVER_RUNQUEUE_MS_PER_S, "run-queue wait", "ms/s", false),
    SYSCALLS_PER_MESSAGE(Tables.SYSCALLS_PER_MSG, "system calls per message", "", false),
    SYSCALLS_PER_DELIVERY(Tables.SYSCALLS_PER_DELIVERY, "system calls per delivery", "", false),
    /** A capacity search's rate found (capacity/*.json, not a table column: no point has it). */
    CAPACITY("capacity", "capacity", "msg/s", true);

    private final String column;
    private final String label;
    private final String unit;
    private final boolean higherIsBetter;

    Metric(final String column, final String label, final String unit, final boolean higherIsBetter)
    {
        this.column = column;
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    public String column()
    {
        return column;
    }

    public String label()
    {
        return label;
    }

    public String unit()
    {
        return unit;
    }

    public boolean higherIsBetter()
    {
        return higherIsBetter;
    }

    public boolean latency()
    {
        return "µs".equals(unit) && this != CPU_PER_MESSAGE;
    }

    /** The value for people, in this metric's unit. */
    public String format(final double v)
    {
        if (latency())
        {
            return Fmt.micros(v);
        }
        return switch (this)
        {
            case THROUGHPUT, CAPACITY -> Fmt.count(v) + " msg/s";
            case CPU_PER_MESSAGE -> Fmt.sig(v) + " µs";
            case RSS -> Fmt.sig(v) + " MB";
            case CPU_CORES, SWITCHES_PER_MESSAGE, SWITCHES_PER_DELIVERY, RW_SYSCALLS_PER_MESSAGE,
                 RW_SYSCALLS_PER_DELIVERY, SYSCALLS_PER_MESSAGE, SYSCALLS_PER_DELIVERY -> Fmt.sig(v);
            case RUN_QUEUE_WAIT -> Double.isNaN(v) ? Fmt.MISSING : Fmt.sig(v) + " ms/s";
            default -> Fmt.count(v);
        };
    }

    /** How much worse {@code value} is than {@code best}, as a factor ≥ 1 for either direction of goodness. */
    public double behind(final double value, final double best)
    {
        return higherIsBetter ? best / value : value / best;
    }

    /** Whether {@code candidate / baseline} means getting worse. */
    public boolean worse(final double ratio)
    {
        return higherIsBetter ? ratio < 1 : ratio > 1;
    }
}
