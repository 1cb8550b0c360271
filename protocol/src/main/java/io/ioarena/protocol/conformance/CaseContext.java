package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.launch.LaunchedServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What a case body works with: the server it runs against, and connections that are closed when it ends. */
public final class CaseContext implements AutoCloseable
{
    private final LaunchedServer server;
    private final Service service;
    private final Framing framing;
    private final List<KitConnection> connections = new ArrayList<>();

    CaseContext(final LaunchedServer server, final Service service, final Framing framing)
    {
        this.server = server;
        this.service = service;
        this.framing = framing;
    }

    public LaunchedServer server()
    {
        return server;
    }

    public Service service()
    {
        return service;
    }

    public Framing framing()
    {
        return framing;
    }

    /** The server's {@code --max-frame}, from its readiness line. */
    public int maxFrame()
    {
        return ((Number)server.ready().settings().get("maxFrame")).intValue();
    }

    KitConnection connect() throws IOException
    {
        final KitConnection c = KitConnection.open(server.host(), server.port(), framing);
        connections.add(c);
        return c;
    }

    /** Opens a connection with small socket buffers, so that the server's own buffering shows quickly. */
    KitConnection connectWithSmallBuffers(final int bytes) throws IOException
    {
        final KitConnection c = KitConnection.openWithBuffers(server.host(), server.port(), framing, bytes);
        connections.add(c);
        return c;
    }

    @Override
    public void close()
    {
        for (final KitConnection c : connections)
        {
            try
            {
                c.close();
            }
            catch (final IOException ignored)
            {
                // already closed by the server or the case
            }
        }
    }
}
