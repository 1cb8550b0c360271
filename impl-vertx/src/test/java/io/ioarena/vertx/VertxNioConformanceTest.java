package io.ioarena.vertx;

import io.ioarena.protocol.conformance.AbstractConformanceTest;
import io.ioarena.protocol.launch.ServerLauncher;

/** The whole conformance kit against the Vert.x server on the nio transport. */
class VertxNioConformanceTest extends AbstractConformanceTest
{
    @Override
    protected ServerLauncher launcher()
    {
        return VertxLaunchers.onTransport("nio");
    }
}
