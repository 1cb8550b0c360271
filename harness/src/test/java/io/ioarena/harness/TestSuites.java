package io.ioarena.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ioarena.harness.run.Cancellation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds small suites over the fake server and client of {@code fakes/}, and runs the harness on them. */
final class TestSuites
{
    static final ObjectMapper JSON = new ObjectMapper();

    private TestSuites()
    {
    }

    /** {@code java -cp <this test class path> <main> <args...>} as one command line. */
    static String javaCommand(final String main, final String... args)
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return java + " -Xshare:auto -XX:TieredStopAtLevel=1 -cp " + System.getProperty("java.class.path") + " " +
            main + (args.length == 0 ? "" : " " + String.join(" ", args));
    }

    /**
     * A suite over foreign servers {@code name -> command}, one open-loop sweep at {@code rates}, the fake client in
     * {@code clientMode}, conformance off unless {@code gate}.
     */
    static Path suite(final Path dir, final String label, final List<String[]> servers, final List<Integer> rates,
        final int repetitions, final String clientMode, final boolean gate) throws IOException
    {
        final ObjectNode s = JSON.createObjectNode();
        s.put("label", label);
        final ArrayNode names = s.putArray("servers");
        final ObjectNode foreign = s.putObject("foreign");
        for (final String[] server : servers)
        {
            names.add(server[0]);
            foreign.putObject(server[0]).put("command", server[1]);
        }
        final ObjectNode sweep = s.putArray("sweeps").addObject();
        sweep.put("name", "echo-rate").put("workload", "echo").put("framing", "line").put("mode", "open");
        rates.forEach(sweep.putArray("rates")::add);
        sweep.putArray("connections").add(4);
        sweep.putArray("sizes").add(64);
        s.put("repetitions", repetitions).put("order", "shuffled").put("seed", 7);
        s.put("warmup", "0s").put("duration", "1s").put("heap", "64m").put("readyTimeout", "3s");
        s.put("conformance", gate);
        final ArrayNode client = s.putArray("clientCommand");
        for (final String w : javaCommand("io.ioarena.harness.fakes.FakeClient", clientMode, dir.toString()).split(" "))
        {
            client.add(w);
        }
        final Path file = dir.resolve(label + ".json");
        JSON.writeValue(file.toFile(), s);
        return file;
    }

    static String fakeServer(final String mode, final Path pidDir)
    {
        return javaCommand("io.ioarena.harness.fakes.FakeServer", mode, pidDir.toString(), "{flags}");
    }

    /** The outcome of one in-process harness run. */
    record Run(int status, String out, Path resultsDir)
    {
        JsonNode manifest() throws IOException
        {
            return JSON.readTree(resultsDir.resolve("manifest.json").toFile());
        }

        List<String> lines(final String file) throws IOException
        {
            return Files.readAllLines(resultsDir.resolve(file));
        }
    }

    static Run bench(final Path dir, final Cancellation cancellation, final String... args) throws IOException
    {
        return bench(dir, dir.resolve("results"), cancellation, args);
    }

    /** The harness run in this JVM with its result folders under {@code results}; standard error joins the output. */
    static Run bench(final Path dir, final Path results, final Cancellation cancellation, final String... args)
        throws IOException
    {
        final List<String> all = new ArrayList<>(List.of("--repo-root", dir.toString(), "--results-dir",
            results.toString(), "--no-gate-cache"));
        all.addAll(List.of(args));
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        final int status = BenchMain.run(all.toArray(String[]::new), out, out, cancellation);
        final String text = buf.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        return new Run(status, text, newestResults(results));
    }

    static Path newestResults(final Path results) throws IOException
    {
        if (!Files.isDirectory(results))
        {
            return null;
        }
        try (Stream<Path> dirs = Files.list(results))
        {
            return dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                .max(Path::compareTo).orElse(null);
        }
    }

    /**
     * Asserts that no process the fakes recorded in {@code dir} (servers, client agents) is alive, giving each up to
     * 5 s to finish dying: no process a harness run started outlives it.
     */
    static void assertNoneAlive(final Path dir, final String when) throws IOException
    {
        for (final String prefix : List.of("server-", "client-", "warmup-"))
        {
            for (final long pid : pids(dir, prefix))
            {
                assertTrue(ProcessHandle.of(pid).map(p -> p.onExit().orTimeout(5, TimeUnit.SECONDS).handle(
                    (x, e) -> e == null).join()).orElse(true), prefix + pid + " still runs " + when);
            }
        }
    }

    /** The pids the fakes recorded, by prefix ({@code server-} or {@code client-}). */
    static List<Long> pids(final Path dir, final String prefix) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix))
                .map(n -> Long.parseLong(n.substring(prefix.length()))).toList();
        }
    }
}
