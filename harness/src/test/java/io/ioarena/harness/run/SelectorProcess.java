package io.ioarena.harness.run;

import io.ioarena.protocol.server.ReadyLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The selector echo server in a JVM of its own, started by a test with the JVM flags it needs, on a free port. */
record SelectorProcess(Process process, ReadyLine ready) implements AutoCloseable
{
    static SelectorProcess start(final List<String> jvmFlags, final Path dir) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.ioarena.protocol.server.ServerMain",
            "--impl", "selector", "--service", "echo", "--framing", "line", "--port", "0"));
        final Process process = new ProcessBuilder(command).redirectError(dir.resolve("server.err").toFile()).start();
        final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
        // the server prints its settings before the readiness line
        for (int i = 0; i < 100; i++)
        {
            final String line = out.readLine();
            if (line == null)
            {
                break;
            }
            final Optional<ReadyLine> ready = ReadyLine.parse(line);
            if (ready.isPresent())
            {
                return new SelectorProcess(process, ready.get());
            }
        }
        process.destroyForcibly().waitFor();
        throw new AssertionError("the selector server printed no readiness line; see " + dir.resolve("server.err"));
    }

    long pid()
    {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException
    {
        process.destroyForcibly().waitFor();
    }
}
