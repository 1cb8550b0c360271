package io.ioarena.harness.capacity;

/** How one probe of a capacity search came out. */
public enum Verdict
{
    /** p99 (and p99.9 where judged) within the SLO, the rate carried, nothing lost. */
    WITHIN,
    /** Over the SLO, or the rate not carried: the server's doing. */
    OVER,
    /** Over the SLO or short of the rate with a flag of the client's own: whose doing cannot be told. */
    DISTURBED,
    /** The server failed, or lost or damaged messages. */
    FAILED
}
