package io.ioarena.harness.hosts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Words quoted for a remote shell come back out of {@code sh} as exactly the words they were. */
class ShellWordsTest
{
    @Test
    void everyWordSurvivesTheShellIntact() throws Exception
    {
        final List<String> words = List.of("plain", "with space", "it's", "$HOME", "`id`", "a;b", "\"q\"", "", "*",
            "back\\slash", "new\nline");
        final List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(words);
        final Process p = new ProcessBuilder("sh", "-c", ShellWords.quote(argv)).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(words, List.of(out.split("\0", -1)).subList(0, words.size()));
    }

    @Test
    void anEmptyCommandIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> ShellWords.quote(List.of()));
    }
}
