package io.ioarena.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one server process holds in memory at one moment, measured so that a connection's cost shows: a JVM's
 * pre-sized heap makes its RSS say nothing about connections, so a Java server also reports the heap still in use
 * after a full collection and Native Memory Tracking's committed totals.
 *
 * @param rssBytes              resident set (/proc/&lt;pid&gt;/smaps_rollup {@code Rss}).
 * @param pssBytes              proportional set: resident pages shared with other processes counted by share.
 * @param heapUsedAfterGcBytes  a JVM's live heap right after a full collection ({@code jcmd GC.run} then
 *                              {@code GC.heap_info}); null for other processes.
 * @param nmtCommittedBytes     Native Memory Tracking's committed total, heap included; null where the JVM was not
 *                              started with {@code -XX:NativeMemoryTracking}.
 * @param nmtHeapCommittedBytes the heap's part of that total, so the native rest is the difference.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemoryReading(long rssBytes, long pssBytes, Long heapUsedAfterGcBytes, Long nmtCommittedBytes,
    Long nmtHeapCommittedBytes)
{
    /** Committed memory outside the Java heap (threads' stacks, direct buffers, code, metaspace), where tracked. */
    public Long nmtNativeBytes()
    {
        return nmtCommittedBytes != null && nmtHeapCommittedBytes != null ? nmtCommittedBytes - nmtHeapCommittedBytes
            : null;
    }
}
