package io.ioarena.protocol.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Seeded random chat command payloads (PROTOCOL.md section 4): mostly valid commands on a few rooms and nicknames,
 * so that rooms fill, members overlap and messages are delivered, mixed with every kind of wrong one: unknown and
 * lower-case words, missing and extra arguments, invalid names, invalid UTF-8, a stray {@code \r}.
 */
final class RandomCommands
{
    private static final String[] ROOMS = {"r0", "r1", "r.2", "lobby"};
    private static final String[] NICKS = {"ann", "bob", "c_1.x-Y", "n".repeat(32)};
    /** Not names: empty, too long, a character outside {@code A-Z a-z 0-9 _ - .}, non-ASCII, the default nick. */
    private static final String[] NOT_NAMES = {"", "n".repeat(33), "bad!", "é", "*", "r0\r"};
    private static final String[] WRONG_WORDS = {"ping", "join r0", "HELLO", "", "PING\r", "MSGr0 x", "Quit"};
    private static final String TEXT_CHARACTERS = "ab Z09.-_*!é✓\r";
    private static final String[] FOUR_BYTE_CHARACTERS = {"𝄞", "😀"};
    /** UTF-8 that is not: a lone continuation byte, a truncated sequence, an encoded surrogate, an overlong form. */
    private static final byte[][] NOT_UTF8 = {{(byte)0x80}, {(byte)0xC3}, {(byte)0xED, (byte)0xA0, (byte)0x80},
        {(byte)0xC0, (byte)0xAF}, {(byte)0xFF}};

    private final Random random;

    RandomCommands(final Random random)
    {
        this.random = random;
    }

    /** One command payload: valid three times in four. */
    byte[] next()
    {
        return random.nextInt(4) == 0 ? wrong() : valid();
    }

    private byte[] valid()
    {
        return utf8(switch (random.nextInt(12))
        {
            case 0 -> "NICK " + pick(NICKS);
            case 1, 2, 3 -> "JOIN " + pick(ROOMS);
            case 4 -> "LEAVE " + pick(ROOMS);
            case 5, 6, 7, 8 -> "MSG " + pick(ROOMS) + " " + text();
            case 9 -> random.nextBoolean() ? "PING" : "PING " + text();
            case 10 -> "STATS";
            default -> random.nextInt(4) == 0 ? "QUIT" : "PING";
        });
    }

    private byte[] wrong()
    {
        return switch (random.nextInt(8))
        {
            case 0 -> utf8(pick(WRONG_WORDS));
            case 1 -> utf8(pick(new String[] {"NICK", "JOIN", "LEAVE", "MSG"}));
            case 2 -> utf8(pick(new String[] {"NICK ", "JOIN ", "LEAVE "}) + pick(NOT_NAMES));
            case 3 -> utf8(pick(new String[] {"NICK ann bob", "JOIN r0 r1", "LEAVE r0 ", "QUIT now", "STATS x"}));
            case 4 -> utf8("MSG " + pick(ROOMS)); // no space before the text
            case 5 -> utf8("MSG " + pick(NOT_NAMES) + " " + text());
            default -> invalidUtf8();
        };
    }

    private byte[] invalidUtf8()
    {
        final ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(utf8(pick(new String[] {"PING ", "MSG r0 ", "JOIN ", "NICK a", ""})));
        p.writeBytes(NOT_UTF8[random.nextInt(NOT_UTF8.length)]);
        p.writeBytes(utf8(text()));
        return p.toByteArray();
    }

    /** Text of up to 20 characters: spaces anywhere, some of them beyond ASCII. */
    private String text()
    {
        final StringBuilder s = new StringBuilder();
        final int length = random.nextInt(21);
        for (int i = 0; i < length; i++)
        {
            if (random.nextInt(20) == 0)
            {
                s.append(pick(FOUR_BYTE_CHARACTERS));
            }
            else
            {
                s.append(TEXT_CHARACTERS.charAt(random.nextInt(TEXT_CHARACTERS.length())));
            }
        }
        return s.toString();
    }

    private String pick(final String[] options)
    {
        return options[random.nextInt(options.length)];
    }

    private static byte[] utf8(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
