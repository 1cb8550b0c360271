package io.ioarena.harness.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JVM policy every Java server is measured under (fairness: same heap, collector and flags for all), the
 * lighter one the conformance gate uses (correctness only, so JVM starts stay cheap), and the client's. All three
 * are recorded in the manifest.
 *
 * @param java the {@code java} binary: the one running the harness.
 * @param heap {@code -Xms} and {@code -Xmx} of the server.
 * @param gc   the collector, as in {@code -XX:+Use<gc>}.
 * @param nativeMemoryTracking measured servers run with {@code -XX:NativeMemoryTracking=summary}, for the suites
 *             that read their memory ({@code memoryProbe}); tracking costs every allocation a little, so only there.
 */
public record JvmPolicy(String java, String heap, String gc, int javaMajor, boolean nativeMemoryTracking)
{
    private static final String GC_LOG_DECORATIONS = "time,uptime,level,tags";
    /** The load client's direct-memory cap (see {@link #clientFlags()}). */
    static final String CLIENT_DIRECT_MEMORY = "8g";
    /** The gate servers' heap: see {@link #gateFlags()}. */
    static final String GATE_HEAP = "64m";

    /** Why the policy is what it is, with the measurements behind it; recorded in the manifest. */
    public static final List<String> NOTES = List.of(
        "Measured servers run without -XX:+AlwaysPreTouch. On the 2-vCPU VMs this project is measured on (a PVM " +
            "guest with DAMON and free page reporting), a JVM that has just written its whole 1 GiB heap answers " +
            "with millisecond tails for a minute or more: the selector server at 20k msg/s (C open-loop client, 16 " +
            "connections) had p99 2.5-4.7 ms 16-28 s after start with the flag, 0.33-0.79 ms without it (3 fresh " +
            "JVMs each). See docs/findings/jvm-stalls-on-small-vms.md and scripts/pretouch-experiment.");

    public static JvmPolicy forThisJvm(final String heap, final String gc)
    {
        return forThisJvm(heap, gc, false);
    }

    public static JvmPolicy forThisJvm(final String heap, final String gc, final boolean nativeMemoryTracking)
    {
        return new JvmPolicy(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap, gc,
            Runtime.version().feature(), nativeMemoryTracking);
    }

    /**
     * Flags that let Netty and Vert.x use their fast paths on a current JDK (they turn Unsafe off by default on
     * JDK 25) and native transports load; harmless for the other servers, and given to all for equal footing.
     */
    public List<String> accessFlags()
    {
        final List<String> flags = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "-Dio.netty.noUnsafe=false", "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.leakDetection.level=disabled"));
        if (javaMajor >= 23)
        {
            flags.add(1, "--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }

    /**
     * A measured server: a fixed heap that is not touched up front, and a GC log with wall-clock time for the
     * measurement window. Not {@code -XX:+AlwaysPreTouch}: see {@link #NOTES}.
     */
    public List<String> serverFlags(final Path gcLog, final int cores)
    {
        final List<String> flags = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+Use" + gc));
        flags.addAll(accessFlags());
        flags.add("-Djdk.virtualThreadScheduler.parallelism=" + cores);
        if (nativeMemoryTracking)
        {
            flags.add("-XX:NativeMemoryTracking=summary");
        }
        if (gcLog != null)
        {
            flags.add("-Xlog:gc*,safepoint:file=" + gcLog + ":" + GC_LOG_DECORATIONS);
        }
        return flags;
    }

    /**
     * The conformance gate: a small heap and C1 only, so that launching a server for each case group is quick. The
     * heap is fixed and touched up front: the kit bounds the growth of the server's resident memory during a flood,
     * and a heap still growing into its maximum would count against the server.
     *
     * <p>64 MiB, because touching memory is what a gate launch mostly paid for: on the project's 2-vCPU PVM guests a
     * JVM that pre-touches 256 MiB spends 1-1.5 s of CPU on it (64 MiB: about 0.3 s), and a gate server's launch
     * used 0.9 s less CPU on average with 64 MiB than with 256 MiB; the gate launches seven servers per server.
     *
     * <p>Direct memory keeps the measured servers' budget: by default the JVM caps it at {@code -Xmx}, and 64 MiB is
     * less than the kit's 50 non-reading connections may lawfully hold (up to {@code --max-outbound}, 1 MiB, each):
     * Netty's chat closed 38-41 of them for want of direct memory at 64 MiB and passed with the cap at the heap's.
     * Direct memory is not touched up front, so the cap costs nothing at launch.
     */
    public List<String> gateFlags()
    {
        final List<String> flags = new ArrayList<>(List.of("-Xms" + GATE_HEAP, "-Xmx" + GATE_HEAP, "-XX:+AlwaysPreTouch",
            "-XX:MaxDirectMemorySize=" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        flags.addAll(accessFlags());
        return flags;
    }

    /**
     * The load client: fixed heap, so its own GC does not vary from point to point. Not pre-touched: the client
     * allocates next to nothing while it measures, and touching 512 MiB at every point only lengthens the suite.
     *
     * <p>C1 only: the client is pinned to its own core(s), and C2 compiling there in bursts for seconds after start
     * delays its sends by milliseconds. Measured here against netty-epoll at 5,000 msg/s (2 cores, idle): send-lag
     * p99 5-9 ms with C2 after 1-4 s of warm-up, 0.1-0.6 ms with C1 after 2-3 s. C1 code costs the client about a
     * sixth of its closed-loop rate (61k against 73k msg/s with 16 connections), which results.csv's
     * littles_law_ratio shows if it ever binds.
     *
     * <p>Direct memory up to {@value #CLIENT_DIRECT_MEMORY}, used only as needed: a client thread's connections share
     * one read and one write buffer (about 192 KiB), and a connection gets buffers of its own (as large) only once a
     * write of it is left short or a read splits one of its frames. Under pipelined load every connection may come to
     * hold them, and the default cap (the 512 MiB heap) ran out at 4,000 such connections; idle ones hold none
     * (5,000 idle connections: 87 MB resident for the whole client).
     */
    public List<String> clientFlags()
    {
        final List<String> flags = new ArrayList<>(List.of("-Xms512m", "-Xmx512m",
            "-XX:MaxDirectMemorySize=" + CLIENT_DIRECT_MEMORY, "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1"));
        flags.addAll(accessFlags());
        return flags;
    }
}
