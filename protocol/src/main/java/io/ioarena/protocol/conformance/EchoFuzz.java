package io.ioarena.protocol.conformance;

import io.ioarena.protocol.ErrorCode;

import java.io.IOException;
import java.util.Random;

/** The echo fuzz: random frames, oversized frames and garbage on one connection at a time; every frame echoed. */
final class EchoFuzz implements FuzzCases.Run
{
    private static final int MOST_PIECES = 6;
    /** One batch in this many half-closes the connection and goes on with a new one. */
    private static final int HALF_CLOSE_ONE_IN = 25;

    private final CaseContext ctx;
    private final Random random;
    private final RandomFrames frames;
    private FuzzConnection current;
    private String lastStep = "the start";

    EchoFuzz(final CaseContext ctx, final Random random) throws IOException
    {
        this.ctx = ctx;
        this.random = random;
        this.frames = new RandomFrames(random, ctx.framing(), FuzzCases.MAX_FRAME);
        this.current = open();
    }

    private FuzzConnection open() throws IOException
    {
        return new FuzzConnection(ctx.connect(), FuzzCases.MAX_FRAME);
    }

    @Override
    public int step() throws IOException
    {
        if (random.nextInt(HALF_CLOSE_ONE_IN) == 0)
        {
            lastStep = "a half-close";
            finish();
            current = open();
            return 1;
        }
        final int pieces = 1 + random.nextInt(MOST_PIECES);
        final byte[] bytes = frames.stream(pieces);
        final int[] writes = frames.splits(bytes.length);
        lastStep = "a batch of " + pieces + " pieces in " + FuzzConnection.describe(writes) + ": " +
            KitConnection.show(bytes);
        final FuzzConnection.Batch batch = current.send(bytes, writes);
        FuzzConnection.checkWrite(batch, batch.tooLarge());
        final KitConnection c = current.connection();
        for (final byte[] payload : batch.payloads())
        {
            c.expect(payload);
        }
        if (batch.tooLarge())
        {
            c.expectError(ErrorCode.FRAME_TOO_LARGE);
            c.expectClosed();
            current = open();
        }
        return pieces;
    }

    @Override
    public String lastStep()
    {
        return lastStep;
    }

    @Override
    public void finish() throws IOException
    {
        current.connection().shutdownOutput();
        current.connection().expectEof();
    }
}
