package io.ioarena.harness.report;

import io.ioarena.contract.ContractJson;
import io.ioarena.contract.JmhResult;
import io.ioarena.harness.results.AtomicFiles;
import io.ioarena.harness.results.ResultStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code scripts/report <results-dir>}: writes {@code report.html} into the folder (or {@code --output}); with
 * {@code --export jmh-json}, the suite's results in JMH's JSON result format instead ({@link JmhExport}). Exit status 0
 * when written, 1 when the folder cannot be read or the file cannot be written, 2 for a bad command line.
 */
@Command(name = "report", mixinStandardHelpOptions = true, usageHelpWidth = 110,
    description = "Writes one self-contained report.html for a results folder: headline tables with confidence "
        + "intervals, percentile spectra, throughput-latency and scaling curves, resources, environment, raw files. "
        + "Opens without a network. See harness/REPORT.md.")
public final class ReportMain
{
    @Parameters(index = "0", paramLabel = "<results-dir>", description = "A folder the harness wrote (results/...).")
    Path dir;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>",
        description = "Where to write the page (default: <results-dir>/report.html; links to raw files are relative "
            + "to the results folder, so keep it there to follow them), or the export (default: <results-dir>/"
            + JMH_EXPORT + ").")
    Path output;

    @Option(names = "--export", paramLabel = "<format>", converter = ExportFormat.Converter.class,
        description = "Instead of the page, write the suite's results for other tools. jmh-json: JMH's JSON result "
            + "format (JMH Visualizer, CI benchmark trackers), one entry per point and metric: the median as score, "
            + "its interval as scoreConfidence, the repetitions as rawData, latency percentiles from the merged "
            + "histograms. See harness/REPORT.md.")
    ExportFormat export;

    @Option(names = "--tables", description = "First remake results.csv, summary.csv and verdicts.csv from the point "
        + "files, by the validity settings of the suite in manifest.json (or the defaults): for a folder written "
        + "before the harness's ranking rules changed.")
    boolean tables;

    /** The file {@code --export jmh-json} writes into the results folder unless {@code --output} says otherwise. */
    public static final String JMH_EXPORT = "results.jmh.json";

    /** The formats of {@code --export}. */
    enum ExportFormat
    {
        JMH_JSON;

        static final class Converter implements CommandLine.ITypeConverter<ExportFormat>
        {
            @Override
            public ExportFormat convert(final String value)
            {
                if ("jmh-json".equals(value))
                {
                    return JMH_JSON;
                }
                throw new CommandLine.TypeConversionException("unknown format '" + value + "' (known: jmh-json)");
            }
        }
    }

    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final ReportMain cmd = new ReportMain();
        final CommandLine cli = new CommandLine(cmd);
        try
        {
            cli.parseArgs(args);
        }
        catch (final CommandLine.ParameterException e)
        {
            err.println("report: " + e.getMessage());
            err.println("Usage: scripts/report <results-dir> [--output <file>] [--tables] [--export jmh-json]");
            return 2;
        }
        if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested())
        {
            cli.usage(out);
            return 0;
        }
        try
        {
            if (cmd.tables)
            {
                ResultStore.open(cmd.dir).writeTables();
                out.println("report: remade the tables of " + cmd.dir);
            }
            if (cmd.export == ExportFormat.JMH_JSON)
            {
                exportJmh(cmd.dir, cmd.output, out);
            }
            else
            {
                report(cmd.dir, cmd.output, out);
            }
            return 0;
        }
        catch (final IOException | RuntimeException e)
        {
            err.println("report: " + e.getMessage());
            return 1;
        }
    }

    /** Writes the report of {@code dir} to {@code output} (null: {@code report.html} in it) and says where. */
    public static Path report(final Path dir, final Path output, final PrintStream out) throws IOException
    {
        final ResultsDir results = ResultsDir.read(dir);
        final Path target = output != null ? output.toAbsolutePath() : results.dir().resolve("report.html");
        write(target, ReportPage.render(results));
        out.println("report: " + target + " (" + results.variants().size() + " servers, " +
            results.scenarios().size() + " scenarios)");
        return target;
    }

    /** Writes the JMH-format export of {@code dir} to {@code output} (null: {@link #JMH_EXPORT} in it). */
    public static Path exportJmh(final Path dir, final Path output, final PrintStream out) throws IOException
    {
        final ResultsDir results = ResultsDir.read(dir);
        final Path target = output != null ? output.toAbsolutePath() : results.dir().resolve(JMH_EXPORT);
        final List<JmhResult> entries = new JmhExport(results).entries();
        if (target.getParent() != null)
        {
            Files.createDirectories(target.getParent());
        }
        AtomicFiles.write(target, ContractJson.bytes(entries));
        out.println("report: " + target + " (" + entries.size() + " JMH entries: " + results.points().size() +
            " points, one per metric)");
        return target;
    }

    /** Written beside its target and renamed over it, so a reader never sees half a page. */
    static void write(final Path target, final String html) throws IOException
    {
        if (target.getParent() != null)
        {
            Files.createDirectories(target.getParent());
        }
        AtomicFiles.write(target, html);
    }
}
