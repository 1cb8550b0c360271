package io.ioarena.selector;

import io.ioarena.protocol.spi.RunningServer;
import io.ioarena.protocol.spi.ServerConfig;
import io.ioarena.protocol.spi.ServerProvider;

/** The hand-written {@code java.nio} Selector reactor server: the Java heir of Python's asyncore/asynchat. */
public final class SelectorServerProvider implements ServerProvider
{
    static final String NAME = "selector";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public RunningServer start(final ServerConfig config) throws Exception
    {
        return SelectorServer.start(config);
    }
}
