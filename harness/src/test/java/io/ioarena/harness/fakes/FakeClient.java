package io.ioarena.harness.fakes;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.GeneratorHealth;
import io.ioarena.contract.Mode;
import io.ioarena.contract.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stand-in load client: {@code FakeClient <mode> <pid-dir> run <the load client's flags...>}. Records its pid
 * and each run in {@code <pid-dir>}, sleeps for the requested duration, then per {@code mode}: {@code ok} writes a
 * canned summary.json through the client's own record (the requested rate achieved; p99 = 100 µs × the
 * repetition's position in the label, so repetitions differ; likewise the client's own busy share, 0.1 × it, longest hiccup, 1 ms × it, and GC pauses,
 * one fewer) and stub .hlog/.hgrm files; {@code late} does the same with a send-lag p99 as large as the p99, so
 * the harness will not rank the point; {@code fail} exits 1; {@code hang} never ends.
 */
public final class FakeClient
{
    private FakeClient()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String mode = args[0];
        final Path pids = Path.of(args[1]);
        final List<String> flags = List.of(args).subList(2, args.length);
        final long pid = ProcessHandle.current().pid();
        // a trial's warm-up chunk runs the client too, labelled warmup-<n>
        final boolean warmup = value(flags, "--label", "x").startsWith("warmup-");
        Files.writeString(pids.resolve((warmup ? "warmup-" : "client-") + pid), "");
        Files.writeString(pids.resolve("runs.log"), String.join(" ", flags) + "\n",
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        final long millis = Long.parseLong(value(flags, "--duration", "1000ms").replace("ms", ""));
        if (mode.equals("hang"))
        {
            Thread.sleep(600_000);
        }
        Thread.sleep(millis);
        if (mode.equals("fail"))
        {
            System.out.println("fake client: could not connect");
            System.exit(1);
        }
        final Path out = Path.of(value(flags, "--output-dir", "."));
        final String label = value(flags, "--label", "x");
        // a point's label ends in _rep<n>; a trial's warm-up chunk (warmup-<n>) counts as the first repetition
        final int rep = label.contains("_rep") ? Integer.parseInt(label.substring(label.lastIndexOf("_rep") + 4)) : 1;
        final double rate = Double.parseDouble(value(flags, "--rate", "50000"));
        final long now = System.currentTimeMillis();
        final long messages = (long) (rate * millis / 1000);
        final String loop = value(flags, "--mode", Mode.OPEN.cliName());
        final ClientSummary summary = new ClientSummary("fake-client", "0", Map.of(), loop,
            Mode.valueOf(loop.toUpperCase(Locale.ROOT)).label(), value(flags, "--service", "echo"),
            value(flags, "--framing", "line"), now - millis, now, millis / 1000.0, rate, rate, messages, messages, 0, 0,
            0, 0, 0, new ClientSummary.Connections(16, 16, 0), new ClientSummary.Errors(0, 0, 0, 0, 0, 0, 0, 0), null,
            Map.of(Tag.LATENCY.tag(), new ClientSummary.Percentiles(100, 1000, 50_000, 0, 40_000, 60_000, 80_000,
                    100_000L * rep, 200_000, 300_000, 350_000, 400_000),
                Tag.SENDLAG.tag(), new ClientSummary.Percentiles(100, 0, 1000, 0, 1000, 1500, 2000,
                    mode.equals("late") ? 100_000L * rep : 3000, 4000, 5000, 5500, 6000)),
            new GeneratorHealth(1_000_000L * rep, 0.1 * rep, 0.5, 0.75, "0", (long) rep - 1, 0L,
                1_000_000L * rep),
            new ClientSummary.Timer(60_000L, 90_000L, 0L, 3000L, null), List.of(), true);
        Files.writeString(out.resolve("latency.hlog"), "#[fake interval log]\n");
        Files.writeString(out.resolve("latency.hgrm"), "       Value     Percentile TotalCount 1/(1-Percentile)\n");
        final Path tmp = out.resolve("." + ClientSummary.FILE + ".tmp");
        Files.write(tmp, ContractJson.bytes(summary));
        Files.move(tmp, out.resolve(ClientSummary.FILE), StandardCopyOption.ATOMIC_MOVE);
        System.out.println("fake client done");
    }

    private static String value(final List<String> flags, final String name, final String fallback)
    {
        final int i = flags.indexOf(name);
        return i >= 0 && i + 1 < flags.size() ? flags.get(i + 1) : fallback;
    }
}
