package io.ioarena.netty;

import io.ioarena.protocol.conformance.AbstractConformanceTest;
import io.ioarena.protocol.launch.ServerLauncher;

/** The whole conformance kit against netty-io_uring; skipped, with the cause, where io_uring cannot load. */
class NettyIoUringConformanceTest extends AbstractConformanceTest
{
    @Override
    protected ServerLauncher launcher()
    {
        return NettyLaunchers.inProcess(NettyTransport.IO_URING);
    }
}
