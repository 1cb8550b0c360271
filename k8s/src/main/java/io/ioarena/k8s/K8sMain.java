package io.ioarena.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ioarena.harness.results.ResultStore;
import io.ioarena.harness.suite.Durations;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.SuiteFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code scripts/k8s}: {@code render} writes one suite's manifests, {@code run} runs them through the API server of
 * the current kubeconfig and merges the instances' outputs into a results folder. Exit status: 0 when every point was
 * measured, 1 when one FAILED or the cluster could not be used, 2 for a bad command line or suite.
 */
@Command(name = "k8s", mixinStandardHelpOptions = true,
    description = "Runs an ioarena suite on Kubernetes: the servers as Deployments with Services, each point's load "
        + "clients as an Indexed Job (completion index = --instance-index). README.md, On Kubernetes.",
    subcommands = {K8sMain.Render.class, K8sMain.Run.class})
public final class K8sMain implements Runnable
{
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;
    private final PrintStream out;
    private final PrintStream err;

    private K8sMain(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    public static void main(final String[] args)
    {
        System.exit(execute(args, System.out, System.err));
    }

    public static int execute(final String[] args, final PrintStream out, final PrintStream err)
    {
        final CommandLine cli = new CommandLine(new K8sMain(out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException)
            {
                err.println("ioarena k8s: " + e.getMessage());
                return EXIT_USAGE;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: render or run");
    }

    /** An exception's messages down its causes: fabric8's own says little ("An error has occurred."). */
    static String causes(final Throwable e)
    {
        final StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause())
        {
            out.append(": ").append(c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName());
        }
        return out.toString();
    }

    /** What both commands take: the suite and how it is laid out. */
    static final class Layout
    {
        @Parameters(index = "0", paramLabel = "SUITE", description = "A built-in suite (default, quick, ...) or a "
            + "suite file (scripts/bench --help describes the format).")
        String suite;
        @Option(names = "--run", description = "Names the run: its objects' names and the label ioarena.io/run "
            + "(default: the suite's label and the UTC time, e.g. quick-20261204-161800).")
        String run;
        @Option(names = "--namespace", defaultValue = "default", description = "Namespace of every object "
            + "(default: ${DEFAULT-VALUE}).")
        String namespace;
        @Option(names = "--image", defaultValue = "ioarena:latest", description = "The image the pods run, built "
            + "from k8s/Containerfile (default: ${DEFAULT-VALUE}).")
        String image;
        @Option(names = "--instances", defaultValue = "2", description = "Load-client instances per point: the "
            + "Indexed Job's completions and --instance-count (default: ${DEFAULT-VALUE}).")
        int instances;
        @Option(names = "--server-cpus", defaultValue = "2", description = "CPUs of a server pod, requests = limits; "
            + "its --event-loops (default: ${DEFAULT-VALUE}).")
        int serverCpus;
        @Option(names = "--client-cpus", defaultValue = "1", description = "CPUs of each client pod, requests = "
            + "limits; its --threads (default: ${DEFAULT-VALUE}).")
        int clientCpus;
        @Option(names = "--server-memory", defaultValue = "2Gi", description = "Memory of a server pod, requests = "
            + "limits; the suite's heap must fit (default: ${DEFAULT-VALUE}).")
        String serverMemory;
        @Option(names = "--client-memory", defaultValue = "1536Mi", description = "Memory of each client pod, "
            + "requests = limits (default: ${DEFAULT-VALUE}).")
        String clientMemory;
        @Option(names = "--repo-root", defaultValue = "${sys:ioarena.root:-.}", description = "This checkout, "
            + "built (default: the one scripts/k8s is in).")
        Path root;
        @Option(names = "--maven-repo", description = "The Maven repository the build's class paths point into "
            + "(default: -Dmaven.repo.local, else ~/.m2/repository).")
        Path mavenRepo;

        Suite suite() throws IOException
        {
            return SuiteFiles.load(suite, root);
        }

        K8sSettings settings(final Suite s)
        {
            final String name = run != null ? run
                : Names.dns(s.label()).replaceAll("^(.{1,14}).*$", "$1").replaceAll("-$", "") + "-" +
                    STAMP.format(Instant.now());
            return new K8sSettings(name, namespace, image, instances, serverCpus, clientCpus, serverMemory,
                clientMemory);
        }

        ImagePaths paths()
        {
            return new ImagePaths(root, mavenRepo != null ? mavenRepo : ImagePaths.defaultMavenRepo());
        }

        SuiteManifests render(final Suite s, final K8sSettings settings, final PrintStream out)
        {
            settings.describe().forEach(line -> out.println("ioarena k8s: " + line));
            final SuiteManifests manifests = SuiteManifests.render(s, settings, paths());
            manifests.skipped().forEach(line -> out.println("ioarena k8s: left out " + line));
            out.println("ioarena k8s: suite " + s.label() + ": " + manifests.servers().size() + " server(s), " +
                manifests.points().size() + " point(s) of " + settings.instances() + " client instance(s)");
            return manifests;
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true, description = "Writes the suite's manifests, one "
        + "YAML file per object in the order they are applied (kubectl apply -f DIR applies them all at once; "
        + "'run' applies each point's Job after the last one ended).")
    static final class Render implements Callable<Integer>
    {
        @CommandLine.ParentCommand
        K8sMain parent;
        @Mixin
        Layout layout;
        @Option(names = "--out", description = "Where the files go (default: results/k8s/<run>).")
        Path outDir;

        @Override
        public Integer call() throws IOException
        {
            final Suite suite = layout.suite();
            final K8sSettings settings = layout.settings(suite);
            final SuiteManifests manifests = layout.render(suite, settings, parent.out);
            final Path dir = outDir != null ? outDir : layout.root.resolve("results").resolve("k8s")
                .resolve(settings.run());
            final List<Path> files = ManifestFiles.write(dir, manifests.all());
            parent.out.println("ioarena k8s: wrote " + files.size() + " manifests into " + dir);
            return EXIT_OK;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Applies the suite through the API server "
        + "of the current kubeconfig, runs its points one after another, and writes each point's instance files "
        + "and their merged latency.hlog into results/<time>-<label>-k8s/. Every object of the run is deleted at "
        + "the end.")
    static final class Run implements Callable<Integer>
    {
        @CommandLine.ParentCommand
        K8sMain parent;
        @Mixin
        Layout layout;
        @Option(names = "--results", description = "Where the results folder goes (default: results).")
        Path results;
        @Option(names = "--ready-timeout", defaultValue = "5m", description = "How long the servers may take to get "
            + "ready, image pulls included (default: ${DEFAULT-VALUE}).")
        String readyTimeout;
        @Option(names = "--start-delay", defaultValue = "30s", description = "A point's instances start together "
            + "this long after its Job is created (--start-at), time enough for their pods to be scheduled and their "
            + "JVMs to start; one that comes up later is flagged LATE_START (default: ${DEFAULT-VALUE}).")
        String startDelay;

        @Override
        public Integer call() throws IOException
        {
            final Suite suite = layout.suite();
            final K8sSettings settings = layout.settings(suite);
            final SuiteManifests manifests = layout.render(suite, settings, parent.out);
            final ResultStore store = ResultStore.create(results != null ? results : layout.root.resolve("results"),
                suite.label() + "-k8s", Instant.now());
            parent.out.println("ioarena k8s: results into " + store.dir());
            final Config config = Config.autoConfigure(null);
            // fabric8 retries a failed request ten times with growing waits (about a minute): a cluster that does
            // not answer should say so sooner
            config.setRequestRetryBackoffLimit(2);
            parent.out.println("ioarena k8s: API server " + config.getMasterUrl());
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build())
            {
                final ClusterRun.RunRecord record = new ClusterRun(client, manifests, settings,
                    Durations.parse("--ready-timeout", readyTimeout), Durations.parse("--start-delay", startDelay),
                    parent.out).run(store);
                final long failed = record.points().stream().filter(p -> !"OK".equals(p.status())).count();
                parent.out.println("ioarena k8s: " + (record.points().size() - failed) + " of " +
                    record.points().size() + " points measured; " + store.dir().resolve(ClusterRun.RECORD));
                return failed == 0 ? EXIT_OK : EXIT_FAILED;
            }
            catch (final KubernetesClientException e)
            {
                parent.err.println("ioarena k8s: the cluster could not be used: " + causes(e));
                return EXIT_FAILED;
            }
        }
    }
}
