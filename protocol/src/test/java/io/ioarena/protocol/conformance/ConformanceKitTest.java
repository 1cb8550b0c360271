package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.launch.LaunchedServer;
import io.ioarena.protocol.launch.ServerLauncher;
import io.ioarena.protocol.server.ReadyLine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConformanceKitTest
{
    /** Launches fakes and writes down what happens to them, in order. */
    private static final class Recorder implements ServerLauncher
    {
        final List<String> events = new ArrayList<>();
        private int launched;

        @Override
        public String describe()
        {
            return "fake";
        }

        @Override
        public LaunchedServer launch(final List<String> args)
        {
            final String name = "server" + ++launched + args.subList(4, args.size());
            events.add("launch " + name);
            return new LaunchedServer()
            {
                private boolean stopped;

                @Override
                public ReadyLine ready()
                {
                    return new ReadyLine(ReadyLine.PROTOCOL_VERSION, "fake", "fake", "127.0.0.1", 1, 1, "echo", "line",
                        1, Map.of(), null);
                }

                @Override
                public OptionalLong memoryBytes()
                {
                    return OptionalLong.empty();
                }

                @Override
                public void stop()
                {
                    if (!stopped)
                    {
                        stopped = true;
                        events.add("stop " + name);
                    }
                }
            };
        }

        ConformanceCase sharing(final String name, final List<String> args)
        {
            return new ConformanceCase(name, Service.ECHO, Framing.LINE, args, false, ctx -> events.add(name));
        }

        ConformanceCase stopping(final String name)
        {
            return new ConformanceCase(name, Service.ECHO, Framing.LINE, List.of(), true, ctx ->
            {
                events.add(name);
                ctx.server().stop();
            });
        }
    }

    @Test
    void aCaseThatStopsItsServerRunsLastOnTheServerItShares()
    {
        final Recorder r = new Recorder();
        final List<ConformanceCase> cases = List.of(r.sharing("a", List.of()), r.stopping("shutdown"),
            r.sharing("limit", List.of("--max-connections", "4")), r.sharing("b", List.of()));
        final List<CaseResult> results = new ConformanceKit(r, cases).runAll();
        assertTrue(results.stream().allMatch(CaseResult::passed), results.toString());
        assertEquals(List.of("echo/line a", "echo/line limit", "echo/line b", "echo/line shutdown"),
            results.stream().map(CaseResult::caseId).toList(), "the stopping case moved after the others");
        assertEquals(List.of("launch server1[]", "a", "launch server2[--max-connections, 4]", "limit",
            "stop server2[--max-connections, 4]", "b", "shutdown", "stop server1[]"), r.events,
            "one launch per set of flags, the shutdown on the server a and b used");
    }

    @Test
    void aCaseRunAfterTheServerWasStoppedGetsANewOne()
    {
        final Recorder r = new Recorder();
        final ConformanceCase a = r.sharing("a", List.of());
        final ConformanceCase shutdown = r.stopping("shutdown");
        final ConformanceKit kit = new ConformanceKit(r, List.of(a, shutdown));
        assertTrue(kit.run(shutdown).passed());
        assertTrue(kit.run(a).passed());
        kit.close();
        assertEquals(List.of("launch server1[]", "shutdown", "stop server1[]", "launch server2[]", "a",
            "stop server2[]"), r.events);
    }
}
