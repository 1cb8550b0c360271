package io.ioarena.protocol.spi;

import java.util.Map;

/** A started server. */
public interface RunningServer
{
    /** The port actually bound (never 0). */
    int port();

    /**
     * What is being measured, named for results: the implementation plus its transport or thread kind, e.g.
     * {@code netty-epoll}, {@code vthreads-platform}, or just {@code selector}.
     */
    String variant();

    /**
     * Every knob in effect that is not already in {@link ServerConfig}: transport, allocator, library versions,
     * buffer sizes. Printed at start and carried into results.
     */
    Map<String, Object> settings();

    /**
     * A regular expression over the kernel's names of this server's threads ({@link KernelThreadNames}) that
     * matches the threads that run its event loops: the threads that read, handle and write connections' bytes, and
     * none of the JVM's own. The harness reports how long they waited for a CPU (PROTOCOL.md section 8).
     */
    String eventLoopThreads();

    ServerCounters counters();

    /**
     * Graceful shutdown (PROTOCOL.md section 6): stop accepting and reading, send what is pending for at most the
     * shutdown grace, close every connection, release every thread. Returns when done; calling it twice is harmless.
     */
    void stop();
}
