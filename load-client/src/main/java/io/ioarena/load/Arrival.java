package io.ioarena.load;

import java.util.Locale;

/** How open-loop send times are spaced on each connection. */
public enum Arrival
{
    /** Evenly spaced: message k of a connection at a fixed period. */
    CONSTANT,
    /** A Poisson process: exponentially distributed gaps from a seeded generator. */
    POISSON;

    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
