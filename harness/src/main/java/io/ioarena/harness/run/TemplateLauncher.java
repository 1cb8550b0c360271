package io.ioarena.harness.run;

import io.ioarena.protocol.launch.LaunchedServer;
import io.ioarena.protocol.launch.ProcessLauncher;
import io.ioarena.protocol.launch.ServerLauncher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Launches a server from a {@link CommandTemplate} through the protocol module's {@link ProcessLauncher}. */
public final class TemplateLauncher implements ServerLauncher
{
    private final String name;
    private final CommandTemplate template;
    private final Duration readyTimeout;
    private final Path logFile;
    private final Cancellation cancellation;

    /** @param cancellation the suite's stop switch: once it is thrown, nothing more is launched. */
    public TemplateLauncher(final String name, final CommandTemplate template, final Duration readyTimeout,
        final Path logFile, final Cancellation cancellation)
    {
        this.name = name;
        this.template = template;
        this.readyTimeout = readyTimeout;
        this.logFile = logFile;
        this.cancellation = cancellation;
    }

    @Override
    public String describe()
    {
        return name;
    }

    @Override
    public ProcessLauncher.Launched launch(final List<String> args) throws Exception
    {
        // The gate launches from threads of its own: one that launches while Ctrl-C is ending every process the
        // harness started would leave its server behind, so a launch checks the switch before and after.
        cancellation.check();
        final ProcessLauncher.Launched launched = new ProcessLauncher(ParentDeath.wrap(template.expand(args)),
            readyTimeout, logFile).launch(List.of());
        if (cancellation.cancelled())
        {
            launched.stop();
            cancellation.check();
        }
        return launched;
    }
}
