package io.ioarena.harness.suite;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The suite's {@code validity} settings: how far a measurement may be off before the harness flags the repetition,
 * which is then dropped from its point's statistics, and how many valid repetitions a point needs to be ranked.
 * Each is a share (0.01 = 1%) of what it could change: a flag is raised only when the deviation could move the metric
 * the scenario is ranked on (p99, delivery p99 for chat, throughput in closed loop). A key left out takes its
 * default; results/README.md lists the flags these raise.
 *
 * @param clientStall       the client's stalled time (its I/O threads' own gaps of 1 ms or more, summed) over the
 *                          measured window; default 0.005. A stall delays the messages due during it and, while the
 *                          backlog drains, about as many again behind it, and p99 moves once 1% of the messages are
 *                          delayed: half of that 1% is the stall that can. A 30 ms stall in a 5 s window (0.6%)
 *                          flags, a 10 ms one (0.2%) does not.
 * @param sendLag           open loop: the client's send-lag at the ranked percentile over that percentile's latency;
 *                          default 0.10. Send lag is part of every latency the client measures, so above 10% of it the
 *                          ranked figure is partly the client's.
 * @param underTarget       open loop: how far the achieved rate may fall short of the requested one; default 0.01.
 * @param saturatedClient   closed loop: the client's I/O threads' busy share ({@code threadBusy}) at or above which
 *                          the client may have set the pace; default 0.90.
 * @param serverCpuToSpare  closed loop: with such a busy client, the point flags when the server used less than this
 *                          share of the cores it could use (its CPUs, or its threads if fewer: a single-threaded
 *                          server has no second core to spare); default 0.80.
 * @param validRepetitions  the share of a point's repetitions that must be measured and unflagged for the point to be
 *                          ranked; its medians, intervals and verdicts then use those repetitions only; default 0.6
 *                          (3 of 5, 2 of 2). A flag says the instrument, not the server, may have moved that
 *                          repetition's figure, so the repetition is dropped rather than the point; a point with
 *                          more flagged repetitions than this allows is a noisy machine's, and is shown, not ranked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidityLimits(Double clientStall, Double sendLag, Double underTarget, Double saturatedClient,
    Double serverCpuToSpare, Double validRepetitions)
{
    public static final ValidityLimits DEFAULT = new ValidityLimits(null, null, null, null, null, null);

    public ValidityLimits
    {
        clientStall = share("validity.clientStall", clientStall, 0.005);
        sendLag = share("validity.sendLag", sendLag, 0.10);
        underTarget = share("validity.underTarget", underTarget, 0.01);
        saturatedClient = share("validity.saturatedClient", saturatedClient, 0.90);
        serverCpuToSpare = share("validity.serverCpuToSpare", serverCpuToSpare, 0.80);
        validRepetitions = share("validity.validRepetitions", validRepetitions, 0.6);
    }

    /** How many of {@code repetitions} must be valid for the point to be ranked: at least one. */
    public int validNeeded(final int repetitions)
    {
        // the small allowance keeps 0.6 x 5 at 3: in binary floating point the product is a hair above it
        return Math.max(1, (int) Math.ceil(validRepetitions * repetitions - 1e-9));
    }

    private static double share(final String name, final Double value, final double dflt)
    {
        final double v = value == null ? dflt : value;
        Sweep.require(v > 0 && v <= 1, name + " must be a share above 0 and at most 1 (0.01 = 1%), not " + v);
        return v;
    }
}
