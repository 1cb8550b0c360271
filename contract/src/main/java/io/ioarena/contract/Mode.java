package io.ioarena.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Open loop (an absolute schedule, latency from the intended send time), closed loop (fixed messages in flight), or
 * churn (connections that arrive at a rate, each connect, one echo, close: the client's {@code churn} command, not a
 * mode of its {@code run}).
 */
public enum Mode
{
    OPEN("open loop"),
    /**
     * Closed loop hides queueing at the server (coordinated omission): its latency is service time, not response
     * time. Every report, table and progress line names it with this label, so no one reads its latencies as
     * response times.
     */
    CLOSED(Mode.CLOSED_LABEL),
    /** The harness's churn sweeps: its rates are connection arrivals per second. */
    CHURN("connection churn");

    /** {@link #CLOSED}'s label, as a constant for annotations (command-line help). */
    public static final String CLOSED_LABEL = "closed-loop (CO-prone)";

    private final String label;

    Mode(final String label)
    {
        this.label = label;
    }

    /** The name used on command lines, in results and in JSON: {@code open}, {@code closed}, {@code churn}. */
    @JsonValue
    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Mode fromCliName(final String name)
    {
        for (final Mode m : values())
        {
            if (m.cliName().equals(name))
            {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + name + "' (expected open, closed or churn)");
    }

    /** How reports name the mode. */
    public String label()
    {
        return label;
    }
}
