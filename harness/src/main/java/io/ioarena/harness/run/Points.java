package io.ioarena.harness.run;

import io.ioarena.harness.results.PointResult;
import io.ioarena.protocol.launch.ServerLauncher;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a suite's points run: {@link PointRunner} on this machine, {@link RemotePoints} on the hosts of a hosts
 * file. {@link SuiteRunner} plans, orders, saves and resumes the same way for both.
 */
public interface Points extends AutoCloseable
{
    /** Runs one point into {@code dir}: its result, FAILED with the reason when something went wrong. */
    PointResult run(PlannedPoint planned, Path dir) throws Cancellation.CancelledException, IOException,
        InterruptedException;

    /** How the conformance gate starts {@code server}: where it will be measured, as it will be. */
    ServerLauncher gateLauncher(String server);

    /** {@code more} points than planned will run on {@code point}'s server (fewer when negative). */
    void expect(PlannedPoint point, int more) throws IOException, InterruptedException;

    /** Ends every process the points started; called once, after the last point or when interrupted. */
    @Override
    void close() throws IOException, InterruptedException;
}
