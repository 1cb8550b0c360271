package io.ioarena.netty;

import io.ioarena.protocol.conformance.AbstractConformanceTest;
import io.ioarena.protocol.launch.ServerLauncher;

/** The whole conformance kit against netty-nio; skipped, with the cause, where nio cannot load. */
class NettyNioConformanceTest extends AbstractConformanceTest
{
    @Override
    protected ServerLauncher launcher()
    {
        return NettyLaunchers.inProcess(NettyTransport.NIO);
    }
}
