package io.ioarena.load;

/**
 * What the watchdogs saw of the generator itself during the measured phase: whether the client, rather than the
 * server, may have set the pace of what was measured.
 *
 * @param hiccupMaxNanos the longest stall of the hiccup meter's sleeps in the measured phase, in ns
 */
public record GeneratorHealth(long hiccupMaxNanos)
{
}
