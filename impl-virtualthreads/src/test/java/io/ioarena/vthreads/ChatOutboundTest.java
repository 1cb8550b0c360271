package io.ioarena.vthreads;

import io.ioarena.protocol.Framing;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue's byte bounds, without a writer: nothing is ever written, so pending bytes only grow. Line framing: a
 * payload of n bytes is a frame of n + 1.
 */
class ChatOutboundTest
{
    private static final int MAX_OUTBOUND = 100;
    private static final int HIGH_WATER = 40;

    private final ChatOutbound outbound = new ChatOutbound(new Socket(), Framing.LINE, MAX_OUTBOUND, HIGH_WATER,
        HIGH_WATER / 2, 16);

    @Test
    void aDeliveryOverMaxOutboundOverflowsOnceThenEverythingIsDropped()
    {
        assertEquals(ChatOutbound.Offer.QUEUED, outbound.offer(new byte[59]));
        assertEquals(ChatOutbound.Offer.QUEUED, outbound.offer(new byte[39]), "exactly max-outbound is allowed");
        assertEquals(ChatOutbound.Offer.OVERFLOW, outbound.offer(new byte[0]));
        assertEquals(ChatOutbound.Offer.DROPPED, outbound.offer(new byte[0]), "counted as a slow consumer once");
        assertFalse(outbound.awaitWritable(), "the reader of an aborted connection stops");
    }

    @Test
    void ownRepliesAreNeverRefusedForSizeButStopTheReaderAboveHighWater()
    {
        assertTrue(outbound.awaitWritable());
        outbound.sendOwn(new byte[HIGH_WATER - 1]);
        assertTrue(outbound.awaitWritable(), "at the high-water mark the reader goes on");
        outbound.sendOwn(new byte[MAX_OUTBOUND]);
        assertEquals(ChatOutbound.Offer.OVERFLOW, outbound.offer(new byte[0]), "others' deliveries are bounded");
    }

    @Test
    void aGracefulStopReleasesAReaderWaitingForTheWriter() throws Exception
    {
        outbound.sendOwn(new byte[HIGH_WATER]);
        final CompletableFuture<Boolean> reading = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> reading.complete(outbound.awaitWritable()));
        outbound.stopReading();
        assertFalse(reading.get(10, TimeUnit.SECONDS));
    }
}
