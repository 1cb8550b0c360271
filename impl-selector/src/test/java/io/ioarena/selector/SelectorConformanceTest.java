package io.ioarena.selector;

import io.ioarena.protocol.conformance.AbstractConformanceTest;
import io.ioarena.protocol.launch.InProcessLauncher;
import io.ioarena.protocol.launch.ServerLauncher;

import java.util.List;

/** The whole conformance kit against the multi-reactor server (one reactor per available core). */
class SelectorConformanceTest extends AbstractConformanceTest
{
    @Override
    protected ServerLauncher launcher()
    {
        return new InProcessLauncher(new SelectorServerProvider(), List.of());
    }
}
