package io.ioarena.harness.fakes;

import io.ioarena.contract.AgentLine;
import io.ioarena.contract.ChurnSummary;
import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.GeneratorHealth;
import io.ioarena.contract.Mode;
import io.ioarena.contract.Tag;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stand-in load client agent: {@code FakeClient <mode> <pid-dir> agent} answers the harness's requests
 * ({@link AgentLine}) as the real agent does. For each run it records its pid (as {@code client-<pid>}, or
 * {@code warmup-<pid>} for a trial's warm-up chunk) and the run's flags (a line of {@code runs.log}) in
 * {@code <pid-dir>}, sleeps for the requested duration, then per {@code mode}: {@code ok} writes a
 * canned summary.json through the client's own record (the requested rate achieved; p99 = 100 µs × the
 * repetition's position in the label, so repetitions differ; likewise the client's own busy share, 0.1 × it, longest hiccup, 1 ms × it, and GC pauses,
 * one fewer) and stub .hlog/.hgrm files; {@code late} does the same with a send-lag p99 as large as the p99, so
 * the harness will not rank the point; {@code knee} is a server with a capacity of 12,000 msg/s under a 1 ms p99 SLO
 * (p99 200 µs up to that rate, 5 ms above it); {@code fail} exits 1; {@code hang} never ends. A {@code churn} request
 * writes a canned churn.json instead, whatever the mode.
 */
public final class FakeClient
{
    /** The {@code knee} mode's capacity under a 1 ms p99 SLO, messages per second. */
    public static final double KNEE = 12_000;
    /** The {@code churn} command's server: the connections/s it completes. */
    public static final double CHURN_CAPACITY = 800;

    private FakeClient()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String mode = args[0];
        final Path pids = Path.of(args[1]);
        if (!List.of(args).subList(2, args.length).equals(List.of(AgentLine.COMMAND)))
        {
            throw new IllegalArgumentException("the harness runs its client as '... agent', not " + List.of(args));
        }
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine())
        {
            final AgentLine.Request request = AgentLine.Request.parse(line);
            final int status;
            try (PrintStream log = new PrintStream(Files.newOutputStream(Path.of(request.log())), true,
                StandardCharsets.UTF_8))
            {
                status = run(mode, pids, request.command(), request.args(), log);
            }
            System.out.println(new AgentLine.Reply(status, 0).format());
            System.out.flush();
        }
    }

    private static int run(final String mode, final Path pids, final String command, final List<String> flags,
        final PrintStream log) throws Exception
    {
        final long pid = ProcessHandle.current().pid();
        // a trial's warm-up chunk runs the client too, labelled warmup-<n>
        final boolean warmup = value(flags, "--label", "x").startsWith("warmup-");
        Files.writeString(pids.resolve((warmup ? "warmup-" : "client-") + pid), "");
        Files.writeString(pids.resolve("runs.log"), command + " " + String.join(" ", flags) + "\n",
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        final long millis = Long.parseLong(value(flags, "--duration", "1000ms").replace("ms", ""));
        if (mode.equals("hang"))
        {
            Thread.sleep(600_000);
        }
        Thread.sleep(millis);
        if (mode.equals("fail"))
        {
            log.println("fake client: could not connect");
            return 1;
        }
        final Path out = Path.of(value(flags, "--output-dir", "."));
        if (command.equals(AgentLine.Request.CHURN))
        {
            churn(flags, millis, out);
            log.println("fake client churned");
            return 0;
        }
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
                    mode.equals("knee") ? (rate <= KNEE ? 200_000 : 5_000_000) : 100_000L * rep, 200_000, 300_000,
                    350_000, 400_000),
                Tag.SENDLAG.tag(), new ClientSummary.Percentiles(100, 0, 1000, 0, 1000, 1500, 2000,
                    mode.equals("late") ? 100_000L * rep : 3000, 4000, 5000, 5500, 6000)),
            new GeneratorHealth(1_000_000L * rep, 0.1 * rep, 0.5, 0.75, "0", (long) rep - 1, 0L,
                1_000_000L * rep, 500_000L * rep, 0L, 0L),
            new ClientSummary.Timer(60_000L, 90_000L, 0L, 3000L, null), List.of(), true);
        Files.writeString(out.resolve("latency.hlog"), "#[fake interval log]\n");
        Files.writeString(out.resolve("latency.hgrm"), "       Value     Percentile TotalCount 1/(1-Percentile)\n");
        final Path tmp = out.resolve("." + ClientSummary.FILE + ".tmp");
        Files.write(tmp, ContractJson.bytes(summary));
        Files.move(tmp, out.resolve(ClientSummary.FILE), StandardCopyOption.ATOMIC_MOVE);
        log.println("fake client done");
        return 0;
    }

    /**
     * A canned churn.json: a server that completes at most {@link #CHURN_CAPACITY} connections/s, the arrivals over
     * it timing out; first-echo p99 200 µs under it, 5 ms over it.
     */
    private static void churn(final List<String> flags, final long millis, final Path out) throws Exception
    {
        final double rate = Double.parseDouble(value(flags, "--rate", "100"));
        final double achieved = Math.min(rate, CHURN_CAPACITY);
        final double seconds = millis / 1000.0;
        final long arrivals = Math.round(rate * seconds);
        final long completed = Math.round(achieved * seconds);
        final boolean over = rate > CHURN_CAPACITY;
        final long end = System.currentTimeMillis();
        final ChurnSummary summary = new ChurnSummary("fake-client", "0", Map.of("rate", rate), "fin",
            List.of("127.0.0.1"), end - millis, end, rate, achieved, seconds, arrivals, completed,
            over ? Map.of("timeout", arrivals - completed, "refused", 0L) : Map.of(),
            Map.of(Tag.CONNECT.tag(), percentiles(over ? 4_000_000 : 50_000),
                Tag.LATENCY.tag(), percentiles(over ? 5_000_000 : 200_000),
                Tag.SENDLAG.tag(), percentiles(1000)));
        final Path tmp = out.resolve("." + ChurnSummary.FILE + ".tmp");
        Files.write(tmp, ContractJson.bytes(summary));
        Files.move(tmp, out.resolve(ChurnSummary.FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    private static ClientSummary.Percentiles percentiles(final long p99)
    {
        return new ClientSummary.Percentiles(100, p99 / 10, p99 / 2, 0, p99 / 2, p99 / 2, p99 / 2, p99, p99, p99, p99,
            p99);
    }

    private static String value(final List<String> flags, final String name, final String fallback)
    {
        final int i = flags.indexOf(name);
        return i >= 0 && i + 1 < flags.size() ? flags.get(i + 1) : fallback;
    }
}
