package io.ioarena.load;

/**
 * A contiguous range {@code [first, first+count)} of global connection ids. Splitting {@code n} items into
 * {@code parts} gives part {@code i} the range {@code [floor(i*n/parts), floor((i+1)*n/parts))}: the parts are
 * disjoint, cover every item, and differ in size by at most one, so no remainder is ever dropped.
 */
public record Slice(int first, int count)
{
    public static Slice of(final int n, final int parts, final int index)
    {
        if (parts < 1 || index < 0 || index >= parts)
        {
            throw new IllegalArgumentException("part " + index + " of " + parts);
        }
        final int start = (int)((long)index * n / parts);
        final int end = (int)((long)(index + 1) * n / parts);
        return new Slice(start, end - start);
    }

    /** Part {@code index} of {@code parts} of this slice, in global ids. */
    public Slice part(final int parts, final int index)
    {
        final Slice relative = of(count, parts, index);
        return new Slice(first + relative.first, relative.count);
    }

    public int end()
    {
        return first + count;
    }
}
