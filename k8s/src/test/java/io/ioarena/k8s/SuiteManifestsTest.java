package io.ioarena.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.ioarena.harness.run.JvmPolicy;
import io.ioarena.harness.run.Plan;
import io.ioarena.harness.run.PlannedPoint;
import io.ioarena.harness.run.PointCommands;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.SuiteFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renders the quick suite, writes it, reads it back with fabric8's model and checks what every pod would run. */
class SuiteManifestsTest
{
    private static final K8sSettings SETTINGS = new K8sSettings("t1", "bench", "registry.example/ioarena:1", 3, 2, 1,
        "2Gi", "1536Mi");

    @TempDir
    Path tmp;
    private ImagePaths paths;
    private Suite suite;
    private List<HasMetadata> objects;

    @BeforeEach
    void render() throws Exception
    {
        paths = FakeBuild.under(tmp);
        suite = SuiteFiles.load("quick", paths.localRoot());
        ManifestFiles.write(tmp.resolve("out"), SuiteManifests.render(suite, SETTINGS, paths).all());
        objects = ManifestFiles.read(tmp.resolve("out"));
    }

    private <T extends HasMetadata> List<T> all(final Class<T> kind)
    {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Test
    void oneServerAndServicePerTrialAndOneIndexedJobPerPointInPlanOrder()
    {
        final List<PlannedPoint> plan = Plan.of(suite, suite.servers()).points();
        assertEquals(1, all(ConfigMap.class).size());
        assertEquals(4, all(Deployment.class).size(), "selector, netty-epoll, vertx-nio, vthreads-virtual on echo/line");
        assertEquals(4, all(Service.class).size());
        assertEquals(plan.stream().map(PlannedPoint::id).toList(), all(Job.class).stream()
            .map(j -> j.getMetadata().getAnnotations().get(Labels.POINT_ID_ANNOTATION)).toList());
        assertTrue(objects.get(0) instanceof ConfigMap, "the suite is applied first");
        for (final Job job : all(Job.class))
        {
            assertEquals("Indexed", job.getSpec().getCompletionMode());
            assertEquals(3, job.getSpec().getCompletions());
            assertEquals(3, job.getSpec().getParallelism());
            assertEquals(0, job.getSpec().getBackoffLimit(), "a failed instance fails the point, never reruns it");
            assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy());
            assertEquals("metadata.annotations['batch.kubernetes.io/job-completion-index']", client(job).getEnv()
                .stream().filter(e -> e.getName().equals(SuiteManifests.INSTANCE_INDEX_ENV)).findFirst().orElseThrow()
                .getValueFrom().getFieldRef().getFieldPath());
        }
    }

