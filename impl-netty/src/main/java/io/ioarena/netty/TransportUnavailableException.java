package io.ioarena.netty;

/** The transport asked for cannot load on this machine; the server does not start (no fallback to another one). */
public final class TransportUnavailableException extends Exception
{
    private static final long serialVersionUID = 1L;

    TransportUnavailableException(final String transport, final Throwable cause)
    {
        super("the Netty " + transport + " transport cannot load on this machine: " + cause, cause);
    }
}
