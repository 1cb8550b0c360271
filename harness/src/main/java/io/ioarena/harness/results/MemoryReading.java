package io.ioarena.harness.results;

import java.util.OptionalLong;

/**
 * What one server process holds in memory at one moment, measured so that a connection's cost shows: a JVM's
 * pre-sized heap makes its RSS say nothing about connections, so a Java server also reports the heap still in use
 * after a full collection and Native Memory Tracking's committed totals.
 *
 * @param rssBytes              resident set (/proc/&lt;pid&gt;/smaps_rollup {@code Rss}).
 * @param pssBytes              proportional set: resident pages shared with other processes counted by share.
 * @param heapUsedAfterGcBytes  a JVM's live heap right after a full collection ({@code jcmd GC.run} then
 *                              {@code GC.heap_info}); empty for other processes.
 * @param nmtCommittedBytes     Native Memory Tracking's committed total, heap included; empty where the JVM was
 *                              not started with {@code -XX:NativeMemoryTracking}.
 * @param nmtHeapCommittedBytes the heap's part of that total, so the native rest is the difference.
 */
public record MemoryReading(long rssBytes, long pssBytes, OptionalLong heapUsedAfterGcBytes,
    OptionalLong nmtCommittedBytes, OptionalLong nmtHeapCommittedBytes)
{
    /** Committed memory outside the Java heap (threads' stacks, direct buffers, code, metaspace), where tracked. */
    public OptionalLong nmtNativeBytes()
    {
        return nmtCommittedBytes.isPresent() && nmtHeapCommittedBytes.isPresent() ?
            OptionalLong.of(nmtCommittedBytes.getAsLong() - nmtHeapCommittedBytes.getAsLong()) : OptionalLong.empty();
    }
}
