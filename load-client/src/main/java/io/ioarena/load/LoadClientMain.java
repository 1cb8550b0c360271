package io.ioarena.load;

import io.ioarena.contract.AgentLine;
import io.ioarena.contract.ChurnSummary;
import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.Mode;
import io.ioarena.contract.Tag;
import io.ioarena.contract.Units;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The command line: {@code run} drives a server (flags close to wrk2's), {@code merge} adds the interval logs of
 * several instances, {@code agent} serves runs requested over standard input (how the harness runs it). Exit status: 0 when the run completed (even when flagged invalid: validity is in the
 * summary), 1 when it could not be done, 2 for a bad command line.
 */
@Command(name = "ioarena-load", mixinStandardHelpOptions = true, version = LogHeader.TOOL + " " + LogHeader.VERSION,
    description = "Coordinated-omission-free load client for ioarena servers (PROTOCOL.md).",
    subcommands = {LoadClientMain.Run.class, LoadClientMain.Churn.class, LoadClientMain.Merge.class,
        LoadClientMain.Agent.class})
public final class LoadClientMain implements Runnable
{
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    private LoadClientMain(final InputStream in, final PrintStream out, final PrintStream err)
    {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(final String[] args)
    {
        System.exit(execute(args, System.in, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit status. */
    public static int execute(final String[] args, final PrintStream out, final PrintStream err)
    {
        return execute(args, InputStream.nullInputStream(), out, err);
    }

    /** As {@link #execute(String[], PrintStream, PrintStream)}, with the input {@code agent} reads its requests from. */
    public static int execute(final String[] args, final InputStream in, final PrintStream out, final PrintStream err)
    {
        final CommandLine cli = new CommandLine(new LoadClientMain(in, out, err));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        return cli.execute(args);
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: run, churn, merge or agent");
    }

    /** The server a command drives: the options {@code run} and {@code churn} share. */
    static final class Target
    {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
        String host;
        @Option(names = {"-p", "--port"}, required = true, description = "Server port.")
        int port;
        @Option(names = "--framing", defaultValue = "line", description = "raw, line or length; must match the server (default: ${DEFAULT-VALUE}).")
        String framing;

        Framing framing()
        {
            return Framing.valueOf(Run.choice("--framing", framing, "raw", "line", "length"));
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drives a server that speaks PROTOCOL.md and measures it.",
            "Open loop (the default): every connection sends on an absolute schedule; latency is measured from the "
                + "intended send time, so a server stall shows in full (no coordinated omission).",
            "Closed loop: --in-flight messages per connection, for maximum throughput; its latency is service time "
                + "only, and it is labelled '" + Mode.CLOSED_LABEL + "' everywhere. The CPU watchdog reports its numbers "
                + "but never flags it (a busy client is what closed loop is for).",
            "Before the run each client thread times its waits; in open loop a warning goes to stderr when they "
                + "are coarser than the gap between a thread's messages."})
    static final class Run implements Callable<Integer>
    {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.ParentCommand
        LoadClientMain parent;

        @CommandLine.Mixin
        Target target;
        @Option(names = {"--service", "-w", "--workload"}, defaultValue = "echo", description = "echo or chat, as the "
            + "server's --service (default: ${DEFAULT-VALUE}). -w/--workload: its old name, kept for one release.")
        String service;
        @Option(names = "--mode", defaultValue = "open", description = "open or closed (default: ${DEFAULT-VALUE}).")
        String mode;
        @Option(names = {"-R", "--rate"}, converter = Units.QuantityConverter.class, description = "Open loop: total messages/s over all connections and instances, e.g. 20k (required in open loop).")
        Double rate;
        @Option(names = "--in-flight", description = "Closed loop: messages in flight per connection (default: 1).")
        Integer inFlight;
        @Option(names = "--arrival", defaultValue = "constant", description = "constant or poisson (default: ${DEFAULT-VALUE}).")
        String arrival;
        @Option(names = "--seed", defaultValue = "1", description = "Seed of the poisson arrivals (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = {"-c", "--connections"}, defaultValue = "16", converter = Units.IntCountConverter.class, description = "Total connections over all instances (default: ${DEFAULT-VALUE}).")
        int connections;
        @Option(names = {"-t", "--threads"}, defaultValue = "1", description = "Client I/O threads of this instance (default: ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = {"-s", "--size"}, defaultValue = "64", converter = Units.IntCountConverter.class, description = "Message bytes (echo payload, chat text); >= 48 (default: ${DEFAULT-VALUE}).")
        int size;
        @Option(names = "--warmup", defaultValue = "2s", converter = Units.DurationConverter.class, description = "Warm-up, recorded under the 'warmup' tag only (default: ${DEFAULT-VALUE}).")
        Duration warmup;
        @Option(names = {"-d", "--duration"}, defaultValue = "10s", converter = Units.DurationConverter.class, description = "Measured duration, e.g. 500ms, 10s, 2m (default: ${DEFAULT-VALUE}).")
        Duration duration;
        @Option(names = "--drain-timeout", defaultValue = "2s", converter = Units.DurationConverter.class, description = "How long to wait for answers after the end (default: ${DEFAULT-VALUE}).")
        Duration drainTimeout;
        @Option(names = "--connect-timeout", defaultValue = "5s", converter = Units.DurationConverter.class, description = "How long connecting and setup (chat's commands, the liveness echo of --active-connections) may take (default: ${DEFAULT-VALUE}).")
        Duration connectTimeout;
        @Option(names = "--rooms", defaultValue = "1", description = "Chat: connections spread over this many rooms (default: ${DEFAULT-VALUE}).")
        int rooms;
        @Option(names = "--instance-index", defaultValue = "0", description = "This instance, of --instance-count (default: ${DEFAULT-VALUE}).")
        int instanceIndex;
        @Option(names = "--instance-count", defaultValue = "1", description = "Instances sharing the connections and the rate exactly (default: ${DEFAULT-VALUE}).")
        int instanceCount;
        @Option(names = "--start-at", description = "Common start of all instances, in ms since the epoch.")
        Long startAt;
        @Option(names = {"-o", "--output-dir"}, description = "Writes summary.json, latency.hlog, latency.hgrm (and delivery.hgrm) here.")
        Path outputDir;
        @Option(names = "--label", description = "Free text recorded in the summary.")
        String label;
        @Option(names = "--max-frame", defaultValue = "65536", converter = Units.IntCountConverter.class, description = "The server's --max-frame (default: ${DEFAULT-VALUE}).")
        int maxFrame;
        @Option(names = "--socket-buffer", defaultValue = "0", converter = Units.IntCountConverter.class, description = "SO_SNDBUF/SO_RCVBUF bytes per connection; 0 = OS default (default: ${DEFAULT-VALUE}).")
        int socketBuffer;
        @Option(names = "--hiccup-threshold", defaultValue = "10ms", converter = Units.DurationConverter.class, description = "A stall of the client itself "
            + "longer than this during the measured phase (seen by a thread that sleeps 10 ms over and over, tag "
            + "'hiccup') flags the run GENERATOR_HICCUP (default: ${DEFAULT-VALUE}).")
        Duration hiccupThreshold;
        @Option(names = "--cycle-rate", converter = Units.QuantityConverter.class, description = "Closed loop: the total msgs/s the run is expected to cycle at; "
            + "adds the tag 'compensated', the latency corrected for coordinated omission as if each in-flight slot "
            + "should send every connections x in-flight / rate seconds (HdrHistogram's expected-interval "
            + "correction). The 'latency' tag stays uncorrected.")
        Double cycleRate;
        @Option(names = "--source-addresses", defaultValue = "1", description = "Spread the connections over the "
            + "loopback addresses 127.0.0.1..127.0.0.<n>, each connection bound to its address before it connects: one "
            + "address has one ephemeral port range (about 28k connections); more than 1 needs a 127.x --host "
            + "(default: ${DEFAULT-VALUE}).")
        int sourceAddresses;
        @Option(names = "--active-connections", defaultValue = "0", converter = Units.IntCountConverter.class,
            description = "Open-loop echo: only this many of the connections (evenly spaced over the threads and "
                + "instances) carry --rate, the others are held idle, to show what idle connections cost the active "
                + "ones. Every connection is first proven live with one echo; an idle one that is closed by the end "
                + "counts in disconnects, a byte it receives as unexpected. 0 = every connection carries the rate "
                + "(default: ${DEFAULT-VALUE}).")
        int activeConnections;
        @Option(names = "--chat-churn", defaultValue = "0", converter = Units.QuantityConverter.class,
            description = "Open-loop chat: joins per second over all instances, by visitor connections beside the "
                + "members that join a room, stay half of their 2 s period and leave; their copies are checked, and "
                + "those they surely had to get must come (0 = none; default: ${DEFAULT-VALUE}).")
        double chatChurn;

        @Override
        public Integer call() throws Exception
        {
            final PrintStream out = parent.out;
            final LoadConfig config;
            try
            {
                config = config();
            }
            catch (final IllegalArgumentException e)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            HumanReport.printHeader(config, out);
            final ResultFiles files = config.outputDir() == null ? null : new ResultFiles(config.outputDir());
            final IntervalLog[] log = new IntervalLog[1];
            final RunResult result;
            try
            {
                result = new LoadRun(config, NanoClock.SYSTEM).run(files == null ? null
                    : originEpochMs -> log[0] = files.openLog(config, originEpochMs));
            }
            catch (final LoadRun.NoConnectionException e)
            {
                parent.err.println("ioarena-load: " + e.getMessage());
                return EXIT_FAILED;
            }
            finally
            {
                if (log[0] != null)
                {
                    files.closeLog(log[0]);
                }
            }
            HumanReport.print(result, out);
            if (result.timerWarning() != null)
            {
                parent.err.println("ioarena-load: warning: " + result.timerWarning());
            }
            if (files != null)
            {
                files.writeDistribution(Tag.LATENCY.tag(), result.histogram(Tag.LATENCY));
                if (config.workload() == Service.CHAT)
                {
                    files.writeDistribution(Tag.DELIVERY.tag(), result.histogram(Tag.DELIVERY));
                }
                files.writeSummary(Summary.of(result));
            }
            return EXIT_OK;
        }

        LoadConfig config()
        {
            final LoadConfig.Builder b = LoadConfig.builder(target.port);
            b.host = target.host;
            b.workload = Service.valueOf(choice("--service", service, "echo", "chat"));
            b.framing = target.framing();
            b.mode = Mode.valueOf(choice("--mode", mode, "open", "closed"));
            if (b.mode == Mode.OPEN)
            {
                if (rate == null)
                {
                    throw new IllegalArgumentException("--rate is required in open loop (total messages/s)");
                }
                if (inFlight != null)
                {
                    throw new IllegalArgumentException("--in-flight is for --mode closed; open loop has no cap");
                }
                b.rate = rate;
            }
            else
            {
                if (rate != null)
                {
                    throw new IllegalArgumentException("--rate is for --mode open; closed loop sends as fast as answers come");
                }
                b.inFlight = inFlight == null ? 1 : inFlight;
            }
            b.arrival = Arrival.valueOf(choice("--arrival", arrival, "constant", "poisson"));
            b.seed = seed;
            b.connections = connections;
            b.threads = threads;
            b.size = size;
            b.warmupNanos = warmup.toNanos();
            b.durationNanos = duration.toNanos();
            b.drainTimeoutNanos = drainTimeout.toNanos();
            b.connectTimeoutNanos = connectTimeout.toNanos();
            b.rooms = rooms;
            b.instanceIndex = instanceIndex;
            b.instanceCount = instanceCount;
            b.startAtEpochMs = startAt == null ? -1 : startAt;
            b.outputDir = outputDir;
            b.label = label;
            b.maxFrame = maxFrame;
            b.socketBuffer = socketBuffer;
            b.hiccupThresholdNanos = hiccupThreshold.toNanos();
            b.cycleRate = cycleRate == null ? 0 : cycleRate;
            b.sourceAddresses = new SourceAddresses(sourceAddresses);
            b.activeConnections = activeConnections;
            b.chatChurn = chatChurn;
            return b.build();
        }

        static String choice(final String flag, final String value, final String... allowed)
        {
            for (final String a : allowed)
            {
                if (a.equals(value))
                {
                    return a.toUpperCase(Locale.ROOT);
                }
            }
            throw new IllegalArgumentException(flag + " must be one of " + String.join(", ", allowed) + ", got '"
                + value + "'");
        }
    }

    @Command(name = "churn", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connection churn against an echo server: connections arrive at --rate per second on an "
            + "absolute open-loop plan, and each connects, sends one message, checks its echo byte for byte and closes.",
            "Connect and echo latency are measured from each arrival's intended time (no coordinated omission); "
                + "failures are counted by kind: refused, reset, closed, timeout, address-in-use, corrupt, other.",
            "The client closes first, so its side keeps each port in TIME_WAIT for 60 s: at R connections/s one "
                + "source address (about 28k ports) lasts about 28k/R seconds; --source-addresses spreads them, and "
                + "--linger-zero (a reset instead, no TIME_WAIT) is a labelled variant."})
    static final class Churn implements Callable<Integer>
    {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.ParentCommand
        LoadClientMain parent;

        @CommandLine.Mixin
        Target target;
        @Option(names = {"-R", "--rate"}, required = true, converter = Units.QuantityConverter.class, description = "Connection arrivals per second, e.g. 2k.")
        double rate;
        @Option(names = "--arrival", defaultValue = "constant", description = "constant or poisson (default: ${DEFAULT-VALUE}).")
        String arrival;
        @Option(names = "--seed", defaultValue = "1", description = "Seed of the poisson arrivals (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--warmup", defaultValue = "1s", converter = Units.DurationConverter.class, description = "Arrivals on the same plan before the measured ones, recorded nowhere (default: ${DEFAULT-VALUE}).")
        Duration warmup;
        @Option(names = {"-d", "--duration"}, defaultValue = "10s", converter = Units.DurationConverter.class, description = "How long measured connections arrive (default: ${DEFAULT-VALUE}).")
        Duration duration;
        @Option(names = {"-s", "--size"}, defaultValue = "64", converter = Units.IntCountConverter.class, description = "Bytes of the echoed payload (default: ${DEFAULT-VALUE}).")
        int size;
        @Option(names = "--timeout", defaultValue = "5s", converter = Units.DurationConverter.class, description = "How long one connection may take from its intended arrival to its echo (default: ${DEFAULT-VALUE}).")
        Duration timeout;
        @Option(names = "--linger-zero", description = "Close with SO_LINGER 0: a reset instead of a FIN, so no TIME_WAIT; labelled 'linger0' in the results.")
        boolean lingerZero;
        @Option(names = "--source-addresses", defaultValue = "1", description = "Spread the connections over 127.0.0.1..127.0.0.<n> (as run's; default: ${DEFAULT-VALUE}).")
        int sourceAddresses;
        @Option(names = {"-o", "--output-dir"}, description = "Writes churn.json, connect.hgrm and latency.hgrm here.")
        Path outputDir;

        @Override
        public Integer call() throws IOException
        {
            final ChurnConfig config;
            try
            {
                config = new ChurnConfig(target.host, target.port, target.framing(), rate,
                    Arrival.valueOf(Run.choice("--arrival", arrival, "constant", "poisson")), seed, warmup.toNanos(),
                    duration.toNanos(), size, timeout.toNanos(), lingerZero, new SourceAddresses(sourceAddresses),
                    outputDir);
            }
            catch (final IllegalArgumentException e)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            parent.out.println(config.describe());
            final ChurnRun run = new ChurnRun(config, NanoClock.SYSTEM);
            final ChurnSummary summary = run.run();
            HumanReport.printChurn(summary, parent.out);
            if (outputDir != null)
            {
                final ResultFiles files = new ResultFiles(outputDir);
                files.writeDistribution(Tag.CONNECT.tag(), run.histogram(Tag.CONNECT));
                files.writeDistribution(Tag.LATENCY.tag(), run.histogram(Tag.LATENCY));
                files.writeChurn(summary);
            }
            return EXIT_OK;
        }
    }

    @Command(name = AgentLine.COMMAND, mixinStandardHelpOptions = true,
        description = {"Serves runs for the harness: reads one request per line on standard input (the arguments of "
            + "'run' and a log file for its output), runs it in this JVM, and answers with one '"
            + AgentLine.Reply.PREFIX + "{...}' line on standard output; exits at the end of its input.",
            "One long-lived client runs every point of a suite, so no point pays for a JVM start or is measured "
                + "while the client's own JIT still compiles. Before each run it collects the garbage of the last "
                + "(System.gc(), as JMH's -gc true), so that no run pays for another's."})
    static final class Agent implements Callable<Integer>
    {
        @CommandLine.ParentCommand
        LoadClientMain parent;

        @Override
        public Integer call() throws IOException
        {
            final BufferedReader in = new BufferedReader(new InputStreamReader(parent.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine())
            {
                if (line.isBlank())
                {
                    continue;
                }
                final AgentLine.Request request = AgentLine.Request.parse(line);
                final long gcStart = System.nanoTime();
                System.gc();
                final double gcMillis = (System.nanoTime() - gcStart) / 1e6;
                final int status;
                try (PrintStream log = new PrintStream(new FileOutputStream(request.log()), true,
                    StandardCharsets.UTF_8))
                {
                    status = execute(runArgs(request), log, log);
                }
                parent.out.println(new AgentLine.Reply(status, gcMillis).format());
                parent.out.flush();
            }
            return EXIT_OK;
        }

        private static String[] runArgs(final AgentLine.Request request)
        {
            final List<String> args = new ArrayList<>();
            args.add(request.command());
            args.addAll(request.args());
            return args.toArray(String[]::new);
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Adds the latency.hlog files of several instances interval by interval (per tag, aligned on "
            + "interval start times) into one result; percentiles come from the sums, never from averages.",
            "Writes latency.hlog, latency.hgrm (and delivery.hgrm) and merge-summary.json; when every log has the "
                + "instance's summary.json beside it, also one summary.json of the whole run (counts summed)."})
    static final class Merge implements Callable<Integer>
    {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.ParentCommand
        LoadClientMain parent;

        @Option(names = {"-o", "--output-dir"}, required = true, description = "Where the merged files go.")
        Path outputDir;
        @Parameters(arity = "1..*", paramLabel = "LOG", description = "The instances' .hlog files.")
        List<Path> inputs;

        @Override
        public Integer call() throws IOException
        {
            final HlogMerge merge = new HlogMerge(IntervalReporter.INTERVAL_NANOS / 1_000_000);
            try
            {
                for (final Path input : inputs)
                {
                    merge.add(input);
                }
            }
            catch (final IOException | RuntimeException e)
            {
                parent.err.println("ioarena-load merge: cannot read the logs: " + e.getMessage());
                return EXIT_FAILED;
            }
            final ResultFiles files = new ResultFiles(outputDir);
            merge.writeLog(outputDir.resolve(ResultFiles.LOG), LogHeader.TOOL + " " + LogHeader.VERSION
                + " merged from " + inputs.size() + " logs");
            for (final String tag : List.of(Tag.LATENCY.tag(), Tag.DELIVERY.tag()))
            {
                if (merge.tags().contains(tag))
                {
                    files.writeDistribution(tag, merge.total(tag));
                }
            }
            final Map<String, Object> summary = merge.summary(inputs);
            files.writeJson("merge-summary.json", summary);
            final List<Path> instanceSummaries = inputs.stream()
                .map(log -> log.resolveSibling(ClientSummary.FILE)).toList();
            if (instanceSummaries.stream().allMatch(Files::isRegularFile))
            {
                final List<ClientSummary> read = new ArrayList<>();
                for (final Path file : instanceSummaries)
                {
                    read.add(ContractJson.read(file, ClientSummary.class));
                }
                final Map<String, Histogram> totals = new LinkedHashMap<>();
                merge.tags().forEach(tag -> totals.put(tag, merge.total(tag)));
                files.writeSummary(SummaryMerge.merge(read, totals, merge.flags()));
            }
            final PrintStream out = parent.out;
            for (final String tag : merge.tags())
            {
                final Histogram h = merge.total(tag);
                out.printf(Locale.ROOT, "%-9s count %d, p50 %s, p99 %s, p99.9 %s, max %s%n", tag, h.getTotalCount(),
                    Units.formatNanos(h.getValueAtPercentile(50)), Units.formatNanos(h.getValueAtPercentile(99)),
                    Units.formatNanos(h.getValueAtPercentile(99.9)), Units.formatNanos(h.getMaxValue()));
            }
            final List<String> flags = merge.flags();
            out.println("Flags: " + (flags.isEmpty() ? "none (complete)" : String.join(" ", flags) + " (INVALID)"));
            return EXIT_OK;
        }
    }
}
