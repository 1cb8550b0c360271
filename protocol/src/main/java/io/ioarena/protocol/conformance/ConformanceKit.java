package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.launch.LaunchedServer;
import io.ioarena.protocol.launch.ProcessLauncher;
import io.ioarena.protocol.launch.ServerLauncher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a server implements PROTOCOL.md: every case, for every service and framing, against servers
 * started by a {@link ServerLauncher} and spoken to over TCP only, so the same kit gates a server in this JVM, one of
 * ours in a fresh JVM, or a foreign one. Cases with the same server flags share one server; a server is stopped
 * after the last case that uses it. A case that stops its server itself (graceful shutdown) is that last case: the
 * kit runs such cases after the others. A server launch is the gate's largest cost, and graceful shutdown had a
 * server of its own for each service until it was measured (2026-12-05: 10 of the default gate's 45 Java server
 * launches, about 0.9 s of CPU each on 2 vCPUs).
 *
 * <p>Run {@code main} to gate any server process: {@code ConformanceKit <command...>}, where the command starts the
 * server and takes the PROTOCOL.md flags after it. Exit status 0 when every case passed.
 */
public final class ConformanceKit implements AutoCloseable
{
    /** No case may take longer than this; a server that hangs fails the case instead of the whole run. */
    static final Duration CASE_TIMEOUT = Duration.ofSeconds(90);

    private final ServerLauncher launcher;
    private final List<ConformanceCase> cases;
    private final Map<List<String>, LaunchedServer> servers = new HashMap<>();
    private final Map<List<String>, Integer> remainingUses = new HashMap<>();

    public ConformanceKit(final ServerLauncher launcher)
    {
        this(launcher, allCases());
    }

    public ConformanceKit(final ServerLauncher launcher, final List<ConformanceCase> cases)
    {
        this.launcher = launcher;
        // a stable sort: the others keep their order
        this.cases = cases.stream().sorted(Comparator.comparing(ConformanceCase::stopsServer)).toList();
        this.cases.forEach(c -> remainingUses.merge(c.launchArgs(), 1, Integer::sum));
    }

    /** Every case of the kit, for every valid service and framing. */
    public static List<ConformanceCase> allCases()
    {
        final List<ConformanceCase> all = new ArrayList<>();
        for (final Service s : Service.values())
        {
            for (final Framing f : Framing.values())
            {
                if (s.supports(f))
                {
                    all.addAll(cases(s, f));
                }
            }
        }
        return all;
    }

    /** The cases for one service and framing. */
    public static List<ConformanceCase> cases(final Service s, final Framing f)
    {
        final List<ConformanceCase> cases = new ArrayList<>(CommonCases.cases(s, f));
        cases.addAll(s == Service.ECHO ? EchoCases.cases(f) : ChatCases.cases(f));
        cases.addAll(FuzzCases.cases(s, f));
        return cases;
    }

    public List<ConformanceCase> cases()
    {
        return cases;
    }

    /** Runs every case in order; never throws for a failing server. */
    public List<CaseResult> runAll()
    {
        try
        {
            final List<CaseResult> results = new ArrayList<>();
            for (final ConformanceCase c : cases)
            {
                results.add(run(c));
            }
            return results;
        }
        finally
        {
            close();
        }
    }

    /** Runs one case (launching its server if needed) and reports, never throws for a failing server. */
    public CaseResult run(final ConformanceCase c)
    {
        final long start = System.nanoTime();
        try
        {
            final LaunchedServer target = serverFor(c);
            final CompletableFuture<Void> body = CompletableFuture.runAsync(() ->
            {
                try (CaseContext ctx = new CaseContext(target, c.service(), c.framing()))
                {
                    c.body().run(ctx);
                }
                catch (final Exception e)
                {
                    throw new CaseFailure(e);
                }
            }, runnable -> Thread.ofPlatform().daemon().name("kit-case").start(runnable));
            body.get(CASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return result(c, CaseResult.Status.PASSED, "", start);
        }
        catch (final ExecutionException e)
        {
            final Throwable cause = e.getCause() instanceof CaseFailure f ? f.getCause() : e.getCause();
            return result(c, CaseResult.Status.FAILED, describe(cause), start);
        }
        catch (final TimeoutException e)
        {
            return result(c, CaseResult.Status.FAILED, "did not finish within " + CASE_TIMEOUT.toSeconds() + " s",
                start);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return result(c, CaseResult.Status.FAILED, "interrupted", start);
        }
        catch (final Exception e)
        {
            return result(c, CaseResult.Status.FAILED, "the server could not be started: " + describe(e), start);
        }
        finally
        {
            release(c);
        }
    }

    private static String describe(final Throwable t)
    {
        return t instanceof AssertionError ? t.getMessage() : t.toString();
    }

    private LaunchedServer serverFor(final ConformanceCase c) throws Exception
    {
        LaunchedServer server = servers.get(c.launchArgs());
        if (server == null)
        {
            server = launcher.launch(c.launchArgs());
            servers.put(c.launchArgs(), server);
        }
        return server;
    }

    private void release(final ConformanceCase c)
    {
        // a stopped server serves no later case: one run after it anyway (run() called out of order) gets a new one
        if (remainingUses.merge(c.launchArgs(), -1, Integer::sum) <= 0 || c.stopsServer())
        {
            stopQuietly(servers.remove(c.launchArgs()));
        }
    }

    private static void stopQuietly(final LaunchedServer server)
    {
        if (server != null)
        {
            try
            {
                server.stop();
            }
            catch (final Exception ignored)
            {
                // a server that cannot even stop has already failed its cases
            }
        }
    }

    private static CaseResult result(final ConformanceCase c, final CaseResult.Status status, final String detail,
        final long startNanos)
    {
        return new CaseResult(c.id(), status, detail, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /** Stops every server still running. */
    @Override
    public void close()
    {
        servers.values().forEach(ConformanceKit::stopQuietly);
        servers.clear();
    }

    private static final class CaseFailure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        CaseFailure(final Throwable cause)
        {
            super(cause);
        }
    }

    public static void main(final String[] args)
    {
        if (args.length == 0 || args[0].equals("--help"))
        {
            System.out.println("Usage: ConformanceKit <server command...>");
            System.out.println("Starts the server command with the PROTOCOL.md flags appended for each case, waits for");
            System.out.println("its IOARENA-READY line, and runs every conformance case against it over TCP.");
            System.out.println("Exit status: 0 when every case passed, 1 otherwise, 2 for a usage error.");
            System.out.println("The fuzz cases take -D" + FuzzSettings.SEED_PROPERTY + "=<seed> (replay; default " +
                "random) and -D" + FuzzSettings.OPERATIONS_PROPERTY + "=<n> (default " + FuzzSettings.DEFAULT_OPERATIONS +
                "), given to the java running the kit.");
            System.exit(args.length == 0 ? 2 : 0);
        }
        final FuzzSettings fuzz;
        try
        {
            fuzz = FuzzSettings.fromSystemProperties();
        }
        catch (final IllegalArgumentException e)
        {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("fuzz: " + fuzz);
        final ServerLauncher launcher = new ProcessLauncher(Arrays.asList(args), Duration.ofSeconds(30), null);
        final List<CaseResult> results = new ConformanceKit(launcher).runAll();
        results.forEach(System.out::println);
        final long failed = results.stream().filter(r -> !r.passed()).count();
        System.out.println((results.size() - failed) + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
