package io.ioarena.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.ioarena.harness.results.AtomicFiles;
import io.ioarena.harness.results.ResultStore;
import io.ioarena.harness.suite.Durations;
import io.ioarena.load.LoadClientMain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs rendered manifests through the API server: applies the suite and the servers, waits (bounded) until each server
 * is ready, then runs the points one after another in the plan's order: creates the point's Job with its instances starting together after {@code startDelay}, waits for it (bounded
 * by its deadline), reads every instance's log, writes its files into {@code points/<id>/instance-<i>/}, merges the
 * instances' {@code latency.hlog}s into {@code points/<id>/} with the load client's {@code merge}, and deletes the
 * Job. A point whose server never got ready, whose Job failed or ran out of time, or one of whose instances brought no
 * log is FAILED with the reason. Every object of the run is deleted at the end, whatever happened.
 */
public final class ClusterRun
{
    /** The run's record in the results folder. */
    public static final String RECORD = "k8s-run.json";
    /** How much longer than its own deadline a Job is waited for: the Job controller's and the API's delays. */
    private static final Duration SLACK = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final SuiteManifests manifests;
    private final K8sSettings settings;
    private final Duration readyTimeout;
    private final Duration startDelay;
    private final PrintStream out;

    /** What became of one point. */
    public record PointRecord(String id, String job, String status, String reason, int instances)
    {
    }

    /** {@value #RECORD}: the run's settings, the servers left out, and every point. */
    public record RunRecord(K8sSettings settings, List<String> skipped, List<PointRecord> points)
    {
    }

    public ClusterRun(final KubernetesClient client, final SuiteManifests manifests, final K8sSettings settings,
        final Duration readyTimeout, final Duration startDelay, final PrintStream out)
    {
        this.startDelay = startDelay;
        this.client = client;
        this.manifests = manifests;
        this.settings = settings;
        this.readyTimeout = readyTimeout;
        this.out = out;
    }

    /** Runs every point into {@code store}; returns the record it also writes there. */
    public RunRecord run(final ResultStore store) throws IOException
    {
        final List<PointRecord> points = new ArrayList<>();
        final RunRecord record = new RunRecord(settings, manifests.skipped(), points);
        try
        {
            apply(manifests.suite());
            final Map<String, String> notReady = startServers();
            for (final SuiteManifests.PointJob p : manifests.points())
            {
                final PointRecord done = notReady.containsKey(p.trial())
                    ? failed(p, notReady.get(p.trial())) : point(p, store.pointDir(p.point().id()));
                out.println("ioarena k8s: " + done.id() + " " + done.status() +
                    (done.reason() == null ? "" : ": " + done.reason()));
                points.add(done);
            }
        }
        finally
        {
            deleteAll();
            store.writeJson(Path.of(RECORD), record);
        }
        return record;
    }

    private void apply(final HasMetadata object)
    {
        client.resource(object).inNamespace(settings.namespace()).createOr(NonDeletingOperation::update);
    }

    /** Applies every server and waits for each; returns the trials that did not get ready, with why. */
    private Map<String, String> startServers()
    {
        manifests.servers().values().forEach(s -> {
            apply(s.deployment());
            apply(s.service());
        });
        final Map<String, String> notReady = new HashMap<>();
        final long deadline = System.nanoTime() + readyTimeout.toNanos();
        manifests.servers().forEach((trial, s) -> {
            final String name = s.deployment().getMetadata().getName();
            try
            {
                final long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                client.apps().deployments().inNamespace(settings.namespace()).withName(name)
                    .waitUntilCondition(ClusterRun::ready, left, TimeUnit.MILLISECONDS);
                out.println("ioarena k8s: server " + name + " ready");
            }
            catch (final KubernetesClientTimeoutException e)
            {
                notReady.put(trial, "the server " + name + " was not ready within " + Durations.human(readyTimeout));
            }
        });
        return notReady;
    }

    private static boolean ready(final Deployment d)
    {
        return d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null &&
            d.getStatus().getReadyReplicas() >= 1;
    }

