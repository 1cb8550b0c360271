package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandTemplateTest
{
    private static final List<String> FLAGS = List.of("--port", "0", "--service", "echo");

    @Test
    void flagsGoWherePlaceholderIs()
    {
        final CommandTemplate t = CommandTemplate.parse("python3 'my server.py' {flags} --verbose", Path.of("/none"));
        assertEquals(List.of("python3", "my server.py", "--port", "0", "--service", "echo", "--verbose"),
            t.expand(FLAGS));
    }

    @Test
    void flagsAreAppendedWithoutPlaceholder()
    {
        assertEquals(List.of("./srv", "-x", "--port", "0", "--service", "echo"),
            CommandTemplate.parse("./srv \"-x\"", Path.of("/none")).expand(FLAGS));
    }

    @Test
    void portPlaceholderGetsAFreePortAndTheFlagsAgree()
    {
        final List<String> cmd = CommandTemplate.parse("srv --listen=127.0.0.1:{port} {flags}", Path.of("/none"))
            .expand(FLAGS);
        final String port = cmd.get(1).substring("--listen=127.0.0.1:".length());
        assertNotEquals("0", port);
        assertEquals(List.of("srv", "--listen=127.0.0.1:" + port, "--port", port, "--service", "echo"), cmd);
    }

    @Test
    void unbalancedQuoteIsAnError()
    {
        assertThrows(IllegalArgumentException.class, () -> CommandTemplate.parse("a 'b", Path.of("/none")));
    }
}
