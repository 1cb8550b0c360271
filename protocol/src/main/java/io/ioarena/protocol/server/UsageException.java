package io.ioarena.protocol.server;

/** A bad command line: the message names the flag. Servers exit with status 2 on it. */
public final class UsageException extends Exception
{
    private static final long serialVersionUID = 1L;

    public UsageException(final String message)
    {
        super(message);
    }
}
