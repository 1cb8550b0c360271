package io.ioarena.harness.report;

import io.ioarena.contract.ContractJson;
import io.ioarena.contract.JmhResult;
import io.ioarena.contract.JmhRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A JMH result file as the report shows it: its results, and when and on which commit they were measured, from the
 * {@link JmhRun} file beside it ({@code scripts/jmh} writes one); a file without one (written before, or by JMH
 * directly) is dated by its modification time and its commit is unknown.
 */
record JmhFile(Path file, List<JmhResult> results, String date, String commit)
{
    static final String UNKNOWN_COMMIT = "unknown";

    static JmhFile read(final Path file) throws IOException
    {
        final List<JmhResult> results = JmhResult.read(file);
        final Path runFile = JmhRun.besides(file);
        if (!Files.isRegularFile(runFile))
        {
            return new JmhFile(file, results, Files.getLastModifiedTime(file).toInstant() + " (file modified)",
                UNKNOWN_COMMIT + " (no " + runFile.getFileName() + " beside it)");
        }
        final JmhRun run = ContractJson.read(runFile, JmhRun.class);
        final String commit = run.gitCommit() == null ? UNKNOWN_COMMIT + " (not run in a git checkout)"
            : run.gitCommit() + (Boolean.TRUE.equals(run.gitDirty()) ? " with uncommitted changes" : "");
        return new JmhFile(file, results, run.startedAt(), commit);
    }
}
