package io.ioarena.protocol.chat;

import io.ioarena.protocol.ErrorCode;
import io.ioarena.protocol.spi.ServerCounters;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * One chat connection's state and the rules of PROTOCOL.md section 4 for a single command payload: parsing, name
 * validation, nickname, the rooms joined and their limit, and the exact reply bytes. Used by the thread that reads
 * the connection only. Every server uses it, so every server answers every command with the same bytes.
 */
public final class ChatSession
{
    /** The nickname of a connection that has not sent {@code NICK}. */
    public static final String DEFAULT_NICK = "*";
    /** Longest nickname or room name. */
    public static final int MAX_NAME_LENGTH = 32;

    private static final byte SPACE = ' ';
    private static final byte[] PONG = ascii("PONG");
    private static final byte[] OK_QUIT = ascii("OK QUIT");
    private static final byte[] MSG_PREFIX = ascii("MSG ");

    private static final ChatAction UNKNOWN = new ChatAction.Reply(ErrorCode.UNKNOWN_COMMAND.payload(), false);
    private static final ChatAction MALFORMED = new ChatAction.Reply(ErrorCode.MALFORMED.payload(), false);
    private static final ChatAction INVALID_UTF8 = new ChatAction.Reply(ErrorCode.INVALID_UTF8.payload(), false);
    private static final ChatAction NOT_IN_ROOM = new ChatAction.Reply(ErrorCode.NOT_IN_ROOM.payload(), false);
    private static final ChatAction TOO_MANY_ROOMS = new ChatAction.Reply(ErrorCode.TOO_MANY_ROOMS.payload(), false);
    private static final ChatAction QUIT = new ChatAction.Reply(OK_QUIT, true);

    private final int maxRooms;
    private final ServerCounters counters;
    private final Set<String> rooms = new HashSet<>();
    private String nick = DEFAULT_NICK;
    private byte[] nickBytes = ascii(DEFAULT_NICK);

    public ChatSession(final int maxRooms, final ServerCounters counters)
    {
        this.maxRooms = maxRooms;
        this.counters = counters;
    }

    public String nick()
    {
        return nick;
    }

    /** The rooms this connection is in; a server leaves them all when the connection closes. */
    public Set<String> rooms()
    {
        return Collections.unmodifiableSet(rooms);
    }

    /** Decides what to do with one command payload {@code p[offset, offset+length)}. */
    public ChatAction handle(final byte[] p, final int offset, final int length)
    {
        if (!Utf8.isValid(p, offset, length))
        {
            return INVALID_UTF8;
        }
        final int end = offset + length;
        int wordEnd = offset;
        while (wordEnd < end && p[wordEnd] != SPACE)
        {
            wordEnd++;
        }
        final String word = new String(p, offset, wordEnd - offset, StandardCharsets.UTF_8);
        final boolean hasArgs = wordEnd < end;
        final int argStart = wordEnd + 1;
        return switch (word)
        {
            case "PING" -> ping(p, wordEnd, end);
            case "MSG" -> hasArgs ? message(p, argStart, end) : MALFORMED;
            case "NICK" -> nick(p, argStart, end, hasArgs);
            case "JOIN" -> join(p, argStart, end, hasArgs);
            case "LEAVE" -> leave(p, argStart, end, hasArgs);
            case "QUIT" -> hasArgs ? MALFORMED : QUIT;
            case "STATS" -> hasArgs ? MALFORMED : stats();
            default -> UNKNOWN;
        };
    }

    private static ChatAction ping(final byte[] p, final int wordEnd, final int end)
    {
        // PONG followed by whatever came after PING (a space and the token, or nothing), byte for byte.
        final byte[] reply = new byte[PONG.length + end - wordEnd];
        System.arraycopy(PONG, 0, reply, 0, PONG.length);
        System.arraycopy(p, wordEnd, reply, PONG.length, end - wordEnd);
        return new ChatAction.Reply(reply, false);
    }

    private ChatAction message(final byte[] p, final int argStart, final int end)
    {
        int roomEnd = argStart;
        while (roomEnd < end && p[roomEnd] != SPACE)
        {
            roomEnd++;
        }
        if (roomEnd == end || !isName(p, argStart, roomEnd))
        {
            return MALFORMED;
        }
        final String room = new String(p, argStart, roomEnd - argStart, StandardCharsets.US_ASCII);
        if (!rooms.contains(room))
        {
            return NOT_IN_ROOM;
        }
        // "MSG <room> <nick> <text>": the request's "MSG <room> " then the nick, a space, and the text.
        final int headLength = roomEnd + 1 - (argStart - MSG_PREFIX.length);
        final int textLength = end - (roomEnd + 1);
        final byte[] delivery = new byte[headLength + nickBytes.length + 1 + textLength];
        System.arraycopy(MSG_PREFIX, 0, delivery, 0, MSG_PREFIX.length);
        System.arraycopy(p, argStart, delivery, MSG_PREFIX.length, roomEnd + 1 - argStart);
        System.arraycopy(nickBytes, 0, delivery, headLength, nickBytes.length);
        delivery[headLength + nickBytes.length] = SPACE;
        System.arraycopy(p, roomEnd + 1, delivery, headLength + nickBytes.length + 1, textLength);
        return new ChatAction.Deliver(room, delivery);
    }

    private ChatAction nick(final byte[] p, final int argStart, final int end, final boolean hasArgs)
    {
        if (!hasArgs || !isName(p, argStart, end))
        {
            return MALFORMED;
        }
        nick = new String(p, argStart, end - argStart, StandardCharsets.US_ASCII);
        nickBytes = ascii(nick);
        return new ChatAction.Reply(ascii("OK NICK " + nick), false);
    }

    private ChatAction join(final byte[] p, final int argStart, final int end, final boolean hasArgs)
    {
        if (!hasArgs || !isName(p, argStart, end))
        {
            return MALFORMED;
        }
        final String room = new String(p, argStart, end - argStart, StandardCharsets.US_ASCII);
        if (!rooms.contains(room))
        {
            if (rooms.size() >= maxRooms)
            {
                return TOO_MANY_ROOMS;
            }
            rooms.add(room);
        }
        // Joining twice is harmless for every registry (a set add), so the server is told to join either way.
        return new ChatAction.Join(room, ascii("OK JOIN " + room));
    }

    private ChatAction leave(final byte[] p, final int argStart, final int end, final boolean hasArgs)
    {
        if (!hasArgs || !isName(p, argStart, end))
        {
            return MALFORMED;
        }
        final String room = new String(p, argStart, end - argStart, StandardCharsets.US_ASCII);
        if (!rooms.remove(room))
        {
            return NOT_IN_ROOM;
        }
        return new ChatAction.Leave(room, ascii("OK LEAVE " + room));
    }

    private ChatAction stats()
    {
        return new ChatAction.Reply(ascii("OK STATS connections=" + counters.openConnections() +
            " slow_consumers=" + counters.slowConsumers()), false);
    }

    private static boolean isName(final byte[] p, final int start, final int end)
    {
        final int length = end - start;
        if (length < 1 || length > MAX_NAME_LENGTH)
        {
            return false;
        }
        for (int i = start; i < end; i++)
        {
            final byte b = p[i];
            final boolean ok = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
                b == '_' || b == '-' || b == '.';
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
