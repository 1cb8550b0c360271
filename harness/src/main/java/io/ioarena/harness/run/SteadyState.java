package io.ioarena.harness.run;

import java.time.Duration;

/**
 * When a freshly started server is warm enough to measure: the JVM's JIT compiler threads have gone quiet. A trial is
 * warmed in chunks of load; after each chunk this rule looks at the CPU time the compiler threads used in it.
 *
 * <p>Why the compiler's CPU time: it is what still changes a JVM server's speed and what takes the CPU the server is
 * pinned to (a C2 compile holds that CPU for up to a scheduler tick, 4 ms here, while the event loop waits), it is
 * read from /proc for any JVM without an agent or jcmd, and it falls to ~0 and stays there. Measured at 20k msg/s on
 * 2 vCPUs: the selector's compiler threads used 100-300 ms per 4 s window in its first 10 s, then 0-5 ms; the
 * virtual-thread server's 220-390 ms, 17 ms at 14 s, then 0-2 ms. A server without compiler threads (not a JVM, or an
 * interpreter) is steady from the start: it is not warmed. A server that never gets quiet is measured after {@link #MAX} with a
 * note saying so, never silently.
 */
public final class SteadyState
{
    /**
     * Length of one warm-up chunk of load. Warmed in closed loop, the JVM servers compile most of their hot path in
     * the first 3 s (140-1000 ms of compiler CPU), a little in the next, then nothing: 2 s chunks see that as soon as
     * 3 s chunks do, and the quiet chunk that ends every warm-up costs 2 s instead of 3.
     */
    public static final Duration CHUNK = Duration.ofSeconds(2);
    /** Longest warm-up before a trial is measured anyway (noted on its points). */
    public static final Duration MAX = Duration.ofSeconds(60);
    /** Quiet: the compiler threads used at most this share of a chunk (1%: 20 ms of a 2 s chunk). */
    public static final double QUIET_SHARE = 0.01;

    public enum Verdict
    {
        /** Warm another chunk. */
        WARMING,
        /** The JIT is quiet (or there is none): measure. */
        STEADY,
        /** {@link #MAX} reached while the JIT still compiled: measure, and say so. */
        GAVE_UP
    }

    private SteadyState()
    {
    }

    /**
     * @param compilerNanos the compiler threads' CPU time in the chunk just run, or negative when the server has none.
     * @param chunkNanos    how long that chunk ran.
     * @param warmedNanos   the warm-up so far, that chunk included.
     */
    public static Verdict after(final long compilerNanos, final long chunkNanos, final long warmedNanos)
    {
        if (compilerNanos < 0 || compilerNanos <= QUIET_SHARE * chunkNanos)
        {
            return Verdict.STEADY;
        }
        return warmedNanos >= MAX.toNanos() ? Verdict.GAVE_UP : Verdict.WARMING;
    }
}
