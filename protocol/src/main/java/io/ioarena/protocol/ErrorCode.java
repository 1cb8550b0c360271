package io.ioarena.protocol;

import java.nio.charset.StandardCharsets;

/** The error frames of PROTOCOL.md section 5. Payloads are created once and shared; never modify them. */
public enum ErrorCode
{
    FRAME_TOO_LARGE(true),
    SERVER_FULL(true),
    UNKNOWN_COMMAND(false),
    MALFORMED(false),
    INVALID_UTF8(false),
    NOT_IN_ROOM(false),
    TOO_MANY_ROOMS(false);

    private final boolean closesConnection;
    private final byte[] payload;

    ErrorCode(final boolean closesConnection)
    {
        this.closesConnection = closesConnection;
        this.payload = ("ERR " + name()).getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether the server closes the connection after sending this error. */
    public boolean closesConnection()
    {
        return closesConnection;
    }

    /** The payload {@code ERR <CODE>}; shared, do not modify. */
    public byte[] payload()
    {
        return payload;
    }

    public String text()
    {
        return "ERR " + name();
    }

    /** The complete error frame in {@code framing} (in {@code raw}: the payload and a newline). */
    public byte[] frame(final Framing framing)
    {
        return framing.encodeError(payload);
    }
}
