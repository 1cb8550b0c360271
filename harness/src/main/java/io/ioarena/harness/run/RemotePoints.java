package io.ioarena.harness.run;

import io.ioarena.contract.ClientSummary;
import io.ioarena.harness.hosts.Host;
import io.ioarena.harness.hosts.HostsFile;
import io.ioarena.harness.hosts.RemoteProcess;
import io.ioarena.harness.hosts.SshHosts;
import io.ioarena.harness.results.PointResult;
import io.ioarena.harness.results.PointStatus;
import io.ioarena.harness.suite.Durations;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.Suite;
import io.ioarena.protocol.launch.LaunchedServer;
import io.ioarena.protocol.launch.ServerLauncher;
import io.ioarena.protocol.server.ReadyLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The points of a suite on the hosts of a hosts file, over SSH: for each point, the server on the server host (bound
 * to its address) and the load-client instances dealt over the client hosts, all started together at a common
 * instant ({@code --start-at}); each instance times its own messages on its own clock. Once every instance has
 * exited, their files are fetched into {@code instances/<i>/} of the point's folder and merged there (the load
 * client's {@code merge}: latency.hlog and summary.json of the whole run), so the point reads like a local one.
 *
 * <p>Unlike a local point, each point starts its own server (the local run's warmed, SIGSTOPped trials, /proc
 * samples, census, profiles and memory probe need the server's process on this machine). Whatever ends a point
 * (an instance that dies, a session that drops, a host that cannot be reached), every process it started is ended
 * by its id on its host, and the point's remote folders are removed.
 */
public final class RemotePoints implements Points
{
    /** How far ahead of now the instances' common start is: time for each to connect and start its JVM. */
    static final Duration START_AHEAD = Duration.ofSeconds(2);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(30);
    private static final Duration MERGE_LIMIT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 50;

    private final Suite suite;
    private final HostsFile hosts;
    private final SshHosts ssh;
    private final JvmPolicy policy;
    private final ServerCatalog catalog;
    private final List<String> localClient;
    private final Cancellation cancellation;
    private final String runName;
    private final Map<String, Integer> cores = new HashMap<>();

    /**
     * @param catalog     this checkout's catalog: which servers exist and what they implement
     * @param localClient the load client here, which merges the instances' files
     * @param runName     the results folder's name: each host works in a folder of that name under its workDir
     */
    public RemotePoints(final Suite suite, final HostsFile hosts, final SshHosts ssh, final JvmPolicy policy,
        final ServerCatalog catalog, final List<String> localClient, final Cancellation cancellation,
        final String runName)
    {
        this.suite = suite;
        this.hosts = hosts;
        this.ssh = ssh;
        this.policy = policy;
        this.catalog = catalog;
        this.localClient = List.copyOf(localClient);
        this.cancellation = cancellation;
        this.runName = runName;
    }

    /**
     * Every host's environment for the manifest, by its {@code user@address:port}: its role, kernel, CPUs and Java.
     * A host that cannot be reached says so here; its points fail with the reason.
     */
    public Map<String, Object> environments()
    {
        final Map<String, Object> all = new LinkedHashMap<>();
        for (final Host h : distinctHosts())
        {
            final Map<String, Object> env = new LinkedHashMap<>();
            env.put("role", h.equals(hosts.server()) ? (clientHosts().contains(h) ? "server, client" : "server")
                : "client");
            env.put("pinnedCpus", h.cpus());
            try
            {
                env.put("kernel", ssh.run(h, List.of("uname", "-srm"), COMMAND_LIMIT).strip());
                env.put("availableCpus", cores(h));
                env.put("java", h.java());
                env.put("javaVersion", ssh.run(h, List.of(h.java(), "-version"), COMMAND_LIMIT).strip().lines()
                    .toList());
            }
            catch (final IOException | RuntimeException e)
            {
                env.put("unreachable", e.getMessage());
            }
            all.put(h.describe(), env);
        }
        return all;
    }

    @Override
    public PointResult run(final PlannedPoint planned, final Path dir) throws Cancellation.CancelledException,
        IOException, InterruptedException
    {
        PointRunner.clean(dir);
        final Attempt a = new Attempt(planned, dir);
        String failure;
        try
        {
            failure = a.execute();
        }
        catch (final Cancellation.CancelledException | InterruptedException e)
        {
            a.stopAll();
            a.cleanRemote();
            throw e;
        }
        catch (final IOException | RuntimeException e)
        {
            failure = e.getMessage();
        }
        final String stray = a.stopAll();
        if (failure == null)
        {
            failure = stray != null ? stray : a.collect();
        }
        else if (stray != null)
        {
            failure += "; and " + stray;
        }
        a.cleanRemote();
        return a.result(failure);
    }

    /** Every point starts its own server: there is no trial to keep for more points. */
    @Override
    public void expect(final PlannedPoint point, final int more)
    {
    }

    @Override
    public void close() throws IOException
    {
        ssh.close();
    }

    /** The hosts that run at least one load-client instance. */
    private Set<Host> clientHosts()
    {
        final Set<Host> all = new LinkedHashSet<>();
        for (int i = 0; i < hosts.instances(); i++)
        {
            all.add(hosts.clientOf(i));
        }
        return all;
    }

    private Set<Host> distinctHosts()
    {
        final Set<Host> all = new LinkedHashSet<>();
        all.add(hosts.server());
        all.addAll(clientHosts());
        return all;
    }

    /** The host's CPUs for its process: those it pins, else all it has. */
    private int cores(final Host h) throws IOException
    {
        final Integer known = cores.get(h.describe());
        if (known != null)
        {
            return known;
        }
        final int n = h.cpus() != null ? h.cpuList().size()
            : Integer.parseInt(ssh.run(h, List.of("nproc"), COMMAND_LIMIT).strip());
        cores.put(h.describe(), n);
        return n;
    }

    private static List<String> pin(final Host h)
    {
        return h.cpus() == null ? List.of() : List.of("taskset", "-c", h.cpus());
    }

    /** The catalog of the host's checkout, run with the host's Java, its class paths read there. */
    private ServerCatalog catalogOf(final Host h)
    {
        return new ServerCatalog(Path.of(h.repo()), suite, new JvmPolicy(h.java(), policy.heap(), policy.gc(),
            policy.javaMajor(), policy.nativeMemoryTracking()), (module, classes, recorded) ->
        {
            try
            {
                return ssh.run(h, List.of("cat", recorded.toString()), COMMAND_LIMIT);
            }
            catch (final IOException e)
            {
                throw new IllegalStateException(module + " is not built on " + h.describe() + " (" + e.getMessage()
                    + "): run 'mvn -DskipTests package' in " + h.repo() + " there", e);
            }
        });
    }

    /** A server process on the server host that printed its readiness line. */
    private record Started(RemoteProcess process, ReadyLine ready)
    {
    }

    /** A server that exited, or stayed silent, before it was ready; it has been stopped. */
    private static final class ServerNotReady extends IOException
    {
        final Integer exitStatus;

        ServerNotReady(final String message, final Integer exitStatus)
        {
            super(message);
            this.exitStatus = exitStatus;
        }
    }

    /**
     * Starts {@code argv} on the server host, its output into {@code log} (may be null), and waits for its
     * readiness line; a server that does not get ready is stopped, and the exception says why.
     */
    private Started launch(final List<String> argv, final Path log) throws IOException, InterruptedException,
        Cancellation.CancelledException
    {
        final Host sh = hosts.server();
        final CompletableFuture<ReadyLine> readyLine = new CompletableFuture<>();
        final RemoteProcess p = ssh.start(sh, argv, log, line -> ReadyLine.parse(line).ifPresent(readyLine::complete));
        final long deadline = System.nanoTime() + suite.readyTimeoutTime().toNanos();
        try
        {
            while (!readyLine.isDone())
            {
                cancellation.check();
                if (!p.alive())
                {
                    throw new ServerNotReady("the server on " + sh.describe() + " " + p.describeEnd() +
                        " before it was ready: " + p.outputTail(5), p.exitStatus());
                }
                if (System.nanoTime() > deadline)
                {
                    throw new ServerNotReady("the server on " + sh.describe() + " printed no readiness line within " +
                        Durations.human(suite.readyTimeoutTime()) + ": " + p.outputTail(5), null);
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
        catch (final IOException | InterruptedException | Cancellation.CancelledException e)
        {
            p.stop();
            throw e;
        }
        return new Started(p, readyLine.join());
    }

    /** The conformance gate's servers: started on the server host, bound to its address, checked over the network. */
    @Override
    public ServerLauncher gateLauncher(final String server)
    {
        return new ServerLauncher()
        {
            @Override
            public String describe()
            {
                return server + " on " + hosts.server().describe();
            }

            @Override
            public LaunchedServer launch(final List<String> args) throws Exception
            {
                final List<String> flags = new ArrayList<>(args);
                flags.addAll(List.of("--host", hosts.server().address()));
                final Started started = RemotePoints.this.launch(catalogOf(hosts.server()).gate(server)
                    .expand(flags), null);
                return new LaunchedServer()
                {
                    @Override
                    public ReadyLine ready()
                    {
                        return started.ready();
                    }

                    /** Not read across hosts: the kit's memory bound is checked on local gates only. */
                    @Override
                    public OptionalLong memoryBytes()
                    {
                        return OptionalLong.empty();
                    }

                    @Override
                    public OptionalInt exitStatus()
                    {
                        final Integer status = started.process().exitStatus();
                        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
                    }

                    @Override
                    public void stop() throws IOException
                    {
                        started.process().stop();
                    }
                };
            }
        };
    }

    /** One point on the hosts, from its server's start to its remote folders' removal. */
    private final class Attempt
    {
        final PlannedPoint planned;
        final PointSpec spec;
        final Path dir;
        final String remoteDir;
        final String startedAt = Instant.now().toString();
        final List<String> notes = new ArrayList<>();
        final List<RemoteProcess> clients = new ArrayList<>();
        /** The hosts that hold a folder of this point, to remove when it ends. */
        final Set<Host> touched = new LinkedHashSet<>();
        RemoteProcess server;
        ReadyLine ready;
        Integer serverExit;
        Integer clientExit;

        Attempt(final PlannedPoint planned, final Path dir)
        {
            this.planned = planned;
            this.spec = planned.spec();
            this.dir = dir;
            this.remoteDir = runName + "/" + planned.id();
        }

        /** Starts the server and the instances and waits for them: null when every instance exited 0. */
        String execute() throws IOException, InterruptedException, Cancellation.CancelledException
        {
            final Host sh = hosts.server();
            notes.add("over SSH: the server on " + sh.describe() + ", " + hosts.instances() + " load-client " +
                "instances on " + String.join(", ", clientHosts().stream().map(Host::describe).toList()) +
                ", each timing its messages on its own clock; summary.json and latency.hlog are their merge, instances/ holds each one's files; a server " +
                "per point, without the /proc samples, census, profile and memory probe of a local run");
            final String failure = startServer(sh);
            if (failure != null)
            {
                return failure;
            }
            final long startAt = System.currentTimeMillis() + START_AHEAD.toMillis();
            for (int i = 0; i < hosts.instances(); i++)
            {
                cancellation.check();
                final Host ch = hosts.clientOf(i);
                final Path local = Files.createDirectories(dir.resolve("instances").resolve(Integer.toString(i)));
                touched.add(ch);
                final List<String> argv = new ArrayList<>(catalogOf(ch).client(pin(ch)));
                argv.add("run");
                argv.addAll(PointCommands.clientArgs(suite, spec, sh.address(), ready.port(),
                    Path.of(ch.workDir(), remoteDir, "instance-" + i), planned.id(), cores(ch), suite.warmupTime(),
                    suite.measureTime()));
                argv.addAll(List.of("--instance-index", Integer.toString(i), "--instance-count",
                    Integer.toString(hosts.instances()), "--start-at", Long.toString(startAt)));
                clients.add(ssh.start(ch, argv, local.resolve("client.log"), line ->
                {
                }));
            }
            return await();
        }

        /** Starts the server and waits for its readiness line: null when it is ready, else why not. */
        private String startServer(final Host sh) throws IOException, InterruptedException,
            Cancellation.CancelledException
        {
            final String serverDir = sh.workDir() + "/" + remoteDir + "/server";
            ssh.run(sh, List.of("mkdir", "-p", serverDir), COMMAND_LIMIT);
            touched.add(sh);
            final List<String> argv = catalogOf(sh).measured(spec.variant(), pin(sh), Path.of(serverDir, "gc.log"),
                cores(sh)).expand(PointCommands.serverFlags(suite, spec, sh.address(), 0, cores(sh)));
            try
            {
                final Started started = launch(argv, dir.resolve("server.log"));
                server = started.process();
                ready = started.ready();
                return null;
            }
            catch (final ServerNotReady e)
            {
                serverExit = e.exitStatus;
                return e.getMessage();
            }
        }

        /** Waits for every instance to exit: null when all exited 0, else the first thing that went wrong. */
        private String await() throws InterruptedException, Cancellation.CancelledException
        {
            final Duration limit = START_AHEAD.plus(suite.warmupTime()).plus(suite.measureTime())
                .plus(PointCommands.DRAIN).plus(PointRunner.CLIENT_SLACK);
            final long deadline = System.nanoTime() + limit.toNanos();
            while (true)
            {
                cancellation.check();
                if (!server.alive())
                {
                    return "the server " + server.describeEnd() + " during the run: " + server.outputTail(5);
                }
                boolean all = true;
                for (int i = 0; i < clients.size(); i++)
                {
                    final RemoteProcess c = clients.get(i);
                    if (c.alive())
                    {
                        all = false;
                    }
                    else if (c.exitStatus() == null || c.exitStatus() != 0)
                    {
                        clientExit = c.exitStatus();
                        return "load-client instance " + i + " of " + clients.size() + " on " + c.host().describe() +
                            " " + c.describeEnd() + " during the run: " + c.outputTail(5);
                    }
                }
                if (all)
                {
                    clientExit = 0;
                    return null;
                }
                if (System.nanoTime() > deadline)
                {
                    return "the load-client instances did not finish within " + Durations.human(limit) +
                        "; stopped";
                }
                Thread.sleep(POLL_MILLIS);
            }
        }

        /** Ends every process of the point still running: null when all are gone, else which may still run. */
        String stopAll()
        {
            final List<String> problems = new ArrayList<>();
            final List<RemoteProcess> all = new ArrayList<>(clients);
            if (server != null)
            {
                all.add(server);
            }
            for (final RemoteProcess p : all)
            {
                try
                {
                    p.stop();
                }
                catch (final IOException | RuntimeException e)
                {
                    problems.add("could not stop " + p.command().getFirst() + " on " + p.host().describe() +
                        " (it may still run there): " + e.getMessage());
                }
            }
            if (server != null)
            {
                serverExit = server.exitStatus();
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        }

        /** Fetches every instance's files and merges them into the point's folder: null when that worked. */
        String collect() throws IOException, InterruptedException
        {
            final List<String> merge = new ArrayList<>(localClient);
            merge.addAll(List.of("merge", "-o", dir.toString()));
            for (int i = 0; i < clients.size(); i++)
            {
                final Path local = dir.resolve("instances").resolve(Integer.toString(i));
                ssh.fetch(clients.get(i).host(), clients.get(i).host().workDir() + "/" + remoteDir + "/instance-" +
                    i, local);
                merge.add(local.resolve("latency.hlog").toString());
            }
            try
            {
                ssh.fetch(hosts.server(), hosts.server().workDir() + "/" + remoteDir + "/server",
                    dir.resolve("server"));
            }
            catch (final IOException e)
            {
                notes.add("the server's GC log was not fetched: " + e.getMessage());
            }
            Files.writeString(dir.resolve("merge.log"), BoundedCommand.run(merge, MERGE_LIMIT));
            return Files.isRegularFile(dir.resolve(ClientSummary.FILE)) ? null
                : "the instances' files were merged but gave no " + ClientSummary.FILE + " (merge.log)";
        }

        /** Removes the point's folders on its hosts; a host that cannot be reached keeps its files, noted. */
        void cleanRemote()
        {
            for (final Host h : touched)
            {
                try
                {
                    ssh.run(h, List.of("rm", "-rf", h.workDir() + "/" + remoteDir), COMMAND_LIMIT);
                }
                catch (final IOException | RuntimeException e)
                {
                    notes.add("the point's files stay on " + h.describe() + ": " + e.getMessage());
                }
            }
        }

        PointResult result(final String failure)
        {
            final Host first = hosts.clientOf(0);
            return new PointResult(planned.id(), planned.seq(), planned.repetition(), spec,
                catalog.implementation(spec.variant()), failure == null ? PointStatus.OK : PointStatus.FAILED,
                failure, List.copyOf(notes), startedAt, Instant.now().toString(),
                hosts.server().cpus() == null ? null : hosts.server().cpuList(),
                first.cpus() == null ? null : first.cpuList(), cores.getOrDefault(hosts.server().describe(), 0),
                server == null ? null : server.command(), clients.isEmpty() ? null : clients.getFirst().command(),
                ready, serverExit, clientExit, null);
        }
    }
}
