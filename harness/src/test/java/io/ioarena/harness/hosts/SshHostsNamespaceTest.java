package io.ioarena.harness.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.harness.BenchMain;
import io.ioarena.harness.compare.CompareMain;
import io.ioarena.harness.run.Cancellation;
import io.ioarena.harness.run.ConformanceGate;
import io.ioarena.harness.run.JvmPolicy;
import io.ioarena.harness.run.RemotePoints;
import io.ioarena.harness.run.ServerCatalog;
import io.ioarena.harness.suite.Suite;
import io.ioarena.harness.suite.SuiteFiles;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.conformance.ConformanceCase;
import io.ioarena.protocol.conformance.ConformanceKit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A suite over SSH for real: two network namespaces stand in for a server host and a client host (their own
 * addresses on a LAN of their own, each with an SSH server), and the harness runs the real server and two real
 * load-client instances on them. Root only (ip netns); skipped, visibly, elsewhere. Also the faults: an instance
 * that dies, a host that cannot be reached, a session that drops; each a FAILED point with its reason, and no
 * process of the run left in either namespace.
 */
class SshHostsNamespaceTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final long SSHD_READY_SECONDS = 20;
    /** From an instance's start to the middle of its run: the common start is {@code START_AHEAD} away. */
    private static final long MID_RUN_MILLIS = 2_000;

    private static Path dir;
    private static Namespaces lan;
    private static String serverNs;
    private static String clientNs;
    private static final List<Process> sshds = new ArrayList<>();

    @BeforeAll
    static void hosts() throws Exception
    {
        final Optional<String> why = Namespaces.unavailable();
        if (why.isPresent())
        {
            System.out.println("SKIPPED SshHostsNamespaceTest: " + why.get());
        }
        Assumptions.assumeTrue(why.isEmpty(), () -> "network namespaces: " + why.orElseThrow());
        for (final String module : List.of("load-client", "impl-selector"))
        {
            final boolean built = Files.isRegularFile(REPO.resolve(module).resolve("target/runtime-classpath.txt"));
            if (!built)
            {
                System.out.println("SKIPPED SshHostsNamespaceTest: " + module + " is not packaged (mvn package)");
            }
            Assumptions.assumeTrue(built, module + " is not packaged");
        }
        dir = Files.createTempDirectory("ioarena-ssh-test");
        final KeyPair key = KeyUtils.generateKeyPair("ssh-rsa", 2048);
        try (OutputStream out = Files.newOutputStream(dir.resolve("id")))
        {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "ioarena-test", null, out);
        }
        lan = Namespaces.create();
        serverNs = lan.host("server", 2);
        clientNs = lan.host("client", 3);
        sshd(serverNs, lan.address(2));
        sshd(clientNs, lan.address(3));
    }

    @AfterAll
    static void cleanUp() throws Exception
    {
        for (final Process p : sshds)
        {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (lan != null)
        {
            lan.close();
        }
    }

    @Test
    @Timeout(120)
    void twoInstancesOnAnotherHostMergeIntoResultsThatReportAndCompareRead() throws Exception
    {
        final Run run = bench(hostsFile(lan.address(2)), "1s");
        assertEquals(0, run.status, run.out);
        final Path point = onlyPoint(run.results);
        final ClientSummary merged = ContractJson.read(point.resolve(ClientSummary.FILE), ClientSummary.class);
        final ClientSummary a = ContractJson.read(point.resolve("instances/0/summary.json"), ClientSummary.class);
        final ClientSummary b = ContractJson.read(point.resolve("instances/1/summary.json"), ClientSummary.class);
        assertTrue(a.sent() > 0 && b.sent() > 0, "both instances sent");
        assertEquals(a.sent() + b.sent(), merged.sent());
        assertEquals(a.received() + b.received(), merged.received());
        assertEquals(a.histograms().get("latency").count() + b.histograms().get("latency").count(),
            merged.histograms().get("latency").count());
        assertEquals(16, merged.connections().requested());
        // on a busy 2-core machine the instances may flag themselves: the merge must carry that, not hide it
        assertTrue(merged.flags().containsAll(a.flags()) && merged.flags().containsAll(b.flags()), merged.flags()
            + " has " + a.flags() + " and " + b.flags());
        assertEquals(a.valid() && b.valid() && merged.flags().isEmpty(), merged.valid());

        final JsonNode pointJson = JSON.readTree(point.resolve("point.json").toFile());
        assertEquals("OK", pointJson.get("status").asText());
        assertEquals(lan.address(2), pointJson.get("ready").get("host").asText());
        final JsonNode hosts = JSON.readTree(run.results.resolve("manifest.json").toFile()).get("environment")
            .get("hosts");
        assertEquals(2, hosts.size(), hosts.toString());
        hosts.forEach(h -> assertTrue(h.has("kernel") && h.has("javaVersion"), h.toString()));
        assertTrue(Files.readString(run.results.resolve("results.csv")).lines().count() == 2,
            "one header, one point");
        assertTrue(Files.isRegularFile(run.results.resolve("report.html")), run.out);
        final ByteArrayOutputStream compared = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(compared, true, StandardCharsets.UTF_8);
        assertEquals(0, CompareMain.run(new String[]{run.results.toString(), run.results.toString(), "--output-dir",
            dir.resolve("compare").toString()}, out, out), compared.toString(StandardCharsets.UTF_8));
        assertNothingLeft();
    }

    @Test
    @Timeout(120)
    void anInstanceThatDiesFailsThePointWithItsReason() throws Exception
    {
        final CompletableFuture<Long> killed = CompletableFuture.supplyAsync(() -> killInstance(1));
        final Run run = bench(hostsFile(lan.address(2)), "4s");
        assertTrue(killed.join() > 0, "instance 1 was found and killed");
        assertEquals(1, run.status, run.out);
        final JsonNode pointJson = JSON.readTree(onlyPoint(run.results).resolve("point.json").toFile());
        assertEquals("FAILED", pointJson.get("status").asText());
        final String reason = pointJson.get("reason").asText();
        assertTrue(reason.contains("load-client instance 1 of 2 on") && (reason.contains("exited with status 137")
            || reason.contains("SIGKILL")), reason);
        assertNothingLeft();
    }

    @Test
    @Timeout(120)
    void aHostThatCannotBeReachedFailsThePoint() throws Exception
    {
        final Run run = bench(hostsFile(lan.address(9)), "1s");
        assertEquals(1, run.status, run.out);
        final JsonNode pointJson = JSON.readTree(onlyPoint(run.results).resolve("point.json").toFile());
        assertEquals("FAILED", pointJson.get("status").asText());
        assertTrue(pointJson.get("reason").asText().contains("cannot reach root@" + lan.address(9) + ":22 over SSH"),
            pointJson.get("reason").asText());
        assertTrue(JSON.readTree(run.results.resolve("manifest.json").toFile()).get("environment").get("hosts")
            .get("root@" + lan.address(9) + ":22").has("unreachable"));
        assertNothingLeft();
    }

    @Test
    @Timeout(120)
    void aSessionThatDropsMidPointFailsItAndItsProcessesAreEnded() throws Exception
    {
        final Thread dropper = Thread.ofPlatform().start(() ->
        {
            try
            {
                awaitInstances();
                Namespaces.link(clientNs, false);
                Thread.sleep(5_000);
            }
            catch (final Exception e)
            {
                throw new IllegalStateException(e);
            }
            finally
            {
                try
                {
                    Namespaces.link(clientNs, true);
                }
                catch (final IOException e)
                {
                    e.printStackTrace();
                }
            }
        });
        final Run run = bench(hostsFile(lan.address(2)), "5s");
        dropper.join(30_000);
        assertEquals(1, run.status, run.out);
        final JsonNode pointJson = JSON.readTree(onlyPoint(run.results).resolve("point.json").toFile());
        assertEquals("FAILED", pointJson.get("status").asText());
        assertTrue(pointJson.get("reason").asText().contains("lost its SSH session to root@" + lan.address(3)),
            pointJson.get("reason").asText());
        assertNothingLeft();
    }

    @Test
    @Timeout(120)
    void theGateStartsItsServersOnTheServerHostAndChecksThemOverTheNetwork() throws Exception
    {
        final Suite suite;
        try (InputStream in = Files.newInputStream(suiteFile("1s")))
        {
            suite = SuiteFiles.read(in, "ssh");
        }
        final JvmPolicy policy = JvmPolicy.forThisJvm(suite.heap(), suite.gc());
        final HostsFile hosts = HostsFile.load(hostsFile(lan.address(2)));
        final List<ConformanceCase> cases = ConformanceKit.cases(Service.ECHO, Framing.LINE).subList(0, 3);
        final ConformanceGate.Verdict verdict;
        try (RemotePoints points = new RemotePoints(suite, hosts, new SshHosts(Path.of(hosts.knownHosts())), policy,
            new ServerCatalog(REPO, suite, policy), List.of(), new Cancellation(), "gate"))
        {
            verdict = new ConformanceGate().check("selector", points.gateLauncher("selector"), cases);
        }
        assertTrue(verdict.passed(), verdict.toString());
        assertEquals("selector on root@" + lan.address(2) + ":22", verdict.launcher());
        assertNothingLeft();
    }

    /** Only the SSH servers remain in the namespaces: every server and client of the run has ended. */
    private static void assertNothingLeft() throws Exception
    {
        for (final String ns : List.of(serverNs, clientNs))
        {
            List<Long> others = List.of();
            for (int i = 0; i < 50; i++)
            {
                others = Namespaces.pids(ns).stream().filter(pid -> sshds.stream().noneMatch(p -> p.pid() == pid))
                    .toList();
                if (others.isEmpty())
                {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(List.of(), others.stream().map(SshHostsNamespaceTest::commandOf).toList(),
                "processes left in " + ns);
        }
    }

    /** Kills load-client instance {@code index} in the client namespace a moment into its run: its pid. */
    private static long killInstance(final int index)
    {
        final long pid = awaitInstance(index);
        pause(MID_RUN_MILLIS);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pid;
    }

    /** Returns a moment after both instances have started. */
    private static void awaitInstances()
    {
        awaitInstance(0);
        awaitInstance(1);
        pause(MID_RUN_MILLIS);
    }

    private static void pause(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException e)
        {
            throw new IllegalStateException(e);
        }
    }

    private static long awaitInstance(final int index)
    {
        try
        {
            for (int i = 0; i < 600; i++)
            {
                for (final long pid : Namespaces.pids(clientNs))
                {
                    if (commandOf(pid).contains("--instance-index " + index + " "))
                    {
                        return pid;
                    }
                }
                Thread.sleep(50);
            }
        }
        catch (final IOException | InterruptedException e)
        {
            throw new IllegalStateException(e);
        }
        return -1;
    }

    private static String commandOf(final long pid)
    {
        try
        {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                StandardCharsets.UTF_8).replace('\0', ' ');
        }
        catch (final IOException e)
        {
            return "(pid " + pid + " gone)";
        }
    }

    private static void sshd(final String ns, final String address) throws Exception
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process p = new ProcessBuilder("ip", "netns", "exec", ns, java, "-Xshare:auto",
            "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), TestSshServer.class.getName(),
            address, "22", dir.resolve("hostkey-" + ns).toString(), dir.resolve("id").toString())
            .redirectErrorStream(true).start();
        sshds.add(p);
        final BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8));
        final CompletableFuture<String> ready = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                final StringBuilder seen = new StringBuilder();
                for (String line = out.readLine(); line != null; line = out.readLine())
                {
                    if (line.equals("READY"))
                    {
                        return "READY";
                    }
                    seen.append(line).append('\n');
                }
                return seen.toString();
            }
            catch (final IOException e)
            {
                return e.toString();
            }
        });
        final String said = ready.get(SSHD_READY_SECONDS, TimeUnit.SECONDS);
        assertEquals("READY", said, "the SSH server in " + ns);
        // the rest of its output (none expected) must not fill the pipe
        Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> { }));
    }

    private static Path hostsFile(final String serverAddress) throws IOException
    {
        final ObjectNode h = JSON.createObjectNode();
        h.set("server", host(serverAddress));
        h.putArray("clients").add(host(lan.address(3)));
        h.put("instances", 2);
        h.put("knownHosts", dir.resolve("known_hosts").toString());
        final Path file = Files.createTempFile(dir, "hosts", ".json");
        JSON.writeValue(file.toFile(), h);
        return file;
    }

    private static ObjectNode host(final String address)
    {
        final ObjectNode n = JSON.createObjectNode();
        n.put("address", address).put("user", "root").put("key", dir.resolve("id").toString())
            .put("java", Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .put("repo", REPO.toString()).put("workDir", dir.resolve("remote").toString());
        return n;
    }

    private record Run(int status, String out, Path results)
    {
    }

    private static Path suiteFile(final String duration) throws IOException
    {
        final Path suite = Files.createTempFile(dir, "suite", ".json");
        Files.writeString(suite, """
            {"label": "ssh", "servers": ["selector"],
             "sweeps": [{"name": "echo-rate", "workload": "echo", "framing": "line", "mode": "open",
                         "rates": [2000], "connections": [16], "sizes": [64]}],
             "repetitions": 1, "order": "shuffled", "seed": 1, "warmup": "500ms", "duration": "%s",
             "heap": "128m", "gc": "SerialGC", "readyTimeout": "30s", "conformance": false}
            """.formatted(duration));
        return suite;
    }

    private static Run bench(final Path hosts, final String duration) throws IOException
    {
        final Path suite = suiteFile(duration);
        final Path results = Files.createTempDirectory(dir, "results");
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        final int status = BenchMain.run(new String[]{"--suite", suite.toString(), "--hosts", hosts.toString(),
            "--repo-root", REPO.toString(), "--results-dir", results.toString(), "--no-gate-cache"}, out, out,
            new Cancellation());
        final String text = buf.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        try (Stream<Path> dirs = Files.list(results))
        {
            return new Run(status, text, dirs.filter(Files::isDirectory).findFirst().orElseThrow());
        }
    }

    private static Path onlyPoint(final Path results) throws IOException
    {
        try (Stream<Path> points = Files.list(results.resolve("points")))
        {
            final List<Path> all = points.toList();
            assertEquals(1, all.size(), all.toString());
            assertFalse(all.isEmpty());
            return all.getFirst();
        }
    }
}
