package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.List;

/**
 * One connection of a fuzz case and the model of what the server has received on it: every byte sent is decoded by
 * {@link ReferenceFraming}, so each batch sent yields exactly the frames the server must act on, and whether the
 * server must refuse the stream.
 */
final class FuzzConnection
{
    private final KitConnection connection;
    private final int maxFrame;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private int framesTaken;

    FuzzConnection(final KitConnection connection, final int maxFrame)
    {
        this.connection = connection;
        this.maxFrame = maxFrame;
    }

    /**
     * What one batch does to the server's side of the connection.
     *
     * @param payloads     the frames the batch completes, in order (in {@code raw}: the batch itself)
     * @param tooLarge     the stream now breaks {@code --max-frame}: the server answers those frames, then
     *                     {@code ERR FRAME_TOO_LARGE}, then closes
     * @param writeFailure why writing the batch failed, or null; fine only if the server closes the connection
     */
    record Batch(List<byte[]> payloads, boolean tooLarge, IOException writeFailure)
    {
    }

    KitConnection connection()
    {
        return connection;
    }

    /** Sends {@code bytes} in writes of {@code writes} bytes each, and says what the server must make of them. */
    Batch send(final byte[] bytes, final int[] writes)
    {
        sent.writeBytes(bytes);
        IOException failure = null;
        try
        {
            int at = 0;
            for (final int size : writes)
            {
                connection.write(Arrays.copyOfRange(bytes, at, at + size));
                at += size;
            }
        }
        catch (final IOException e)
        {
            failure = e; // the server may rightly have closed already: judged against the model by the caller
        }
        final Framing framing = connection.framing();
        if (framing == Framing.RAW)
        {
            return new Batch(bytes.length == 0 ? List.of() : List.of(bytes), false, failure);
        }
        final ReferenceFraming.Decoded decoded = ReferenceFraming.decode(framing, maxFrame, sent.toByteArray());
        final List<byte[]> fresh = List.copyOf(decoded.payloads().subList(framesTaken, decoded.payloads().size()));
        framesTaken = decoded.payloads().size();
        return new Batch(fresh, decoded.tooLarge(), failure);
    }

    /** {@code writes} in a few words: the seed replays them exactly. */
    static String describe(final int[] writes)
    {
        if (writes.length == 0)
        {
            return "no write";
        }
        final IntSummaryStatistics sizes = Arrays.stream(writes).summaryStatistics();
        return writes.length + (writes.length == 1 ? " write" : " writes") + " of " + (sizes.getMin() == sizes.getMax()
            ? sizes.getMax() + (sizes.getMax() == 1 ? " byte" : " bytes")
            : sizes.getMin() + " to " + sizes.getMax() + " bytes");
    }

    /** Fails unless a write failure is explained by the server closing the connection, as the model predicts. */
    static void checkWrite(final Batch batch, final boolean serverCloses)
    {
        if (batch.writeFailure() != null && !serverCloses)
        {
            throw new AssertionError("writing to the server failed though it had no reason to close the " +
                "connection: " + batch.writeFailure());
        }
    }
}
