package io.ioarena.protocol.conformance;

import io.ioarena.protocol.launch.ServerLauncher;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the whole conformance kit against one server variant, one JUnit test per case, named
 * {@code <service>/<framing> <case>}; each result is also printed, so the build output shows every case.
 *
 * <p>Each implementation module has one subclass per variant. A variant that cannot run on this machine (a native
 * transport that does not load) throws {@link org.opentest4j.TestAbortedException} from {@link #launcher()} with
 * the cause, so it is reported as skipped, never as passed.
 */
public abstract class AbstractConformanceTest
{
    /** How to start the server under test, e.g. an {@code InProcessLauncher} with {@code --transport epoll}. */
    protected abstract ServerLauncher launcher();

    /** The cases this server claims: the whole kit, unless a server implements only part of PROTOCOL.md. */
    protected List<ConformanceCase> cases()
    {
        return ConformanceKit.allCases();
    }

    @TestFactory
    Stream<DynamicTest> conformance()
    {
        final ServerLauncher launcher = launcher();
        final ConformanceKit kit = new ConformanceKit(launcher, cases());
        return kit.cases().stream().map(c -> DynamicTest.dynamicTest(c.id(), () ->
        {
            final CaseResult result = kit.run(c);
            System.out.println("conformance [" + launcher.describe() + "] " + result);
            if (!result.passed())
            {
                fail(result.detail());
            }
        }));
    }
}
