package io.ioarena.protocol.server;

/**
 * Turns SIGTERM and SIGINT into a graceful stop. A JVM shutdown hook would also run, but the process would then exit
 * with 143 or 130; PROTOCOL.md section 6 promises 0 after a graceful shutdown, so the signals are handled directly.
 */
final class ShutdownSignals
{
    private ShutdownSignals()
    {
    }

    @SuppressWarnings("removal")
    static void onTermination(final Runnable action)
    {
        for (final String name : new String[] {"TERM", "INT"})
        {
            try
            {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
            }
            catch (final IllegalArgumentException unsupportedHere)
            {
                // The platform lacks this signal: the JVM's default handling stays, which still ends the process.
            }
        }
    }
}
