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

    public TemplateLauncher(final String name, final CommandTemplate template, final Duration readyTimeout,
        final Path logFile)
    {
        this.name = name;
        this.template = template;
        this.readyTimeout = readyTimeout;
        this.logFile = logFile;
    }

    @Override
    public String describe()
    {
        return name;
    }

    @Override
    public ProcessLauncher.Launched launch(final List<String> args) throws Exception
    {
        return new ProcessLauncher(template.expand(args), readyTimeout, logFile).launch(List.of());
    }
}
