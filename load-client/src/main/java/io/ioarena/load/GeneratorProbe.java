package io.ioarena.load;

import io.ioarena.contract.GeneratorHealth;
import io.ioarena.protocol.launch.Schedstat;

import java.io.IOException;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * The client's use of its CPUs, taken at the start and at the end of the measured phase (on the hiccup meter's
 * thread, never on a client thread): CPU time of the client I/O threads and their time runnable without a CPU (their
 * run-queue wait, Linux's schedstat), idle time of the CPUs the process may run on, and the JVM's GC pauses. Their
 * differences are the {@link GeneratorHealth} of the run.
 */
final class GeneratorProbe implements HiccupMeter.PhaseEdges
{
    /** What was taken at one instant; -1 or null where it is unknown. */
    record Snapshot(long wallNanos, long threadsCpuNanos, long[] cpuIdleAndTotal, long gcPauses, long gcPauseMillis,
        long threadsWaitNanos, long jitMillis)
    {
    }

    private final NanoClock clock;
    private final List<Thread> threads;
    private final List<ClientThread> clients;
    private final ProcCpuTimes cpus;
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> pauseCollectors;
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    /** Written by the meter's thread; read after it has been stopped (the join orders them). */
    private Snapshot start;
    private Snapshot end;

    /**
     * @param threads the threads running {@code clients}, in the same order
     * @param cpus    the process's CPUs in {@code /proc}, or null where there is none
     */
    GeneratorProbe(final NanoClock clock, final List<Thread> threads, final List<ClientThread> clients,
        final ProcCpuTimes cpus)
    {
        this.clock = clock;
        this.threads = threads;
        this.clients = clients;
        this.cpus = cpus;
        this.pauseCollectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .filter(GeneratorProbe::countsPauses).toList();
    }

    /**
     * Whether a collector's bean counts stop-the-world pauses. The JDK also has beans for concurrent cycles, which
     * run beside the application: G1's "G1 Concurrent GC", ZGC's and Shenandoah's "... Cycles" (their pauses have
     * beans of their own, "... Pauses").
     */
    static boolean countsPauses(final GarbageCollectorMXBean bean)
    {
        return !bean.getName().contains("Concurrent") && !bean.getName().endsWith("Cycles");
    }

    @Override
    public void measureStarted()
    {
        start = take();
    }

    @Override
    public void measureEnded()
    {
        end = take();
    }

    /** What the client threads and its CPUs did between the two edges; all unknown if an edge was not seen. */
    GeneratorHealth health(final long hiccupMaxNanos, final long stalledNanos, final long ioStalledNanos)
    {
        return between(start, end, threads.size(), cpus == null ? null : cpus.cpuList(),
            cpus == null ? 0 : cpus.cpuCount(), hiccupMaxNanos, stalledNanos, ioStalledNanos);
    }

    /**
     * The differences between two snapshots of this probe; everything but the hiccups unknown when either
     * is missing.
     */
    static GeneratorHealth between(final Snapshot start, final Snapshot end,
        final int threads, final String cpus, final int cpuCount, final long hiccupMaxNanos,
        final long stalledNanos, final long ioStalledNanos)
    {
        if (start == null || end == null || end.wallNanos() <= start.wallNanos())
        {
            return GeneratorHealth.hiccupsOnly(hiccupMaxNanos, stalledNanos, ioStalledNanos);
        }
        final double wall = end.wallNanos() - start.wallNanos();
        final Double threadBusy = start.threadsCpuNanos() < 0 || end.threadsCpuNanos() < 0 ? null
            : (end.threadsCpuNanos() - start.threadsCpuNanos()) / (threads * wall);
        Double cpuIdle = null;
        Double cpuAvailable = null;
        if (start.cpuIdleAndTotal() != null && end.cpuIdleAndTotal() != null && cpuCount > 0)
        {
            final long total = end.cpuIdleAndTotal()[1] - start.cpuIdleAndTotal()[1];
            if (total > 0)
            {
                cpuIdle = (double)(end.cpuIdleAndTotal()[0] - start.cpuIdleAndTotal()[0]) / total;
                // The threads' CPU time as a share of the CPUs' capacity over the same wall time: ticks need no
                // conversion this way. Capped at 1: the two clocks are sampled a few microseconds apart.
                cpuAvailable = threadBusy == null ? null
                    : Math.min(1.0, cpuIdle + threadBusy * threads / cpuCount);
            }
        }
        final Long ioWaitNanos = start.threadsWaitNanos() < 0 || end.threadsWaitNanos() < 0 ? null
            : (end.threadsWaitNanos() - start.threadsWaitNanos()) / threads;
        final Long jitNanos = start.jitMillis() < 0 || end.jitMillis() < 0 ? null
            : (end.jitMillis() - start.jitMillis()) * 1_000_000;
        return new GeneratorHealth(hiccupMaxNanos, threadBusy, cpuIdle, cpuAvailable, cpuIdle == null ? null : cpus,
            end.gcPauses() - start.gcPauses(), (end.gcPauseMillis() - start.gcPauseMillis()) * 1_000_000,
            stalledNanos, ioWaitNanos, ioStalledNanos, jitNanos);
    }

    Snapshot take()
    {
        long gcPauses = 0;
        long gcPauseMillis = 0;
        for (final GarbageCollectorMXBean bean : pauseCollectors)
        {
            gcPauses += Math.max(0, bean.getCollectionCount());
            gcPauseMillis += Math.max(0, bean.getCollectionTime());
        }
        return new Snapshot(clock.nanoTime(), threadsCpuNanos(), cpus == null ? null : cpus.sample(), gcPauses,
            gcPauseMillis, threadsWaitNanos(),
            jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1);
    }

    /**
     * Run-queue wait of all client threads so far, or -1 when any cannot be read (not Linux, or a thread that has
     * ended: its task folder is gone).
     */
    private long threadsWaitNanos()
    {
        long sum = 0;
        for (final ClientThread client : clients)
        {
            final Path task = client.task();
            if (task == null)
            {
                return -1;
            }
            try
            {
                sum += Schedstat.read(task).waitNanos();
            }
            catch (final IOException | RuntimeException e)
            {
                return -1;
            }
        }
        return sum;
    }

    /** CPU time of all client threads so far, or -1 when the JVM cannot tell. */
    private long threadsCpuNanos()
    {
        if (!threadBean.isThreadCpuTimeSupported() || !threadBean.isThreadCpuTimeEnabled())
        {
            return -1;
        }
        long sum = 0;
        for (int i = 0; i < threads.size(); i++)
        {
            long cpu = threadBean.getThreadCpuTime(threads.get(i).threadId());
            if (cpu < 0)
            {
                // Ended already (it may, once the measured phase is over and all its answers are in): its CPU time
                // when its loop ended is all it used.
                cpu = clients.get(i).cpuNanosAfterLoop();
            }
            if (cpu < 0)
            {
                return -1;
            }
            sum += cpu;
        }
        return sum;
    }
}
