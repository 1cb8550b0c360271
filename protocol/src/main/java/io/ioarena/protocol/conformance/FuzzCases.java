package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;

import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * The kit's network fuzz: one case per service and framing that sends a live server seeded random batches of valid
 * and invalid frames (in chat: commands, valid or not, from several connections), each batch split into random
 * writes, and checks every answer byte for byte against the model ({@link ReferenceFraming} for the frames,
 * {@link io.ioarena.protocol.chat.ChatSession} for chat). The seed is in the case's name and in any failure;
 * {@code -Dioarena.fuzz.seed=<seed>} replays it, {@code -Dioarena.fuzz.ops=<n>} runs longer.
 */
final class FuzzCases
{
    /** Small limits, so that oversized frames and full room lists are cheap and frequent. */
    static final int MAX_FRAME = 100;
    static final int MAX_ROOMS = 3;

    private FuzzCases()
    {
    }

    /** One fuzz run against one server; each step sends a batch and checks every answer to it. */
    interface Run
    {
        /** Sends one batch and checks its answers; returns the operations (frames, commands, garbage) it held. */
        int step() throws IOException;

        /** What the last step sent, for a failure message. */
        String lastStep();

        /** Half-closes every connection and checks that each is answered in full, then closed. */
        void finish() throws IOException;
    }

    static List<ConformanceCase> cases(final Service s, final Framing f)
    {
        final FuzzSettings settings = FuzzSettings.fromSystemProperties();
        final List<String> args = s == Service.CHAT
            ? List.of("--max-frame", Integer.toString(MAX_FRAME), "--max-rooms", Integer.toString(MAX_ROOMS))
            : List.of("--max-frame", Integer.toString(MAX_FRAME));
        return List.of(new ConformanceCase("fuzz-" + settings.operations() + "-ops-seed-" + settings.seed(), s, f,
            args, false, ctx -> fuzz(ctx, settings)));
    }

    private static void fuzz(final CaseContext ctx, final FuzzSettings settings) throws Exception
    {
        final Random random = new Random(settings.seed());
        final Run run = ctx.service() == Service.ECHO ? new EchoFuzz(ctx, random) : new ChatFuzz(ctx, random);
        int done = 0;
        try
        {
            while (done < settings.operations())
            {
                done += run.step();
            }
            run.finish();
        }
        catch (final AssertionError | IOException e)
        {
            throw new AssertionError("fuzz failed after " + done + " of " + settings.operations() + " operations (" +
                settings + "), at " + run.lastStep() + ": " + (e instanceof AssertionError ? e.getMessage() : e), e);
        }
    }
}