    private PointRecord point(final SuiteManifests.PointJob p, final Path dir) throws IOException
    {
        final Job job = p.startingAt(Instant.now().plus(startDelay), startDelay);
        final String name = job.getMetadata().getName();
        final int n = job.getSpec().getCompletions();
        apply(job);
        final Duration limit = Duration.ofSeconds(job.getSpec().getActiveDeadlineSeconds()).plus(SLACK);
        final Job ended;
        try
        {
            ended = client.batch().v1().jobs().inNamespace(settings.namespace()).withName(name)
                .waitUntilCondition(j -> j == null || ended(j.getStatus(), n), limit.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final KubernetesClientTimeoutException e)
        {
            return failed(p, "the job " + name + " did not end within " + Durations.human(limit));
        }
        try
        {
            if (ended == null)
            {
                return failed(p, "the job " + name + " was deleted while it ran");
            }
            final String collected = collect(p, dir, n);
            if (collected != null)
            {
                return failed(p, collected);
            }
            if (ended.getStatus().getSucceeded() == null || ended.getStatus().getSucceeded() < n)
            {
                return failed(p, "the job " + name + " failed: " + (ended.getStatus().getFailed() == null ? 0
                    : ended.getStatus().getFailed()) + " of " + n + " instances failed (their output is in " +
                    dir + ")");
            }
            return merge(p, dir, n);
        }
        finally
        {
            client.batch().v1().jobs().inNamespace(settings.namespace()).withName(name).delete();
        }
    }

    private static boolean ended(final JobStatus s, final int n)
    {
        return s != null && ((s.getSucceeded() != null && s.getSucceeded() >= n) ||
            (s.getFailed() != null && s.getFailed() > 0));
    }

    /** Writes every instance's files and output; returns null, or why not every instance's could be read. */
    private String collect(final SuiteManifests.PointJob p, final Path dir, final int n) throws IOException
    {
        final Map<Integer, Pod> byIndex = new TreeMap<>();
        for (final Pod pod : client.pods().inNamespace(settings.namespace())
            .withLabel(Labels.RUN, settings.run()).withLabel(Labels.POINT, Names.dns(p.point().id())).list().getItems())
        {
            final String index = pod.getMetadata().getAnnotations() == null ? null
                : pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index");
            if (index != null && index.matches("[0-9]+"))
            {
                byIndex.put(Integer.parseInt(index), pod);
            }
        }
        final List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            final Pod pod = byIndex.get(i);
            final String log;
            try
            {
                log = pod == null ? null : client.pods().inNamespace(settings.namespace())
                    .withName(pod.getMetadata().getName()).getLog();
            }
            catch (final KubernetesClientException e)
            {
                missing.add(i);
                continue;
            }
            if (log == null)
            {
                missing.add(i);
                continue;
            }
            final Path instance = dir.resolve("instance-" + i);
            Files.createDirectories(instance);
            AtomicFiles.write(instance.resolve("client.log"), InstanceFiles.output(log));
            try
            {
                for (final Map.Entry<String, byte[]> file : InstanceFiles.parse(log).entrySet())
                {
                    AtomicFiles.write(instance.resolve(file.getKey()), file.getValue());
                }
            }
            catch (final IllegalArgumentException e)
            {
                return "instance " + i + ": " + e.getMessage();
            }
        }
        return missing.isEmpty() ? null : "no log from instance(s) " + missing + " of " + n;
    }

    /** Merges the instances' interval logs into the point's folder. */
    private PointRecord merge(final SuiteManifests.PointJob p, final Path dir, final int n)
    {
        final List<String> args = new ArrayList<>(List.of("merge", "-o", dir.toString()));
        final List<Integer> noLog = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            final Path log = dir.resolve("instance-" + i).resolve("latency.hlog");
            if (Files.isRegularFile(log))
            {
                args.add(log.toString());
            }
            else
            {
                noLog.add(i);
            }
        }
        if (!noLog.isEmpty())
        {
            return failed(p, "instance(s) " + noLog + " wrote no latency.hlog");
        }
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8))
        {
            final int status = LoadClientMain.execute(args.toArray(String[]::new), stream, stream);
            if (status != LoadClientMain.EXIT_OK)
            {
                return failed(p, "merging the instances' logs failed: " + output.toString(StandardCharsets.UTF_8)
                    .trim());
            }
        }
        return new PointRecord(p.point().id(), p.job().getMetadata().getName(), "OK", null, n);
    }

    private static PointRecord failed(final SuiteManifests.PointJob p, final String reason)
    {
        return new PointRecord(p.point().id(), p.job().getMetadata().getName(), "FAILED", reason,
            p.job().getSpec().getCompletions());
    }

    /** Deletes every object labelled with this run, whatever state it is in. */
    private void deleteAll()
    {
        final String ns = settings.namespace();
        try
        {
            client.batch().v1().jobs().inNamespace(ns).withLabel(Labels.RUN, settings.run()).delete();
            client.apps().deployments().inNamespace(ns).withLabel(Labels.RUN, settings.run()).delete();
            client.services().inNamespace(ns).withLabel(Labels.RUN, settings.run()).delete();
            client.configMaps().inNamespace(ns).withLabel(Labels.RUN, settings.run()).delete();
        }
        catch (final KubernetesClientException e)
        {
            out.println("ioarena k8s: could not delete every object of run " + settings.run() + " (" +
                K8sMain.causes(e) + "): kubectl delete all,configmaps -l " + Labels.RUN + "=" + settings.run() +
                " -n " + ns);
        }
    }
}
