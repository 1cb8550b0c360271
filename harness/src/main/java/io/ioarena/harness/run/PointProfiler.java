package io.ioarena.harness.run;

import io.ioarena.harness.env.Machine;
import one.convert.Arguments;
import one.convert.JfrToFlame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Profiles a server JVM over one point's run (the suite's {@code profile} setting) and leaves flame graphs in the
 * point's folder: self-contained HTML pages, drawn by async-profiler's converter, that any browser opens offline.
 * Started before the load client and stopped after it, whatever became of the run, so a recording never runs on
 * into the trial's next point.
 */
public sealed interface PointProfiler permits PointProfiler.Jfr, PointProfiler.Async
{
    String CPU_FLAME_GRAPH = "profile-cpu.html";
    String ALLOCATION_FLAME_GRAPH = "profile-alloc.html";
    String RECORDING = "profile.jfr";

    /** The profiler the setting names, or none for {@code none}. */
    static Optional<PointProfiler> of(final String profile)
    {
        return switch (profile)
        {
            case "none" -> Optional.empty();
            case "jfr" -> Optional.of(new Jfr(Jcmd.ofThisJdk(), Runtime.version().feature()));
            case "async" -> Optional.of(Async.onPath());
            default -> throw new IllegalArgumentException("profile must be none, jfr or async, not " + profile);
        };
    }

    void start(long pid, Path dir) throws IOException, InterruptedException;

    /** Stops profiling and writes the point's profile files; returns their names. */
    List<String> stop(long pid, Path dir, String title) throws IOException, InterruptedException;

    /**
     * JDK Flight Recorder, started and stopped in the server through jcmd with the JDK's {@code profile} settings
     * (allocation samples, locks, GC, safepoints): the recording stays in the point's folder for JDK Mission
     * Control, and CPU and allocation flame graphs are drawn from it. The CPU graph comes from JDK 25's CPU-time
     * samples ({@code jdk.CPUTimeSample}, one per 10 ms of a thread's CPU), which see a thread in native code and
     * system calls, where an I/O server spends most of its time: the older execution samples see only threads running
     * Java code, and a selector server busy on 16 connections gave 7 of them in 3 s (the CPU-time samples: 336 in 4
     * s at 1 ms). The servers run on the harness's JDK ({@code jdkFeature}); before 25 the graph falls back to those
     * execution samples, and its title says so.
     */
    record Jfr(Jcmd jcmd, int jdkFeature) implements PointProfiler
    {
        private static final String NAME = "name=ioarena-point";
        static final int CPU_TIME_SAMPLES_SINCE = 25;

        @Override
        public void start(final long pid, final Path dir) throws IOException, InterruptedException
        {
            final List<String> command = new ArrayList<>(List.of("JFR.start", NAME, "settings=profile",
                "filename=" + dir.resolve(RECORDING).toAbsolutePath()));
            if (jdkFeature >= CPU_TIME_SAMPLES_SINCE)
            {
                command.addAll(List.of("jdk.CPUTimeSample#enabled=true", "jdk.CPUTimeSample#throttle=10ms"));
            }
            jcmd.run(pid, command.toArray(String[]::new));
        }

        @Override
        public List<String> stop(final long pid, final Path dir, final String title)
            throws IOException, InterruptedException
        {
            jcmd.run(pid, "JFR.stop", NAME);
            final List<String> written = new ArrayList<>(List.of(RECORDING));
            written.addAll(flameGraphs(dir.resolve(RECORDING), dir, title, jdkFeature >= CPU_TIME_SAMPLES_SINCE));
            return written;
        }

        /**
         * The CPU and allocation flame graphs of a recording, written into {@code dir}; the CPU one from CPU-time
         * samples ({@code cpuTime}) or execution samples. Returns their names.
         */
        public static List<String> flameGraphs(final Path recording, final Path dir, final String title,
            final boolean cpuTime) throws IOException
        {
            // execution samples need the state named: without it this converter (4.5) drew JDK-written ones as
            // an empty graph
            JfrToFlame.convert(recording.toString(), dir.resolve(CPU_FLAME_GRAPH).toString(), cpuTime
                ? new Arguments("--cpu-time", "--title", title + ": CPU time")
                : new Arguments("--cpu", "--state", "runnable", "--title",
                    title + ": CPU (Java code only: this JDK has no CPU-time samples)"));
            JfrToFlame.convert(recording.toString(), dir.resolve(ALLOCATION_FLAME_GRAPH).toString(),
                new Arguments("--alloc", "--title", title + ": allocation"));
            return List.of(CPU_FLAME_GRAPH, ALLOCATION_FLAME_GRAPH);
        }
    }

    /** async-profiler's {@code asprof}, CPU samples, where it is installed: it sees native and kernel frames too. */
    record Async(Path asprof) implements PointProfiler
    {
        private static final Duration LIMIT = Duration.ofSeconds(30);

        static Async onPath()
        {
            return new Async(Machine.onPath("asprof").orElseThrow(() -> new IllegalArgumentException(
                "profile async needs async-profiler's asprof on the PATH (https://github.com/async-profiler/" +
                    "async-profiler/releases); profile jfr needs nothing more than the JDK")));
        }

        @Override
        public void start(final long pid, final Path dir) throws IOException, InterruptedException
        {
            BoundedCommand.run(List.of(asprof.toString(), "start", "-e", "cpu", Long.toString(pid)), LIMIT);
        }

        @Override
        public List<String> stop(final long pid, final Path dir, final String title)
            throws IOException, InterruptedException
        {
            BoundedCommand.run(List.of(asprof.toString(), "stop", "--title", title + ": CPU", "-f",
                dir.resolve(CPU_FLAME_GRAPH).toAbsolutePath().toString(), Long.toString(pid)), LIMIT);
            return Files.isRegularFile(dir.resolve(CPU_FLAME_GRAPH)) ? List.of(CPU_FLAME_GRAPH) : List.of();
        }
    }
}
