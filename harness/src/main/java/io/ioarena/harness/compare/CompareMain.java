package io.ioarena.harness.compare;

import io.ioarena.contract.ContractJson;
import io.ioarena.harness.report.ResultsDir;
import io.ioarena.harness.results.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code scripts/compare <baseline-dir> <candidate-dir>}: per point and metric, the ratio candidate / baseline and
 * whether the difference is significant; writes compare.html and compare.txt (and with {@code --json} prints
 * {@link ComparisonJson} and writes it as compare.json). Exit status 1 when a point regresses
 * significantly past the threshold (so it can gate a CI job), 0 otherwise, 2 for a bad command line or a folder
 * that is not a results folder.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, usageHelpWidth = 110,
    description = {"Compares a candidate suite with a baseline, point by point: the ratio of medians and a two-sided "
        + "Mann-Whitney U test on the repetitions. Writes compare.txt and compare.html and prints the table.",
        "Exit status: 1 when some point regresses significantly by more than the threshold, 0 otherwise, 2 for a "
            + "usage error."})
public final class CompareMain
{
    public static final int EXIT_REGRESSION = 1;
    public static final int EXIT_USAGE = 2;

    @Parameters(index = "0", paramLabel = "<baseline-dir>", description = "The results folder to compare against.")
    Path baseline;

    @Parameters(index = "1", paramLabel = "<candidate-dir>", description = "The results folder under test.")
    Path candidate;

    @Option(names = "--threshold", paramLabel = "<percent>", defaultValue = "10%",
        description = "Smallest change that counts as a regression, e.g. 10% or 0.1 (default: ${DEFAULT-VALUE}).")
    String threshold;

    @Option(names = "--alpha", paramLabel = "<p>", defaultValue = "0.05",
        description = "Significance level of the test (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--output-dir", paramLabel = "<dir>",
        description = "Where compare.html and compare.txt go (default: the candidate folder).")
    Path outputDir;

    @Option(names = "--json",
        description = "Print the verdicts as JSON (compare.json: one entry per point and metric) instead of the "
            + "table, and write compare.json beside compare.txt. Messages go to standard error.")
    boolean json;

    @Option(names = "--fail-on-flags",
        description = "Also exit 1 when a point valid in the baseline is failed or flagged in the candidate.")
    boolean failOnFlags;

    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final CompareMain cmd = new CompareMain();
        final CommandLine cli = new CommandLine(cmd);
        final double threshold;
        try
        {
            cli.parseArgs(args);
            if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested())
            {
                cli.usage(out);
                return 0;
            }
            threshold = parseThreshold(cmd.threshold);
            if (!(cmd.alpha > 0 && cmd.alpha < 1))
            {
                throw new IllegalArgumentException("--alpha must be between 0 and 1, not " + cmd.alpha);
            }
        }
        catch (final CommandLine.ParameterException | IllegalArgumentException e)
        {
            err.println("compare: " + e.getMessage());
            err.println("Usage: scripts/compare <baseline-dir> <candidate-dir> [--threshold 10%] [--alpha 0.05] " +
                "[--output-dir <dir>] [--fail-on-flags] [--json]");
            return EXIT_USAGE;
        }
        final ResultsDir cand;
        final Comparison c;
        try
        {
            final ResultsDir base = ResultsDir.read(cmd.baseline);
            cand = ResultsDir.read(cmd.candidate);
            c = Comparison.of(base, cand, threshold, cmd.alpha);
        }
        catch (final IOException e)
        {
            err.println("compare: " + e.getMessage());
            return EXIT_USAGE;
        }
        final String text = ComparisonText.render(c);
        final byte[] json = cmd.json ? ContractJson.bytes(ComparisonJson.of(c)) : null;
        // with --json, standard output is the document alone, for a pipe
        final PrintStream messages = cmd.json ? err : out;
        if (cmd.json)
        {
            out.println(new String(json, StandardCharsets.UTF_8));
        }
        else
        {
            out.print(text);
        }
        try
        {
            final Path dir = cmd.outputDir != null ? cmd.outputDir : cand.dir();
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("compare.txt"), text, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("compare.html"), ComparisonPage.render(c), StandardCharsets.UTF_8);
            if (cmd.json)
            {
                AtomicFiles.write(dir.resolve(ComparisonJson.FILE), json);
            }
            messages.println("compare: wrote " + dir.resolve("compare.html") + " and compare.txt" +
                (cmd.json ? " and " + ComparisonJson.FILE : ""));
        }
        catch (final IOException e)
        {
            err.println("compare: could not write the comparison: " + e.getMessage());
        }
        final boolean flagsFail = cmd.failOnFlags && c.validityChanges().stream().anyMatch(v -> v.contains(": valid →"));
        if (!c.regressions().isEmpty() || flagsFail)
        {
            err.println("compare: FAIL: " + c.regressions().size() + " significant regressions past " +
                cmd.threshold + (flagsFail ? " and points that became failed or flagged" : ""));
            return EXIT_REGRESSION;
        }
        return 0;
    }

    /** {@code 10%} or {@code 0.1}; must be at least 0. */
    static double parseThreshold(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        try
        {
            final double v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100
                : Double.parseDouble(t);
            if (v < 0 || Double.isNaN(v))
            {
                throw new NumberFormatException();
            }
            return v;
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException("--threshold must look like 10% or 0.1, not '" + text + "'");
        }
    }
}
