package io.ioarena.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.ioarena.contract.ContractJson;
import io.ioarena.harness.results.ResultStore;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.SuiteFiles;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run} against fabric8's mock API server (CRUD mode): no controllers run there, so a thread of the test plays
 * the Deployment and Job controllers and the kubelet (marks servers ready, creates each Job's indexed pods, serves
 * their logs, completes or fails the Job). What a real cluster adds (scheduling, the image, the network) is not tested.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterRunTest
{
    private static final String NS = "bench";
    private static final long ORIGIN_MS = 1_780_000_000_000L;
    private static final Duration START_DELAY = Duration.ofSeconds(30);

    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path tmp;
    private K8sSettings settings;
    /** The client arguments of every Job the API server was given. */
    private final List<List<String>> appliedArgs = new CopyOnWriteArrayList<>();

    @Test
    void runsEveryPointMergesItsInstancesAndDeletesTheRunsObjects() throws Exception
    {
        final SuiteManifests manifests = render(3);
        final long before = System.currentTimeMillis();
        final Path dir = run(manifests, Set.of());
        assertEquals(2, appliedArgs.size());
        for (final List<String> args : appliedArgs)
        {
            final int at = args.indexOf("--start-at");
            assertTrue(at > 0, "the instances start together: " + args);
            assertTrue(Long.parseLong(args.get(at + 1)) >= before + START_DELAY.toMillis(), args.get(at + 1));
        }
        final JsonNode record = ContractJson.mapper().readTree(dir.resolve(ClusterRun.RECORD).toFile());
        assertEquals(2, record.get("points").size());
        for (final JsonNode point : record.get("points"))
        {
            assertEquals("OK", point.get("status").asText(), point.toString());
            final Path pointDir = dir.resolve("points").resolve(point.get("id").asText());
            final JsonNode merged = ContractJson.mapper().readTree(pointDir.resolve("merge-summary.json").toFile());
            assertEquals(100 + 101 + 102, merged.get("histograms").get("latency").get("count").asLong(),
                "the merged count is the sum of the instances'");
            assertTrue(merged.get("valid").asBoolean(), merged.toString());
            for (int i = 0; i < 3; i++)
            {
                assertEquals("instance " + i + " says hello\n",
                    Files.readString(pointDir.resolve("instance-" + i).resolve("client.log")));
            }
        }
        assertNothingLeft();
    }

    @Test
    void aFailedInstanceFailsItsPointWithTheReasonAndTheRunGoesOn() throws Exception
    {
        final SuiteManifests manifests = render(2);
        final String failing = manifests.points().get(0).job().getMetadata().getName();
        final Path dir = run(manifests, Set.of(failing));
        final JsonNode points = ContractJson.mapper().readTree(dir.resolve(ClusterRun.RECORD).toFile()).get("points");
        assertEquals("FAILED", points.get(0).get("status").asText());
        assertTrue(points.get(0).get("reason").asText().contains("1 of 2 instances failed"), points.toString());
        assertEquals("OK", points.get(1).get("status").asText(), points.toString());
        assertNothingLeft();
    }

    /** The quick suite on one server: two points. */
    private SuiteManifests render(final int instances) throws Exception
    {
        final ImagePaths paths = FakeBuild.under(tmp);
        final Suite suite = SuiteFiles.load("quick", paths.localRoot()).withServers(List.of("selector"));
        settings = new K8sSettings("t2", NS, "ioarena:test", instances, 1, 1, "2Gi", "1Gi");
        return SuiteManifests.render(suite, settings, paths);
    }

    /** Runs {@code manifests} with the fake controllers; the Jobs named in {@code failing} get a failed instance. */
    private Path run(final SuiteManifests manifests, final Set<String> failing) throws Exception
    {
        for (final SuiteManifests.PointJob p : manifests.points())
        {
            for (int i = 0; i < p.job().getSpec().getCompletions(); i++)
            {
                server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + pod(p.job(), i) +
                    "/log?pretty=false").andReturn(200, "instance " + i + " says hello\n" +
                    InstanceFiles.line("latency.hlog", hlog(i, p.job().getSpec().getCompletions()))).always();
            }
        }
        final AtomicBoolean done = new AtomicBoolean();
        final Thread controllers = new Thread(() -> playControllers(done, failing));
        controllers.start();
        final ResultStore store = ResultStore.create(tmp.resolve("results"), "quick-k8s", Instant.now());
        try
        {
            new ClusterRun(client, manifests, settings, Duration.ofSeconds(20), START_DELAY,
                new PrintStream(new ByteArrayOutputStream())).run(store);
        }
        finally
        {
            done.set(true);
            controllers.join(10_000);
        }
        return store.dir();
    }

    /** Bounded: until the run ends, or 60 s. */
    private void playControllers(final AtomicBoolean done, final Set<String> failing)
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        final Set<String> handled = new HashSet<>();
        while (!done.get() && System.nanoTime() < deadline)
        {
            for (final Deployment d : client.apps().deployments().inNamespace(NS).list().getItems())
            {
                if (d.getStatus() == null || d.getStatus().getReadyReplicas() == null)
                {
                    client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder(d).withNewStatus()
                        .withReadyReplicas(1).endStatus().build()).updateStatus();
                }
            }
            for (final Job j : client.batch().v1().jobs().inNamespace(NS).list().getItems())
            {
                if (handled.add(j.getMetadata().getName()))
                {
                    appliedArgs.add(j.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
                    final int n = j.getSpec().getCompletions();
                    for (int i = 0; i < n; i++)
                    {
                        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(pod(j, i))
                            .withLabels(j.getSpec().getTemplate().getMetadata().getLabels())
                            .addToAnnotations("batch.kubernetes.io/job-completion-index", Integer.toString(i))
                            .endMetadata().build()).create();
                    }
                    final boolean fails = failing.contains(j.getMetadata().getName());
                    client.batch().v1().jobs().inNamespace(NS).resource(new JobBuilder(j).withNewStatus()
                        .withSucceeded(fails ? n - 1 : n).withFailed(fails ? 1 : 0).endStatus().build()).updateStatus();
                }
            }
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException e)
            {
                return;
            }
        }
    }

    private static String pod(final Job job, final int index)
    {
        return job.getMetadata().getName() + "-" + index;
    }

    /** Instance {@code index} of {@code count}'s interval log: 100 + index answers in one interval. */
    private static byte[] hlog(final int index, final int count)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final HistogramLogWriter writer = new HistogramLogWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        writer.outputComment("ioarena-load-client 0.1.0 instance=" + index + "/" + count + " config={}");
        writer.outputLogFormatVersion();
        writer.outputStartTime(ORIGIN_MS);
        writer.setBaseTime(ORIGIN_MS);
        writer.outputLegend();
        final Histogram h = new Histogram(3);
        for (int k = 0; k < 100 + index; k++)
        {
            h.recordValue(50_000 + k);
        }
        h.setStartTimeStamp(ORIGIN_MS);
        h.setEndTimeStamp(ORIGIN_MS + 1000);
        h.setTag("latency");
        writer.outputIntervalHistogram(h);
        writer.close();
        return bytes.toByteArray();
    }

    private void assertNothingLeft()
    {
        assertEquals(0, client.batch().v1().jobs().inNamespace(NS).list().getItems().size());
        assertEquals(0, client.apps().deployments().inNamespace(NS).list().getItems().size());
        assertEquals(0, client.services().inNamespace(NS).list().getItems().size());
        assertEquals(0, client.configMaps().inNamespace(NS).list().getItems().size());
    }
}