    @Test
    void theSuiteInTheConfigMapParsesBackToTheSameSuite() throws Exception
    {
        final String json = all(ConfigMap.class).get(0).getData().get(SuiteManifests.SUITE_FILE);
        assertEquals(suite, SuiteFiles.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "cm"));
    }

    @Test
    void everyPodRequestsWhatItIsLimitedTo()
    {
        final List<Container> containers = new ArrayList<>();
        all(Deployment.class).forEach(d -> containers.addAll(d.getSpec().getTemplate().getSpec().getContainers()));
        all(Job.class).forEach(j -> containers.add(client(j)));
        assertEquals(4 + 8, containers.size());
        for (final Container c : containers)
        {
            assertEquals(c.getResources().getLimits(), c.getResources().getRequests(), c.getName());
            final boolean server = c.getName().equals("server");
            assertEquals(server ? "2" : "1", c.getResources().getLimits().get("cpu").toString());
            assertEquals(server ? "2Gi" : "1536Mi", c.getResources().getLimits().get("memory").toString());
            assertEquals("registry.example/ioarena:1", c.getImage());
        }
    }

    @Test
    void labelsNameSuiteServerVariantAndRunAndServicesSelectTheirServer()
    {
        for (final Deployment d : all(Deployment.class))
        {
            final Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertEquals("t1", labels.get(Labels.RUN));
            assertEquals("quick", labels.get(Labels.SUITE));
            assertEquals(Labels.COMPONENT_SERVER, labels.get(Labels.COMPONENT));
            final String variant = labels.get(Labels.VARIANT);
            assertEquals(variant.replaceFirst("-.*", ""), labels.get(Labels.SERVER));
            final Service service = all(Service.class).stream().filter(s -> s.getMetadata().getName()
                .equals(d.getMetadata().getName())).findFirst().orElseThrow();
            assertTrue(labels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
            assertEquals(1, all(Deployment.class).stream().filter(o -> o.getSpec().getTemplate().getMetadata()
                .getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet())).count(),
                "a Service selects exactly one server");
        }
        for (final Job j : all(Job.class))
        {
            final Map<String, String> labels = j.getSpec().getTemplate().getMetadata().getLabels();
            assertEquals("t1", labels.get(Labels.RUN));
            assertEquals(Labels.COMPONENT_CLIENT, labels.get(Labels.COMPONENT));
            assertEquals(Names.dns(j.getMetadata().getAnnotations().get(Labels.POINT_ID_ANNOTATION)),
                labels.get(Labels.POINT));
            assertTrue(j.getMetadata().getAnnotations().get(Labels.POINT_ID_ANNOTATION)
                .startsWith(labels.get(Labels.VARIANT) + "_"));
        }
    }

    @Test
    void eachInstanceRunsTheHarnessClientCommandWithItsIndex()
    {
        final Map<String, String> serviceOfVariant = all(Service.class).stream().collect(Collectors.toMap(
            s -> s.getMetadata().getLabels().get(Labels.VARIANT), s -> s.getMetadata().getName()));
        final JvmPolicy image = new JvmPolicy("java", "1g", "ParallelGC", 25, false);
        final Map<String, PlannedPoint> planned = Plan.of(suite, suite.servers()).points().stream()
            .collect(Collectors.toMap(PlannedPoint::id, p -> p));
        for (final Job j : all(Job.class))
        {
            final PlannedPoint p = planned.get(j.getMetadata().getAnnotations().get(Labels.POINT_ID_ANNOTATION));
            final Container c = client(j);
            assertEquals(List.of("bash", SuiteManifests.INSTANCE_SCRIPT), c.getCommand());
            for (int i = 0; i < 3; i++)
            {
                final String index = Integer.toString(i);
                final List<String> instance = c.getArgs().stream()
                    .map(a -> a.replace("$(" + SuiteManifests.INSTANCE_INDEX_ENV + ")", index)).toList();
                final List<String> expected = new ArrayList<>(List.of("java"));
                expected.addAll(image.clientFlags());
                expected.addAll(List.of("-cp", FakeBuild.imageClassPath("load-client"),
                    "io.ioarena.load.LoadClientMain", "run"));
                expected.addAll(PointCommands.clientArgs(suite, p.spec(), serviceOfVariant.get(p.spec().variant()),
                    SuiteManifests.PORT, Path.of("/out"), p.id(), 1, suite.warmupTime(), suite.measureTime()));
                expected.addAll(List.of("--instance-index", index, "--instance-count", "3"));
                assertEquals(expected, instance, p.id() + " instance " + i);
            }
            assertTrue(String.join(" ", c.getArgs()).contains("--host t1-" + p.spec().variant() +
                "-echo-line --port 7000 --service echo --framing line"), String.join(" ", c.getArgs()));
        }
    }

    @Test
    void eachServerRunsTheHarnessServerCommandOnAllAddressesOfItsPod()
    {
        final Deployment netty = all(Deployment.class).stream().filter(d -> d.getMetadata().getLabels()
            .get(Labels.VARIANT).equals("netty-epoll")).findFirst().orElseThrow();
        final List<String> command = netty.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand();
        final List<String> expected = new ArrayList<>(List.of("java"));
        expected.addAll(new JvmPolicy("java", "1g", "ParallelGC", 25, false).serverFlags(Path.of("/out/gc.log"), 2));
        expected.addAll(List.of("-cp", FakeBuild.imageClassPath("impl-netty"), "io.ioarena.protocol.server.ServerMain",
            "--impl", "netty", "--transport", "epoll", "--host", "0.0.0.0", "--port", "7000", "--service", "echo",
            "--framing", "line", "--event-loops", "2", "--max-connections", "10000"));
        assertEquals(expected, command);
    }

    @Test
    void suitesThatNeedTheServersHostAreRefusedNamingTheKey() throws Exception
    {
        for (final String name : List.of("capacity", "fanout", "connections"))
        {
            final Suite s = SuiteFiles.load(name, paths.localRoot());
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SuiteManifests.render(s, SETTINGS, paths));
            assertTrue(e.getMessage().contains(switch (name)
            {
                case "capacity" -> "capacity (";
                case "fanout" -> "syscallCensus";
                default -> "memoryProbe";
            }), e.getMessage());
        }
    }

    @Test
    void aClassPathOutsideTheCheckoutAndItsMavenRepositoryIsAnErrorNamingTheEntry()
    {
        final ImagePaths elsewhere = new ImagePaths(paths.localRoot(), tmp.resolve("other-m2"));
        final IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> SuiteManifests.render(suite, SETTINGS, elsewhere));
        assertTrue(e.getMessage().contains("netty-common.jar") && e.getMessage().contains("--maven-repo"),
            e.getMessage());
    }

    @Test
    void aFolderThatHoldsManifestsIsNotWrittenOver()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ManifestFiles.write(tmp.resolve("out"), objects));
        assertTrue(e.getMessage().contains("already holds manifests"), e.getMessage());
    }

    private static Container client(final Job job)
    {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
