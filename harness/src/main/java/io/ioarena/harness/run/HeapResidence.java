package io.ioarena.harness.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's Java heap lies in its address space, to split its resident set into the heap's resident pages and
 * the rest. The measured servers run a fixed heap that is not touched up front (JvmPolicy), so their resident set
 * grows for minutes as the collector uses heap pages for the first time; a soak that judged the whole resident set
 * would take that for a leak. The heap's own growth is judged by the heap after a full collection; what lies outside
 * it (metaspace, code cache, thread stacks, direct buffers, malloc) by the resident set less the heap's resident
 * pages. Pure: the texts are read elsewhere ({@link MemoryProbe}, {@link SoakWatch}).
 *
 * @param ranges the heap's reserved address ranges, each {@code [from, to)}, as {@code GC.heap_info} prints them,
 *               those that touch joined: the kernel keeps a young and an old generation that adjoin, both
 *               committed, in one mapping.
 */
record HeapResidence(List<Range> ranges)
{
    /**
     * A top-level line of {@code GC.heap_info} (a generation, or G1's whole heap) with its address range, whose first
     * address is the bottom and last the end of what is reserved: ParallelGC and SerialGC print
     * {@code [bottom, committed end, reserved end)}, G1 {@code [bottom, end)}; or Shenandoah's
     * {@code Reserved region:} and the range on the next line. ZGC prints none.
     */
    private static final Pattern RANGE = Pattern.compile(
        "^(?:\\S.*\\bused \\d+[KMG]\\b.*|Reserved region:\\s*- )\\[(0x\\p{XDigit}+)(?:, ?0x\\p{XDigit}+)*, ?"
            + "(0x\\p{XDigit}+)\\)", Pattern.MULTILINE);

    /** An address range {@code [from, to)}, compared unsigned. */
    record Range(long from, long to)
    {
        boolean holds(final long start, final long end)
        {
            return Long.compareUnsigned(start, from) >= 0 && Long.compareUnsigned(end, to) <= 0;
        }
    }

    /**
     * A resident set split at the heap.
     *
     * @param rssBytes     every mapping's resident pages.
     * @param heapRssBytes those of the mappings inside the heap's ranges.
     */
    record Split(long rssBytes, long heapRssBytes)
    {
        long outsideHeapBytes()
        {
            return rssBytes - heapRssBytes;
        }
    }

    HeapResidence
    {
        ranges = List.copyOf(ranges);
    }

    /**
     * The heap's ranges from {@code GC.heap_info}'s text, those that touch or overlap joined; empty when it prints
     * none (ZGC), and then the resident set cannot be split.
     */
    static Optional<HeapResidence> of(final String heapInfo)
    {
        final List<Range> printed = new ArrayList<>();
        final Matcher m = RANGE.matcher(heapInfo);
        while (m.find())
        {
            final long from = Long.parseUnsignedLong(m.group(1).substring(2), 16);
            final long to = Long.parseUnsignedLong(m.group(2).substring(2), 16);
            if (Long.compareUnsigned(from, to) < 0)
            {
                printed.add(new Range(from, to));
            }
        }
        printed.sort((a, b) -> Long.compareUnsigned(a.from(), b.from()));
        final List<Range> joined = new ArrayList<>();
        for (final Range r : printed)
        {
            final Range last = joined.isEmpty() ? null : joined.getLast();
            if (last != null && Long.compareUnsigned(r.from(), last.to()) <= 0)
            {
                joined.set(joined.size() - 1, new Range(last.from(),
                    Long.compareUnsigned(r.to(), last.to()) > 0 ? r.to() : last.to()));
            }
            else
            {
                joined.add(r);
            }
        }
        return joined.isEmpty() ? Optional.empty() : Optional.of(new HeapResidence(joined));
    }

    /**
     * Sums the {@code Rss:} of every mapping of a {@code /proc/<pid>/smaps} text, and of those that lie inside the
     * heap. A mapping that crossed a range's edge (the kernel merging the heap's pages with a neighbour's) would count
     * as outside: the outside figure is then too large, which can fail a soak but never hides growth.
     */
    Split split(final BufferedReader smaps) throws IOException
    {
        long rss = 0;
        long heap = 0;
        boolean inHeap = false;
        String line;
        while ((line = smaps.readLine()) != null)
        {
            if (line.isEmpty())
            {
                continue;
            }
            final char c = line.charAt(0);
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f')
            {
                // a mapping's header, "start-end perms offset dev inode path"; its fields follow, capitalised
                final int dash = line.indexOf('-');
                final int space = line.indexOf(' ', dash);
                final long start = Long.parseUnsignedLong(line, 0, dash, 16);
                final long end = Long.parseUnsignedLong(line, dash + 1, space, 16);
                inHeap = inHeap(start, end);
            }
            else if (line.startsWith("Rss:"))
            {
                final long bytes = kilobytes(line) * 1024;
                rss += bytes;
                heap += inHeap ? bytes : 0;
            }
        }
        return new Split(rss, heap);
    }

    // The two below run for every line of smaps (14.5 MB of it for a server with 10,000 threads) in the harness's
    // C1-compiled code: without a stream per mapping and three strings per Rss line, 2.5 MB of smaps text took 25-27
    // ms to split instead of 47-53 (the test fixture repeated, -XX:TieredStopAtLevel=1, 2026-12-05).

    private boolean inHeap(final long start, final long end)
    {
        for (final Range r : ranges)
        {
            if (r.holds(start, end))
            {
                return true;
            }
        }
        return false;
    }

    /** The number of an {@code Rss:   1234 kB} line. */
    private static long kilobytes(final String line)
    {
        long kb = 0;
        int digits = 0;
        for (int i = "Rss:".length(); i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (c >= '0' && c <= '9')
            {
                kb = kb * 10 + (c - '0');
                digits++;
            }
            else if (digits > 0 || c != ' ' && c != '\t')
            {
                break;
            }
        }
        if (digits == 0)
        {
            throw new NumberFormatException("no size in smaps line: " + line);
        }
        return kb;
    }
}
