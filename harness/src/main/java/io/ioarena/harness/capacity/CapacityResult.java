package io.ioarena.harness.capacity;

import java.util.List;

/**
 * How a capacity search ended, with every probe it ran in order.
 *
 * @param axis    what was searched: the rates and bounds below are messages per second, or a room's members.
 * @param outcome how it ended.
 * @param rate    FOUND: the capacity, the highest rate measured within the SLO and confirmed; AT_LEAST and BUDGET: the
 *                highest rate within the SLO (the capacity is at least this); FAILED: the highest rate within the SLO
 *                before the failure, if any; null when no probe was within the SLO.
 * @param above   the lowest rate measured over the SLO, if any: the capacity is below it.
 * @param reason  why the search ended where it did, in words.
 * @param probes  every probe, in the order run.
 */
public record CapacityResult(Axis axis, Outcome outcome, Double rate, Double above, String reason, List<Probe> probes)
{
    public enum Outcome
    {
        /** The capacity, to the stated precision and confirmed. */
        FOUND,
        /** Only a lower bound: the client's limit or the search's maximum rate came first. */
        AT_LEAST,
        /** The server failed or lost messages at a probe; the search ends there. */
        FAILED,
        /** No rate down to the search's minimum stayed within the SLO. */
        BELOW,
        /** The probe budget ran out before the search converged. */
        BUDGET
    }

    public CapacityResult
    {
        probes = List.copyOf(probes);
    }

    /** The capacity as a reader should take it: a number only when it was found, else what is known. */
    public String describe()
    {
        return switch (outcome)
        {
            case FOUND -> axis.format(rate);
            case AT_LEAST, BUDGET -> (rate == null ? "nothing within the SLO" : ">= " + axis.format(rate)) +
                (above == null ? "" : ", < " + axis.format(above));
            case BELOW -> "< " + axis.format(above);
            case FAILED -> "server failed" + (rate == null ? "" : " (>= " + axis.format(rate) + " before)");
        } + ": " + reason;
    }
}
