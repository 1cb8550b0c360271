package io.ioarena.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The two services of PROTOCOL.md sections 3 and 4. */
public enum Service
{
    ECHO, CHAT;

    /** The name used on command lines, in results and in JSON: {@code echo}, {@code chat}. */
    @JsonValue
    public String cliName()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean supports(final Framing framing)
    {
        return this == ECHO || framing != Framing.RAW;
    }

    @JsonCreator
    public static Service fromCliName(final String name)
    {
        for (final Service s : values())
        {
            if (s.cliName().equals(name))
            {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown service '" + name + "' (expected echo or chat)");
    }
}
