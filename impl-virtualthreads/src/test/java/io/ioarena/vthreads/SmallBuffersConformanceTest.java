package io.ioarena.vthreads;

import io.ioarena.protocol.conformance.AbstractConformanceTest;
import io.ioarena.protocol.launch.InProcessLauncher;
import io.ioarena.protocol.launch.ServerLauncher;

import java.util.List;

/**
 * The whole kit again with tiny read and write buffers: every frame then spans many reads (the read buffer compacts
 * and grows) and most chat payloads are larger than the output buffer (written from their own arrays).
 */
class SmallBuffersConformanceTest extends AbstractConformanceTest
{
    @Override
    protected ServerLauncher launcher()
    {
        return new InProcessLauncher(new VirtualThreadsServerProvider(new Tuning(7, 5, 0, 0)),
            List.of("--thread-kind", "virtual"));
    }
}
