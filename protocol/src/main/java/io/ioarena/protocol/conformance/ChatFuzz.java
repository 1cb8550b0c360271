package io.ioarena.protocol.conformance;

import io.ioarena.protocol.ErrorCode;
import io.ioarena.protocol.chat.ChatAction;
import io.ioarena.protocol.chat.ChatSession;
import io.ioarena.protocol.spi.ServerCounters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The chat fuzz: a few members, each with a {@link ChatSession} as its model, send batches of random commands (and
 * now and then an oversized frame or garbage); each batch comes from one member, so every member's expected answers
 * (replies, its own deliveries and the others') are known in order, and are read before the next batch.
 */
final class ChatFuzz implements FuzzCases.Run
{
    private static final int MEMBERS = 3;
    private static final int MOST_COMMANDS = 6;
    /** One command slot in this many is an oversized frame, and one in this many is garbage. */
    private static final int ODD_PIECE_ONE_IN = 30;
    private static final int HALF_CLOSE_ONE_IN = 40;
    /** The connection count depends on when the server notices closes; slow consumers there must be none. */
    private static final Pattern STATS = Pattern.compile("OK STATS connections=[1-9]\\d* slow_consumers=0");

    private final CaseContext ctx;
    private final Random random;
    private final RandomFrames frames;
    private final RandomCommands commands;
    private final Member[] members = new Member[MEMBERS];
    private String lastStep = "the start";

    /** A connection and the model of its session. */
    private record Member(FuzzConnection connection, ChatSession model)
    {
        KitConnection kit()
        {
            return connection.connection();
        }
    }

    ChatFuzz(final CaseContext ctx, final Random random) throws IOException
    {
        this.ctx = ctx;
        this.random = random;
        this.frames = new RandomFrames(random, ctx.framing(), FuzzCases.MAX_FRAME);
        this.commands = new RandomCommands(random);
        for (int i = 0; i < MEMBERS; i++)
        {
            members[i] = join();
        }
    }

    private Member join() throws IOException
    {
        return new Member(new FuzzConnection(ctx.connect(), FuzzCases.MAX_FRAME),
            new ChatSession(FuzzCases.MAX_ROOMS, new ServerCounters(Integer.MAX_VALUE)));
    }

    @Override
    public int step() throws IOException
    {
        final int sender = random.nextInt(MEMBERS);
        if (random.nextInt(HALF_CLOSE_ONE_IN) == 0)
        {
            lastStep = "a half-close of member " + sender;
            halfClose(sender);
            members[sender] = join();
            return 1;
        }
        final int count = 1 + random.nextInt(MOST_COMMANDS);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++)
        {
            bytes.writeBytes(piece());
        }
        final int[] writes = frames.splits(bytes.size());
        lastStep = count + " commands from member " + sender + " in " + FuzzConnection.describe(writes) + ": " +
            KitConnection.show(bytes.toByteArray());
        final FuzzConnection.Batch batch = members[sender].connection().send(bytes.toByteArray(), writes);
        answer(sender, batch);
        return count;
    }

    private byte[] piece()
    {
        final int dice = random.nextInt(ODD_PIECE_ONE_IN);
        return switch (dice)
        {
            case 0 -> frames.oversized();
            case 1 -> frames.garbage(1 + random.nextInt(12));
            default -> frames.frame(commands.next());
        };
    }

    /** Works out every member's answers to the batch from the models, then reads and checks them all. */
    private void answer(final int sender, final FuzzConnection.Batch batch) throws IOException
    {
        final List<List<byte[]>> expected = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++)
        {
            expected.add(new ArrayList<>());
        }
        boolean closes = false;
        for (final byte[] payload : batch.payloads())
        {
            final ChatAction action = members[sender].model().handle(payload, 0, payload.length);
            switch (action)
            {
                case ChatAction.Reply r ->
                {
                    expected.get(sender).add(r.payload());
                    closes = r.close();
                }
                case ChatAction.Join j -> expected.get(sender).add(j.reply());
                case ChatAction.Leave l -> expected.get(sender).add(l.reply());
                case ChatAction.Deliver d ->
                {
                    for (int i = 0; i < MEMBERS; i++)
                    {
                        if (members[i].model().rooms().contains(d.room()))
                        {
                            expected.get(i).add(d.payload());
                        }
                    }
                }
            }
            if (closes)
            {
                break; // QUIT: the server reads nothing after it
            }
        }
        final boolean tooLarge = !closes && batch.tooLarge();
        FuzzConnection.checkWrite(batch, closes || tooLarge);
        for (int i = 0; i < MEMBERS; i++)
        {
            for (final byte[] payload : expected.get(i))
            {
                expect(i, payload);
            }
        }
        if (tooLarge)
        {
            members[sender].kit().expectError(ErrorCode.FRAME_TOO_LARGE);
        }
        if (closes || tooLarge)
        {
            members[sender].kit().expectClosed();
            members[sender] = join();
        }
    }

    private void expect(final int member, final byte[] payload) throws IOException
    {
        final KitConnection c = members[member].kit();
        try
        {
            if (!new String(payload, StandardCharsets.UTF_8).startsWith("OK STATS "))
            {
                c.expect(payload);
                return;
            }
            final String actual = c.readText();
            if (!STATS.matcher(actual).matches())
            {
                throw new AssertionError("expected " + STATS.pattern() + " but the server sent " +
                    KitConnection.show(actual.getBytes(StandardCharsets.UTF_8)));
            }
        }
        catch (final AssertionError e)
        {
            throw new AssertionError("member " + member + ": " + e.getMessage(), e);
        }
    }

    private void halfClose(final int member) throws IOException
    {
        members[member].kit().shutdownOutput();
        members[member].kit().expectEof();
    }

    @Override
    public String lastStep()
    {
        return lastStep;
    }

    @Override
    public void finish() throws IOException
    {
        for (int i = 0; i < MEMBERS; i++)
        {
            halfClose(i);
        }
    }
}
