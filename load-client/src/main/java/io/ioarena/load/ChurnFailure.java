package io.ioarena.load;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.util.Locale;

/** Why a churn connection did not complete, by kind: what {@code churn.json}'s {@code failures} counts. */
public enum ChurnFailure
{
    /** The server refused the connection (nothing listening, or its accept queue full with syncookies off). */
    REFUSED,
    /** The connection was reset before its echo came back. */
    RESET,
    /** The server closed the connection (end of stream) before its echo came back. */
    CLOSED,
    /** Connecting and echoing took longer than {@code --timeout}. */
    TIMEOUT,
    /** No local port was left for the source address (EADDRINUSE or EADDRNOTAVAIL): more source addresses help. */
    ADDRESS_IN_USE,
    /** The echo came back with other bytes than were sent. */
    CORRUPT,
    /** Any other I/O error; its message is in the client's log. */
    OTHER;

    /** The name in {@code churn.json}: {@code address-in-use}, {@code refused}, ... */
    public String key()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind of a connect, write or read error, from its class and the operating system's message. */
    static ChurnFailure of(final IOException e)
    {
        final String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof BindException || m.contains("address already in use") || m.contains("cannot assign"))
        {
            return ADDRESS_IN_USE;
        }
        if (m.contains("reset"))
        {
            return RESET;
        }
        if (e instanceof ConnectException || m.contains("refused"))
        {
            return REFUSED;
        }
        return OTHER;
    }
}
