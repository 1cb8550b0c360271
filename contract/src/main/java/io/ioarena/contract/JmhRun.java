package io.ioarena.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code scripts/jmh} writes beside each JMH result file, {@code <name>.run.json} beside {@code <name>.json}:
 * JMH's own format says neither when nor on which code the benchmarks ran. The report shows both with the results.
 *
 * @param startedAt when the run started (UTC, ISO-8601)
 * @param gitCommit the checkout's commit ({@code git rev-parse HEAD}); null outside a git checkout
 * @param gitDirty  whether tracked files differed from it; null outside a git checkout
 * @param arguments the JMH command line the run was given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JmhRun(String startedAt, String gitCommit, Boolean gitDirty, List<String> arguments) implements Versioned
{
    public static final String SUFFIX = ".run.json";

    /** The file beside a JMH result file: {@code 20261204-101500.json} has {@code 20261204-101500.run.json}. */
    public static Path besides(final Path resultFile)
    {
        final String name = resultFile.getFileName().toString();
        return resultFile.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) +
            SUFFIX);
    }

    /** Whether {@code file} is such a file rather than JMH's results. */
    public static boolean isRunFile(final Path file)
    {
        return file.getFileName().toString().endsWith(SUFFIX);
    }
}
