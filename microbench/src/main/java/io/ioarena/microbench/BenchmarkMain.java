package io.ioarena.microbench;

import io.ioarena.contract.ContractJson;
import io.ioarena.contract.JmhRun;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the JMH benchmarks of this module with JMH's own command line, adding what every ioarena run needs unless the
 * command line says otherwise: the GC profiler (bytes allocated per operation), a JSON result file
 * {@code results/jmh/<UTC timestamp>.json} copied to {@code results/jmh/latest.json} for the report, each with its
 * date and commit beside it ({@link JmhRun}, {@code <name>.run.json}), and the
 * project's JVM flags for the forks. Run and iteration counts come from the benchmarks' annotations (a short run)
 * unless given ({@code -f 3 -wi 5 -i 10} for a full one).
 */
public final class BenchmarkMain
{
    /** Where results go: set by the {@code jmh} Maven profile to the checkout's {@code results/jmh}. */
    static final String RESULTS_DIR_PROPERTY = "ioarena.jmh.results";
    static final String LATEST = "latest.json";
    private static final String FORK_FLAGS = "fork-jvm-flags.txt";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private BenchmarkMain()
    {
    }

    public static void main(final String[] args) throws IOException, RunnerException
    {
        final CommandLineOptions commandLine;
        try
        {
            commandLine = new CommandLineOptions(args);
        }
        catch (final CommandLineOptionException e)
        {
            System.err.println("Error parsing the JMH command line: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (commandLine.shouldHelp() || commandLine.shouldList() || commandLine.shouldListWithParams()
            || commandLine.shouldListProfilers() || commandLine.shouldListResultFormats())
        {
            Main.main(args);
            return;
        }

        final ChainedOptionsBuilder options = new OptionsBuilder().parent(commandLine);
        if (commandLine.getProfilers().isEmpty())
        {
            options.addProfiler(GCProfiler.class);
        }
        final boolean defaultResult = !commandLine.getResult().hasValue() && !commandLine.getResultFormat().hasValue();
        final Path resultsDir =
            Path.of(System.getProperty(RESULTS_DIR_PROPERTY, "results/jmh")).toAbsolutePath().normalize();
        final ZonedDateTime startedAt = ZonedDateTime.now(ZoneOffset.UTC);
        final Path resultFile = resultsDir.resolve(TIMESTAMP.format(startedAt) + ".json");
        if (defaultResult)
        {
            Files.createDirectories(resultsDir);
            options.resultFormat(ResultFormatType.JSON).result(resultFile.toString());
        }
        options.jvmArgsAppend(forkJvmArgs(commandLine.getJvmArgsAppend().orElse(List.of())));

        if (new Runner(options.build()).run().isEmpty())
        {
            System.err.println("No benchmark completed: nothing to report.");
            System.exit(1);
        }
        if (defaultResult)
        {
            final JmhRun run = new JmhRun(startedAt.format(DateTimeFormatter.ISO_INSTANT),
                git(resultsDir, "rev-parse", "HEAD"), gitDirty(resultsDir), List.of(args));
            Files.write(JmhRun.besides(resultFile), ContractJson.bytes(run));
            Files.copy(JmhRun.besides(resultFile), JmhRun.besides(resultsDir.resolve(LATEST)),
                StandardCopyOption.REPLACE_EXISTING);
            Files.copy(resultFile, resultsDir.resolve(LATEST), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("ioarena: JMH results in " + resultFile + " (and " + resultsDir.resolve(LATEST) + ")");
        }
    }

    /** Whether tracked files differ from the commit; null outside a git checkout. */
    private static Boolean gitDirty(final Path dir)
    {
        final String status = git(dir, "status", "--porcelain", "--untracked-files=no");
        return status == null ? null : !status.isEmpty();
    }

    /** The output of a git command run in {@code dir}, trimmed; null when git fails or is missing. */
    private static String git(final Path dir, final String... args)
    {
        final List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try
        {
            final Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : null;
        }
        catch (final IOException e)
        {
            return null;
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The test JVM flags of the parent pom ({@code ioarena.test.jvm.flags}, filtered into a resource at build time),
     * then the command line's own {@code -jvmArgsAppend}: the forks run Netty and Vert.x with the same Unsafe and
     * native-access settings as the tests and the launched servers.
     */
    static String[] forkJvmArgs(final Iterable<String> extra) throws IOException
    {
        final List<String> flags = new ArrayList<>();
        try (InputStream in = BenchmarkMain.class.getResourceAsStream(FORK_FLAGS))
        {
            if (in == null)
            {
                throw new IOException(FORK_FLAGS + " is missing from the class path: build the module with Maven");
            }
            for (final String flag : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"))
            {
                if (!flag.isEmpty())
                {
                    flags.add(flag);
                }
            }
        }
        extra.forEach(flags::add);
        return flags.toArray(String[]::new);
    }
}
