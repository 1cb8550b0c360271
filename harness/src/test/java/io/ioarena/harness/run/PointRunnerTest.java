package io.ioarena.harness.run;

import io.ioarena.protocol.server.ReadyLine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointRunnerTest
{
    private static ReadyLine ready(final String eventLoopThreads)
    {
        return new ReadyLine(1, "x", "x", "127.0.0.1", 4242, 7, "echo", "line", 1, Map.of(), eventLoopThreads);
    }

    @Test
    void theEventLoopThreadsAreTheOnesTheServerNames()
    {
        final List<String> notes = new ArrayList<>();
        final Pattern p = PointRunner.eventLoopThreads(ready("\\Qselector-reacto\\E.*"), notes);
        assertTrue(p.matcher("selector-reacto").matches());
        assertFalse(p.matcher("C2 CompilerThre").matches());
        assertEquals(List.of(), notes);
    }

    @Test
    void aServerThatNamesNoneOrABadPatternIsMeasuredOverAllItsThreadsWithANote()
    {
        for (final String missingOrBad : new String[] {null, "selector-(reacto"})
        {
            final List<String> notes = new ArrayList<>();
            final Pattern p = PointRunner.eventLoopThreads(ready(missingOrBad), notes);
            assertTrue(p.matcher("python3").matches() && p.matcher("C2 CompilerThre").matches());
            assertEquals(1, notes.size());
            assertTrue(notes.get(0).contains("server_runqueue_ms_per_s is over all"), notes.get(0));
        }
    }
}
