package io.ioarena.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.ioarena.contract.ContractJson;
import io.ioarena.harness.run.JvmPolicy;
import io.ioarena.harness.run.Plan;
import io.ioarena.harness.run.PlannedPoint;
import io.ioarena.harness.run.PointCommands;
import io.ioarena.harness.run.ServerCatalog;
import io.ioarena.harness.run.Trials;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.Suite;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One suite as Kubernetes objects, built with fabric8's model: the suite in a ConfigMap; per server process the harness
 * would start (a trial) a Deployment of one pod and a Service; per planned point an Indexed Job of load-client pods,
 * completion index i being {@code --instance-index i} of {@code --instance-count} = completions. Every pod's CPU and
 * memory requests equal its limits (Guaranteed QoS: with the kubelet's static CPU manager, whole CPUs of its own,
 * the nearest a pod gets to the local run's {@code taskset}). The command lines are the harness's own
 * ({@link ServerCatalog}, {@link PointCommands}) with this checkout's paths moved to the image's ({@link ImagePaths}).
 *
 * @param suite   the ConfigMap holding the suite file.
 * @param servers by trial key, in the order their first points run.
 * @param points  in the plan's order: the order {@code run} runs them.
 * @param skipped servers of the suite that are not rendered, with why.
 */
public record SuiteManifests(ConfigMap suite, Map<String, ServerObjects> servers, List<PointJob> points,
    List<String> skipped)
{
    /** The port every server listens on in its pod, and its Service's port. */
    public static final int PORT = 7000;
    /** Where a pod's process writes its files (an emptyDir); the client's {@code --output-dir}. */
    public static final String OUT = "/out";
    /** The file name of the suite in its ConfigMap. */
    public static final String SUITE_FILE = "suite.json";
    /** Set from the pod's completion index; the client's {@code --instance-index} is {@code $(this)}. */
    public static final String INSTANCE_INDEX_ENV = "IOARENA_INSTANCE_INDEX";
    /** Tells {@code scripts/lib/k8s-instance.sh} which folder to print after the client ends. */
    public static final String OUT_ENV = "IOARENA_OUT";
    /** Runs the client, then prints its files to the pod's log ({@link InstanceFiles}). */
    public static final String INSTANCE_SCRIPT = ImagePaths.IMAGE_ROOT + "/scripts/lib/k8s-instance.sh";
    private static final String COMPLETION_INDEX = "metadata.annotations['batch.kubernetes.io/job-completion-index']";
    /** On top of a point's warm-up, measurement and drain: pulling the image, starting the JVM, connecting. */
    static final Duration JOB_SLACK = Duration.ofSeconds(120);

    /** A server process: its Deployment (one pod) and the Service its clients connect to. */
    public record ServerObjects(Deployment deployment, Service service)
    {
    }

    /** A point's load clients, against the server {@code trial}. */
    public record PointJob(PlannedPoint point, String trial, Job job)
    {
        /**
         * The Job with its instances starting together at {@code at} ({@code --start-at}: their intervals line up,
         * and one that comes up later is flagged {@code LATE_START}), its deadline moved by {@code delay}, the time
         * from now until then. The rendered Job has no start: its instances start as their pods come up.
         */
        public Job startingAt(final Instant at, final Duration delay)
        {
            return new JobBuilder(job).editSpec().withActiveDeadlineSeconds(job.getSpec().getActiveDeadlineSeconds() +
                delay.toSeconds()).editTemplate().editSpec().editFirstContainer()
                .addToArgs("--start-at", Long.toString(at.toEpochMilli())).endContainer().endSpec().endTemplate()
                .endSpec().build();
        }
    }

    /** Every object, in the order they are applied: the suite, the servers, the points. */
    public List<HasMetadata> all()
    {
        final List<HasMetadata> all = new ArrayList<>(List.of(suite));
        servers.values().forEach(s -> all.addAll(List.of(s.deployment(), s.service())));
        points.forEach(p -> all.add(p.job()));
        return all;
    }

    /**
     * Renders {@code suite}. A suite whose points the harness decides as it goes (a capacity search), or that reads
     * a server from its host's /proc (system-call census, memory probe, profiles), is refused with the key that asks
     * for it: a pod's host is not this one.
     */
    public static SuiteManifests render(final Suite suite, final K8sSettings settings, final ImagePaths paths)
    {
        refuseHostBound(suite);
        final JvmPolicy policy = new JvmPolicy(ImagePaths.IMAGE_JAVA, suite.heap(), suite.gc(),
            ImagePaths.IMAGE_JAVA_MAJOR, false);
        final ServerCatalog catalog = new ServerCatalog(paths.localRoot(), suite, policy);
        final List<String> skipped = new ArrayList<>();
        final List<String> java = new ArrayList<>();
        for (final String server : suite.servers())
        {
            if (catalog.isJava(server))
            {
                java.add(server);
            }
            else
            {
                skipped.add(server + ": a foreign server, and the image holds only this repository's servers");
            }
        }
        if (java.isEmpty())
        {
            throw new IllegalArgumentException("suite " + suite.label() + " has no server of this repository to run");
        }
        final List<String> client = new ArrayList<>(suite.clientCommand() != null ? suite.clientCommand()
            : catalog.client(List.of()));
        final Map<String, ServerObjects> servers = new LinkedHashMap<>();
        final List<PointJob> points = new ArrayList<>();
        for (final PlannedPoint p : Plan.of(suite, java).points())
        {
            final String trial = Trials.key(suite, p.spec(), p.repetition());
            final ServerObjects server = servers.computeIfAbsent(trial, t -> server(suite, settings, catalog, paths,
                p.spec(), t));
            points.add(new PointJob(p, trial, job(suite, settings, paths, client, p, trial,
                server.service().getMetadata().getName(), catalog.implementation(p.spec().variant()))));
        }
        return new SuiteManifests(suiteConfigMap(suite, settings), servers, points, skipped);
    }

    private static void refuseHostBound(final Suite suite)
    {
        final List<String> keys = new ArrayList<>();
        if (suite.capacity() != null)
        {
            keys.add("capacity (each probe's rate depends on the last one's result)");
        }
        if (suite.syscallCensus())
        {
            keys.add("syscallCensus (perf or strace on the server's host)");
        }
        if (suite.memoryProbe())
        {
            keys.add("memoryProbe (jcmd and /proc on the server's host)");
        }
        if (!"none".equals(suite.profile()))
        {
            keys.add("profile (a profiler on the server's host)");
        }
        if (!keys.isEmpty())
        {
            throw new IllegalArgumentException("suite " + suite.label() + " cannot run on Kubernetes yet: " +
                String.join("; ", keys));
        }
    }

    private static ConfigMap suiteConfigMap(final Suite suite, final K8sSettings settings)
    {
        final String json;
        try
        {
            json = ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(suite);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalStateException("the suite cannot be written as JSON: " + e.getMessage(), e);
        }
        return new ConfigMapBuilder().withNewMetadata().withName(Names.dns(settings.run() + "-suite"))
            .withNamespace(settings.namespace()).withLabels(Labels.of(settings, suite.label(), Labels.COMPONENT_SUITE))
            .endMetadata().addToData(SUITE_FILE, json).build();
    }

    private static ServerObjects server(final Suite suite, final K8sSettings settings, final ServerCatalog catalog,
        final ImagePaths paths, final PointSpec spec, final String trial)
    {
        final String name = Names.dns(settings.run() + "-" + trial);
        final Map<String, String> selector = Labels.with(Labels.of(settings, suite.label(), Labels.COMPONENT_SERVER),
            Labels.TRIAL, Names.dns(trial));
        final Map<String, String> labels = Labels.with(selector, Labels.SERVER,
            catalog.implementation(spec.variant()), Labels.VARIANT, spec.variant());
        final List<String> command = paths.inImage(catalog.measured(spec.variant(), List.of(),
            Path.of(OUT, "gc.log"), settings.serverCpus()).expand(PointCommands.serverFlags(suite, spec, "0.0.0.0",
            PORT, settings.serverCpus())));
        final Container container = new ContainerBuilder().withName("server").withImage(settings.image())
            .withCommand(command).addNewPort().withContainerPort(PORT).withName("ioarena").endPort()
            .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString(PORT)).endTcpSocket()
            .withPeriodSeconds(1).endReadinessProbe()
            .withResources(guaranteed(settings.serverCpus(), settings.serverMemory()))
            .addNewVolumeMount().withName("out").withMountPath(OUT).endVolumeMount().build();
        final Deployment deployment = new DeploymentBuilder().withNewMetadata().withName(name)
            .withNamespace(settings.namespace()).withLabels(labels).endMetadata()
            .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(selector).endSelector()
            .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
            .withNewSpec().withContainers(container).addNewVolume().withName("out").withNewEmptyDir().endEmptyDir()
            .endVolume().endSpec().endTemplate().endSpec().build();
        final Service service = new ServiceBuilder().withNewMetadata().withName(name)
            .withNamespace(settings.namespace()).withLabels(labels).endMetadata()
            .withNewSpec().withSelector(selector).addNewPort().withName("ioarena").withPort(PORT)
            .withTargetPort(new IntOrString(PORT)).endPort().endSpec().build();
        return new ServerObjects(deployment, service);
    }

    private static Job job(final Suite suite, final K8sSettings settings, final ImagePaths paths,
        final List<String> client, final PlannedPoint p, final String trial, final String host, final String server)
    {
        final PointSpec spec = p.spec();
        final List<String> args = new ArrayList<>(client);
        args.add("run");
        args.addAll(PointCommands.clientArgs(suite, spec, host, PORT, Path.of(OUT), p.id(), settings.clientCpus(),
            suite.warmupTime(), suite.measureTime()));
        args.addAll(List.of("--instance-index", "$(" + INSTANCE_INDEX_ENV + ")",
            "--instance-count", Integer.toString(settings.instances())));
        final Map<String, String> labels = Labels.with(Labels.of(settings, suite.label(), Labels.COMPONENT_CLIENT),
            Labels.SERVER, server, Labels.VARIANT, spec.variant(), Labels.TRIAL, Names.dns(trial),
            Labels.POINT, Names.dns(p.id()), Labels.REPETITION, Integer.toString(p.repetition()));
        final List<EnvVar> env = List.of(new EnvVarBuilder().withName(INSTANCE_INDEX_ENV).withNewValueFrom()
            .withNewFieldRef().withFieldPath(COMPLETION_INDEX).endFieldRef().endValueFrom().build(),
            new EnvVarBuilder().withName(OUT_ENV).withValue(OUT).build());
        final Container container = new ContainerBuilder().withName("client").withImage(settings.image())
            .withCommand("bash", INSTANCE_SCRIPT).withArgs(paths.inImage(args)).withEnv(env)
            .withResources(guaranteed(settings.clientCpus(), settings.clientMemory()))
            .addNewVolumeMount().withName("out").withMountPath(OUT).endVolumeMount().build();
        final long deadline = suite.warmupTime().plus(suite.measureTime()).plus(PointCommands.DRAIN).plus(JOB_SLACK)
            .toSeconds();
        return new JobBuilder().withNewMetadata().withName(Names.dns(settings.run() + "-" + p.id()))
            .withNamespace(settings.namespace()).withLabels(labels)
            .addToAnnotations(Labels.POINT_ID_ANNOTATION, p.id()).endMetadata()
            .withNewSpec().withCompletionMode("Indexed").withCompletions(settings.instances())
            .withParallelism(settings.instances()).withBackoffLimit(0).withActiveDeadlineSeconds(deadline)
            .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
            .withNewSpec().withRestartPolicy("Never").withContainers(container)
            .addNewVolume().withName("out").withNewEmptyDir().endEmptyDir().endVolume()
            // the clients go to other nodes than the servers of their run where the cluster has them
            .withNewAffinity().withNewPodAntiAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution()
            .withWeight(100).withNewPodAffinityTerm().withTopologyKey("kubernetes.io/hostname")
            .withNewLabelSelector().addToMatchLabels(Labels.RUN, settings.run())
            .addToMatchLabels(Labels.COMPONENT, Labels.COMPONENT_SERVER).endLabelSelector().endPodAffinityTerm()
            .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity()
            .endSpec().endTemplate().endSpec().build();
    }

    private static ResourceRequirements guaranteed(final int cpus, final String memory)
    {
        final Map<String, Quantity> amounts = Map.of("cpu", new Quantity(Integer.toString(cpus)),
            "memory", new Quantity(memory));
        return new ResourceRequirementsBuilder().withRequests(amounts).withLimits(amounts).build();
    }
}
