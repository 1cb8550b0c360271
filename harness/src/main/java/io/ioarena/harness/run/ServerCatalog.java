package io.ioarena.harness.run;

import io.ioarena.harness.suite.ForeignServer;
import io.ioarena.harness.suite.JavaVariant;
import io.ioarena.harness.suite.Suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a server name of the suite into a command line: a Java variant of this repository (its module's classes
 * and recorded runtime class path, the shared {@code ServerMain}, its {@code --impl} and option), or a foreign
 * server's template.
 */
public final class ServerCatalog
{
    /** Longest a foreign server's check (e.g. "python3 -c 'import asyncore'") may take before it counts as failed. */
    private static final Duration FOREIGN_CHECK_LIMIT = Duration.ofSeconds(30);
    public static final String SERVER_MAIN = "io.ioarena.protocol.server.ServerMain";
    public static final String CLIENT_MAIN = "io.ioarena.load.LoadClientMain";

    /**
     * Reads a module's recorded runtime class path ({@code target/runtime-classpath.txt}) where the module is built:
     * in this checkout, or in a host's over SSH.
     */
    public interface BuiltModules
    {
        /**
         * @throws IllegalStateException when the module is not built there; the message says how to build it
         */
        String recordedClassPath(String module, Path classes, Path recorded);
    }

    private final Path root;
    private final Map<String, ForeignServer> foreign;
    private final JvmPolicy policy;
    private final BuiltModules built;

    /** The catalog of this checkout, {@code root}. */
    public ServerCatalog(final Path root, final Suite suite, final JvmPolicy policy)
    {
        this(root, suite, policy, ServerCatalog::localClassPath);
    }

    /** The catalog of the checkout {@code root} wherever {@code built} reads it (a host's, over SSH). */
    public ServerCatalog(final Path root, final Suite suite, final JvmPolicy policy, final BuiltModules built)
    {
        this.root = root;
        this.foreign = suite.foreign();
        this.policy = policy;
        this.built = built;
    }

    public boolean isJava(final String server)
    {
        return JavaVariant.named(server).isPresent() && !foreign.containsKey(server);
    }

    /** The implementation a server belongs to ({@code netty} for {@code netty-epoll}); a foreign one is its own. */
    public String implementation(final String server)
    {
        return isJava(server) ? JavaVariant.named(server).orElseThrow().impl() : server;
    }

    /** Why a server cannot run here (not built, a foreign check failed), or empty when it can. */
    public Optional<String> unavailable(final String server)
    {
        if (isJava(server))
        {
            try
            {
                classPath(JavaVariant.named(server).orElseThrow().module());
                return Optional.empty();
            }
            catch (final IllegalStateException e)
            {
                return Optional.of(e.getMessage());
            }
        }
        final ForeignServer f = foreign.get(server);
        if (f.check() == null)
        {
            return Optional.empty();
        }
        try
        {
            final BoundedCommand.Result check = BoundedCommand.exec(CommandTemplate.parse(f.check(), root).words(),
                root, FOREIGN_CHECK_LIMIT);
            if (check.exitStatus() == 0)
            {
                return Optional.empty();
            }
            final String out = check.output().trim();
            final String lastLine = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
            return Optional.of((f.skipHint() == null ? "check '" + f.check() + "' failed" : f.skipHint()) +
                (lastLine.isEmpty() ? "" : " (" + lastLine + ")"));
        }
        catch (final IOException e)
        {
            return Optional.of((f.skipHint() == null ? "check '" + f.check() + "' failed" : f.skipHint()) + " (" +
                e.getMessage() + ")");
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking");
        }
    }

    /** The server command for a measured point, pinned to {@code cpus} (prefix may be empty). */
    public CommandTemplate measured(final String server, final List<String> pinPrefix, final Path gcLog,
        final int cores)
    {
        if (!isJava(server))
        {
            final List<String> words = new ArrayList<>(pinPrefix);
            words.addAll(CommandTemplate.parse(foreign.get(server).command(), root).words());
            return new CommandTemplate(words);
        }
        return java(server, pinPrefix, policy.serverFlags(gcLog, cores));
    }

    /** The server command for the conformance gate (unpinned, the gate's light JVM policy). */
    public CommandTemplate gate(final String server)
    {
        if (!isJava(server))
        {
            return CommandTemplate.parse(foreign.get(server).command(), root);
        }
        return java(server, List.of(), policy.gateFlags());
    }

    private CommandTemplate java(final String server, final List<String> prefix, final List<String> jvmFlags)
    {
        final JavaVariant v = JavaVariant.named(server).orElseThrow();
        final List<String> words = new ArrayList<>(prefix);
        words.add(policy.java());
        words.addAll(jvmFlags);
        words.add("-cp");
        words.add(classPath(v.module()));
        words.add(SERVER_MAIN);
        words.add("--impl");
        words.add(v.impl());
        words.addAll(v.options());
        words.add(CommandTemplate.FLAGS);
        return new CommandTemplate(words);
    }

    /** The load client command before its {@code run} arguments. */
    public List<String> client(final List<String> pinPrefix)
    {
        final List<String> words = new ArrayList<>(pinPrefix);
        words.add(policy.java());
        words.addAll(policy.clientFlags());
        words.add("-cp");
        words.add(classPath("load-client"));
        words.add(CLIENT_MAIN);
        return words;
    }

    /** A module's classes and its recorded runtime class path ({@code target/runtime-classpath.txt}). */
    String classPath(final String module)
    {
        final Path classes = root.resolve(module).resolve("target").resolve("classes");
        final String deps = built.recordedClassPath(module, classes,
            root.resolve(module).resolve("target").resolve("runtime-classpath.txt")).trim();
        return deps.isEmpty() ? classes.toString() : classes + java.io.File.pathSeparator + deps;
    }

    private static String localClassPath(final String module, final Path classes, final Path recorded)
    {
        if (!Files.isDirectory(classes) || !Files.isRegularFile(recorded))
        {
            throw new IllegalStateException(module + " is not built (no " + recorded + "): run 'mvn -DskipTests " +
                "package' first (scripts/bench does)");
        }
        try
        {
            return Files.readString(recorded);
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("cannot read " + recorded + ": " + e.getMessage(), e);
        }
    }
}
