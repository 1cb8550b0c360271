package io.ioarena.netty;

import io.ioarena.protocol.launch.InProcessLauncher;
import io.ioarena.protocol.launch.ServerLauncher;
import org.opentest4j.TestAbortedException;

import java.util.List;

/** Launchers for the tests: the Netty server in this JVM on one transport. */
final class NettyLaunchers
{
    private NettyLaunchers()
    {
    }

    /** Aborts the calling test (reported as skipped, with the cause) when {@code transport} cannot load here. */
    static ServerLauncher inProcess(final NettyTransport transport)
    {
        final Throwable cause = transport.unavailabilityCause();
        if (cause != null)
        {
            throw new TestAbortedException("the " + transport.cliName() + " transport cannot load here: " + cause,
                cause);
        }
        return new InProcessLauncher(new NettyServerProvider(), List.of("--transport", transport.cliName()));
    }
}
