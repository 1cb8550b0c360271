package io.ioarena.vthreads;

import io.ioarena.protocol.conformance.AbstractConformanceTest;
import io.ioarena.protocol.launch.InProcessLauncher;
import io.ioarena.protocol.launch.ServerLauncher;

import java.util.List;

/** The whole conformance kit against {@code vthreads-platform}. */
class PlatformThreadsConformanceTest extends AbstractConformanceTest
{
    @Override
    protected ServerLauncher launcher()
    {
        return new InProcessLauncher(new VirtualThreadsServerProvider(), List.of("--thread-kind", "platform"));
    }
}
