package io.ioarena.protocol.chat;

import io.ioarena.protocol.ErrorCode;
import io.ioarena.protocol.spi.ServerCounters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatSessionTest
{
    private final ServerCounters counters = new ServerCounters(10);
    private final ChatSession session = new ChatSession(2, counters);

    private ChatAction handle(final String command)
    {
        final byte[] b = command.getBytes(StandardCharsets.UTF_8);
        return session.handle(b, 0, b.length);
    }

    private static String text(final byte[] payload)
    {
        return new String(payload, StandardCharsets.UTF_8);
    }

    private String reply(final String command)
    {
        return switch (handle(command))
        {
            case ChatAction.Reply r -> text(r.payload());
            case ChatAction.Join j -> text(j.reply());
            case ChatAction.Leave l -> text(l.reply());
            case ChatAction.Deliver d -> "deliver " + d.room() + ": " + text(d.payload());
        };
    }

    @Test
    void pingReturnsTheRestByteForByte()
    {
        assertEquals("PONG", reply("PING"));
        assertEquals("PONG  two  spaces ", reply("PING  two  spaces "));
    }

    @Test
    void messagesCarryRoomNickAndTextAndNeedMembership()
    {
        assertEquals("ERR NOT_IN_ROOM", reply("MSG lobby hi"));
        assertEquals("OK JOIN lobby", reply("JOIN lobby"));
        assertEquals("deliver lobby: MSG lobby * hi there", reply("MSG lobby hi there"));
        assertEquals("OK NICK ann", reply("NICK ann"));
        assertEquals("deliver lobby: MSG lobby ann ", reply("MSG lobby "));
        assertEquals("ERR MALFORMED", reply("MSG lobby"));
    }

    @Test
    void roomsAreLimitedAndJoiningTwiceIsHarmless()
    {
        assertInstanceOf(ChatAction.Join.class, handle("JOIN a"));
        assertInstanceOf(ChatAction.Join.class, handle("JOIN a"));
        assertInstanceOf(ChatAction.Join.class, handle("JOIN b"));
        assertEquals("ERR TOO_MANY_ROOMS", reply("JOIN c"));
        assertEquals("OK LEAVE a", reply("LEAVE a"));
        assertEquals("ERR NOT_IN_ROOM", reply("LEAVE a"));
        assertEquals("OK JOIN c", reply("JOIN c"));
        assertTrue(session.rooms().contains("c"));
        assertFalse(session.rooms().contains("a"));
    }

    @Test
    void errorsForUnknownMalformedAndInvalidText()
    {
        assertEquals("ERR UNKNOWN_COMMAND", reply(""));
        assertEquals("ERR UNKNOWN_COMMAND", reply("ping"));
        assertEquals("ERR MALFORMED", reply("NICK"));
        assertEquals("ERR MALFORMED", reply("NICK a b"));
        assertEquals("ERR MALFORMED", reply("NICK " + "x".repeat(33)));
        assertEquals("ERR MALFORMED", reply("JOIN bad/name"));
        assertEquals("ERR MALFORMED", reply("QUIT now"));
        final byte[] invalid = {'P', 'I', 'N', 'G', ' ', (byte)0xC3};
        assertEquals(new ChatAction.Reply(ErrorCode.INVALID_UTF8.payload(), false).payload(),
            ((ChatAction.Reply)session.handle(invalid, 0, invalid.length)).payload());
    }

    @Test
    void quitClosesAndStatsCounts()
    {
        assertTrue(((ChatAction.Reply)handle("QUIT")).close());
        counters.tryOpenConnection();
        counters.slowConsumerClosed();
        assertEquals("OK STATS connections=1 slow_consumers=1", reply("STATS"));
    }
}
