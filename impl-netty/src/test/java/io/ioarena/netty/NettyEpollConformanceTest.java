package io.ioarena.netty;

import io.ioarena.protocol.conformance.AbstractConformanceTest;
import io.ioarena.protocol.launch.ServerLauncher;

/** The whole conformance kit against netty-epoll; skipped, with the cause, where epoll cannot load. */
class NettyEpollConformanceTest extends AbstractConformanceTest
{
    @Override
    protected ServerLauncher launcher()
    {
        return NettyLaunchers.inProcess(NettyTransport.EPOLL);
    }
}
