package io.ioarena.load;

import java.util.Locale;

/** What the connections do: echo messages, or chat in rooms (every member receives every message). */
public enum Workload
{
    ECHO, CHAT;

    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
