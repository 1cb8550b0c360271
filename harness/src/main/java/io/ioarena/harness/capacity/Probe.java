package io.ioarena.harness.capacity;

/**
 * One probe of a capacity search as judged: the rate offered, the verdict and why.
 *
 * @param rate    messages per second offered, all connections together; in a room-size search, the room's members.
 * @param verdict how it came out against the SLO.
 * @param p99Us   p99 in microseconds (0 for a failed probe).
 * @param p999Us  p99.9 in microseconds.
 * @param samples latencies measured.
 * @param why     the SLO or flags that decided an OVER, DISTURBED or FAILED verdict; null for WITHIN.
 */
public record Probe(double rate, Verdict verdict, double p99Us, double p999Us, long samples, String why)
{
}
