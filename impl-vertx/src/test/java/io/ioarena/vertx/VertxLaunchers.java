package io.ioarena.vertx;

import io.ioarena.protocol.launch.InProcessLauncher;
import io.ioarena.protocol.launch.ServerLauncher;
import org.opentest4j.TestAbortedException;

import java.util.List;

/** In-process launchers for the Vert.x server on one transport. */
final class VertxLaunchers
{
    private VertxLaunchers()
    {
    }

    /** A launcher for {@code --transport name}; aborts the test, with the cause, where that transport cannot load. */
    static ServerLauncher onTransport(final String name)
    {
        try
        {
            VertxTransports.require(name);
        }
        catch (final IllegalStateException e)
        {
            throw new TestAbortedException(e.getMessage(), e);
        }
        return new InProcessLauncher(new VertxServerProvider(), List.of("--transport", name));
    }
}
