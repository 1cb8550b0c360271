package io.ioarena.selector;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundTest
{
    private final Outbound outbound = new Outbound();

    @Test
    void bytesGoOutInOrderAcrossPartialWritesAndPendingCountsWhatIsLeft() throws Exception
    {
        final SlowChannel channel = new SlowChannel(3);
        outbound.add(frame("one|"));
        outbound.addCopy(direct("two|"));
        outbound.add(frame("three|"));
        assertEquals(14, outbound.pending());

        outbound.writeTo(channel, 2);
        assertEquals(6, channel.text().length());
        assertEquals(8, outbound.pending());

        while (!outbound.isEmpty())
        {
            outbound.writeTo(channel, 16);
        }
        assertEquals("one|two|three|", channel.text());
    }

    @Test
    void copiesAppendToTheQueuedSpillWhileItIsBeingWrittenAndGrowIt() throws Exception
    {
        final SlowChannel channel = new SlowChannel(5);
        final StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++)
        {
            final String chunk = "chunk-" + i + "|";
            expected.append(chunk);
            outbound.addCopy(direct(chunk)); // the read buffer is reused after this: the bytes must be copied
            if (i % 3 == 0)
            {
                outbound.writeTo(channel, 1);
            }
        }
        assertEquals(expected.length() - channel.text().length(), outbound.pending());
        while (!outbound.isEmpty())
        {
            outbound.writeTo(channel, 16);
        }
        assertEquals(expected.toString(), channel.text());
    }

    @Test
    void writeToMakesAtMostMaxWritesCalls() throws Exception
    {
        final SlowChannel channel = new SlowChannel(1);
        outbound.add(frame("0123456789"));
        outbound.writeTo(channel, 4);
        assertEquals(4, channel.calls);
        assertEquals(6, outbound.pending());
    }

    @Test
    void aFullSocketEndsTheFlushEarly() throws Exception
    {
        final SlowChannel channel = new SlowChannel(0);
        outbound.add(frame("pending"));
        outbound.writeTo(channel, 16);
        assertEquals(1, channel.calls);
        assertEquals(7, outbound.pending());
    }

    @Test
    void clearDropsEverythingPending() throws Exception
    {
        outbound.add(frame("dropped"));
        outbound.addCopy(direct("also dropped"));
        outbound.clear();
        assertTrue(outbound.isEmpty());

        final SlowChannel channel = new SlowChannel(100);
        outbound.addCopy(direct("kept"));
        outbound.writeTo(channel, 16);
        assertEquals("kept", channel.text());
    }

    private static ByteBuffer frame(final String s)
    {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    }

    private static ByteBuffer direct(final String s)
    {
        final byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    /** A socket that takes at most {@code perCall} bytes per write call. */
    private static final class SlowChannel implements GatheringByteChannel
    {
        private final int perCall;
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        int calls;

        SlowChannel(final int perCall)
        {
            this.perCall = perCall;
        }

        String text()
        {
            return written.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public long write(final ByteBuffer[] srcs, final int offset, final int length)
        {
            calls++;
            int budget = perCall;
            for (int i = offset; i < offset + length && budget > 0; i++)
            {
                budget -= take(srcs[i], budget);
            }
            return perCall - budget;
        }

        @Override
        public long write(final ByteBuffer[] srcs)
        {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(final ByteBuffer src)
        {
            calls++;
            return take(src, perCall);
        }

        private int take(final ByteBuffer src, final int max)
        {
            final int n = Math.min(max, src.remaining());
            for (int i = 0; i < n; i++)
            {
                written.write(src.get());
            }
            return n;
        }

        @Override
        public boolean isOpen()
        {
            return true;
        }

        @Override
        public void close()
        {
        }
    }
}
