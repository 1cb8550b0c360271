package io.ioarena.harness.suite;

import io.ioarena.contract.Mode;

import java.util.Locale;

/** What one point measures: one server under one load. Repetitions of a point share its spec. */
public record PointSpec(
    String variant,
    String sweep,
    String workload,
    String framing,
    String mode,
    double rate,
    int connections,
    int size,
    int inFlight,
    int rooms)
{
    public boolean open()
    {
        return "open".equals(mode);
    }

    /** Stable, readable and file-name safe: {@code netty-epoll_echo-rate_c16_s64_r5000}. */
    public String key()
    {
        return variant + "_" + sweep + "_c" + connections + "_s" + size +
            (open() ? "_r" + formatRate(rate) : "_closed" + inFlight) + ("chat".equals(workload) ? "_rooms" + rooms : "");
    }

    /** The load in words, for the progress line and the plan. */
    public String describeLoad()
    {
        final String load = open() ? formatRate(rate) + " msg/s" : Mode.CLOSED.label() + " x" + inFlight;
        return workload + "/" + framing + " " + load + " c" + connections + " " + size + "B"
            + ("chat".equals(workload) ? " rooms " + rooms : "");
    }

    public static String formatRate(final double rate)
    {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
    }
}
