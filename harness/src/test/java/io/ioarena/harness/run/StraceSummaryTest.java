package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code strace -c} tables in {@code src/test/resources/syscalls/} were captured on this project's machine. */
class StraceSummaryTest
{
    static String capture(final String name) throws IOException
    {
        try (InputStream in = StraceSummaryTest.class.getResourceAsStream("/syscalls/" + name))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static StraceSummary parse(final String name) throws IOException
    {
        final StraceSummary s = StraceSummary.parse(capture(name));
        assertEquals(s.total(), s.calls().values().stream().mapToLong(Long::longValue).sum(),
            name + ": the rows add up to the total row");
        return s;
    }

    @Test
    void aJvmServerUnderChatLoadEveryThreadFollowed() throws IOException
    {
        final StraceSummary s = parse("strace-c-selector-chat-1000.txt");
        assertEquals(22132, s.total());
        assertEquals(18203L, s.calls().get("write"));
        assertEquals(1464L, s.calls().get("read"));
        assertEquals(1196L, s.calls().get("epoll_wait"));
        assertEquals(61L, s.calls().get("futex"), "a call with errors counts all its calls, failed or not");
        assertEquals(7, s.calls().size());
    }

    @Test
    void theCChatServerAndTheSelectorFromTheHarnessOwnCensusRuns() throws IOException
    {
        final StraceSummary c = parse("strace-c-c-chat-fanout16-1000.txt");
        assertEquals(Map.of("write", 29758L, "read", 2027L, "epoll_wait", 1860L), c.calls());
        final StraceSummary selector = parse("strace-c-selector-fanout16-1000.txt");
        assertEquals(35826, selector.total());
        assertEquals(451L, selector.calls().get("writev"));
    }

    @Test
    void cellsLeftBlankAndCallsThatAllFailedAreRead() throws IOException
    {
        // a JVM server while 16 connections arrive: some rows have errors, most leave the cell blank
        final StraceSummary connecting = parse("strace-c-selector-connecting.txt");
        assertEquals(397, connecting.total());
        assertEquals(17, connecting.calls().size());
        assertEquals(157L, connecting.calls().get("futex"));
        assertEquals(12L, connecting.calls().get("stat"), "8 of them failed");
        assertEquals(16L, connecting.calls().get("accept"));
        // a shell loop stopped with SIGTERM: 25 calls, several processes, some without errors
        final StraceSummary shell = parse("strace-c-shell-loop-sigterm.txt");
        assertEquals(414, shell.total());
        assertEquals(25, shell.calls().size());
        assertEquals(90L, shell.calls().get("openat"));
        assertEquals(3L, shell.calls().get("clock_nanosleep"));
    }

    @Test
    void textWithoutATableSaysWhatItGot()
    {
        final IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
            () -> StraceSummary.parse("strace: attach: ptrace(PTRACE_SEIZE, 42): Operation not permitted\n"));
        assertTrue(none.getMessage().contains("Operation not permitted"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StraceSummary.parse(""));
    }

    @Test
    void aTableCutOffBeforeItsTotalIsNotACount() throws IOException
    {
        final String full = capture("strace-c-c-chat-fanout16-1000.txt");
        final String cut = full.substring(0, full.lastIndexOf("------"));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StraceSummary.parse(cut));
        assertTrue(e.getMessage().contains("no total row"), e.getMessage());
    }
}
