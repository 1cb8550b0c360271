package io.ioarena.vthreads;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This server's buffer sizes. The shared command line (PROTOCOL.md section 8) has no buffer flags, so they are JVM
 * system properties, read once at start and reported in the settings.
 *
 * @param readBuffer          initial size of a connection's read buffer; it grows, once, to hold the largest frame
 *                            when a frame needs it.
 * @param writeBuffer         size of a chat connection's output buffer: queued frames are framed into it and
 *                            written in one call; a payload at least as large goes out from its own array.
 * @param socketReceiveBuffer {@code SO_RCVBUF} for accepted sockets, or 0 to leave the kernel's auto-tuning alone.
 * @param socketSendBuffer    {@code SO_SNDBUF} for accepted sockets, or 0 to leave the kernel's auto-tuning alone.
 */
record Tuning(int readBuffer, int writeBuffer, int socketReceiveBuffer, int socketSendBuffer)
{
    static final String READ_BUFFER = "ioarena.vthreads.readBuffer";
    static final String WRITE_BUFFER = "ioarena.vthreads.writeBuffer";
    static final String SOCKET_RECEIVE_BUFFER = "ioarena.vthreads.socketReceiveBuffer";
    static final String SOCKET_SEND_BUFFER = "ioarena.vthreads.socketSendBuffer";

    static final int DEFAULT_READ_BUFFER = 8192;
    static final int DEFAULT_WRITE_BUFFER = 8192;

    Tuning
    {
        require(readBuffer >= 1, READ_BUFFER, "at least 1", readBuffer);
        require(writeBuffer >= 1, WRITE_BUFFER, "at least 1", writeBuffer);
        require(socketReceiveBuffer >= 0, SOCKET_RECEIVE_BUFFER, "0 (kernel default) or more", socketReceiveBuffer);
        require(socketSendBuffer >= 0, SOCKET_SEND_BUFFER, "0 (kernel default) or more", socketSendBuffer);
    }

    static Tuning fromSystemProperties()
    {
        return new Tuning(
            intProperty(READ_BUFFER, DEFAULT_READ_BUFFER),
            intProperty(WRITE_BUFFER, DEFAULT_WRITE_BUFFER),
            intProperty(SOCKET_RECEIVE_BUFFER, 0),
            intProperty(SOCKET_SEND_BUFFER, 0));
    }

    Map<String, Object> settings()
    {
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(READ_BUFFER, readBuffer);
        settings.put(WRITE_BUFFER, writeBuffer);
        settings.put(SOCKET_RECEIVE_BUFFER, socketReceiveBuffer == 0 ? "kernel default" : socketReceiveBuffer);
        settings.put(SOCKET_SEND_BUFFER, socketSendBuffer == 0 ? "kernel default" : socketSendBuffer);
        return settings;
    }

    private static int intProperty(final String name, final int defaultValue)
    {
        final String value = System.getProperty(name);
        if (value == null)
        {
            return defaultValue;
        }
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException("-D" + name + " must be a whole number of bytes, not '" + value + "'");
        }
    }

    private static void require(final boolean ok, final String name, final String expected, final int value)
    {
        if (!ok)
        {
            throw new IllegalArgumentException("-D" + name + " must be " + expected + ", not " + value);
        }
    }
}
