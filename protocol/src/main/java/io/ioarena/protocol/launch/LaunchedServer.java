package io.ioarena.protocol.launch;

import io.ioarena.protocol.server.ReadyLine;

import java.util.OptionalInt;
import java.util.OptionalLong;

/** A server started by a {@link ServerLauncher}. */
public interface LaunchedServer extends AutoCloseable
{
    ReadyLine ready();

    default String host()
    {
        return ready().host();
    }

    default int port()
    {
        return ready().port();
    }

    /**
     * The server's memory now, for checks that it stays bounded: the heap in use after a GC for a server in this
     * JVM, the resident set size for a process. Empty where it cannot be known.
     */
    OptionalLong memoryBytes();

    /** The exit status of a server process that has ended; empty for one in this JVM or still running. */
    default OptionalInt exitStatus()
    {
        return OptionalInt.empty();
    }

    /** Graceful shutdown: returns once the server has stopped. Calling it twice is harmless. */
    void stop() throws Exception;

    @Override
    default void close() throws Exception
    {
        stop();
    }
}
