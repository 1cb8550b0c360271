package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.launch.LaunchedServer;
import io.ioarena.protocol.launch.ServerLauncher;
import io.ioarena.protocol.launch.Schedstat;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the whole conformance kit against one server variant, one JUnit test per case, named
 * {@code <service>/<framing> <case>}; each result is also printed, so the build output shows every case. It also
 * checks the variant's {@code eventLoopThreads} (PROTOCOL.md section 8), which the kit cannot: that is about the
 * server's threads, not its bytes.
 *
 * <p>Each implementation module has one subclass per variant. A variant that cannot run on this machine (a native
 * transport that does not load) throws {@link org.opentest4j.TestAbortedException} from {@link #launcher()} with
 * the cause, so it is reported as skipped, never as passed.
 */
public abstract class AbstractConformanceTest
{
    private static final int ROUND_TRIPS_PER_CONNECTION = 200;

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
                // the case and the server in the message itself: a build log's summary shows only the message
                fail(launcher.describe() + " " + c.id() + ": " + result.detail());
            }
        }));
    }

    /**
     * The threads the readiness line names as the event loops are the ones that serve the connections: they ran
     * while two connections per event loop echoed, and they are a few, not every thread of the JVM.
     */
    @Test
    void eventLoopThreadsServeTheConnections() throws Exception
    {
        final ServerLauncher launcher = launcher();
        // it echoes lines: a server that claims only part of the kit (the C chat floor) is not asked to
        assumeTrue(cases().stream().anyMatch(c -> c.service() == Service.ECHO && c.framing() == Framing.LINE),
            launcher.describe() + " does not claim the echo/line cases");
        try (LaunchedServer server = launcher.launch(List.of("--service", "echo", "--framing", "line")))
        {
            final long pid = server.ready().pid();
            assumeTrue(Files.isDirectory(Path.of("/proc", Long.toString(pid), "task")),
                "no /proc/<pid>/task on this system: the threads cannot be seen");
            final String regex = server.ready().eventLoopThreads();
            assertNotNull(regex, launcher.describe() + " names no eventLoopThreads in its readiness line");
            final Pattern loops = Pattern.compile(regex);
            final int connections = 2 * server.ready().eventLoops();
            final List<KitConnection> open = new ArrayList<>();
            try
            {
                for (int i = 0; i < connections; i++)
                {
                    open.add(KitConnection.open(server.host(), server.port(), Framing.LINE));
                    Exchange.roundTrip(open.get(i), Service.ECHO, Exchange.token(i));
                }
                final long before = runNanos(pid, loops);
                for (int k = 0; k < ROUND_TRIPS_PER_CONNECTION; k++)
                {
                    for (final KitConnection c : open)
                    {
                        Exchange.roundTrip(c, Service.ECHO, Exchange.token(k));
                    }
                }
                final long after = runNanos(pid, loops);
                final List<String> matched = Schedstat.tasks(pid).stream().map(Schedstat.Task::name)
                    .filter(n -> loops.matcher(n).matches()).toList();
                assertTrue(after > before, "the threads " + regex + " " + matched + " did not run while " +
                    connections + " connections echoed");
                // event loops (or carriers), one thread per connection at most, and a JDK poller
                final int most = server.ready().eventLoops() + connections + 1;
                assertTrue(matched.size() <= most, "eventLoopThreads " + regex + " matches " + matched.size() +
                    " threads, more than " + most + ": " + matched);
            }
            finally
            {
                for (final KitConnection c : open)
                {
                    c.close();
                }
            }
        }
    }

    private static long runNanos(final long pid, final Pattern threads) throws IOException
    {
        return Schedstat.tasks(pid).stream().filter(t -> threads.matcher(t.name()).matches())
            .mapToLong(t -> t.schedstat().runNanos()).sum();
    }
}
