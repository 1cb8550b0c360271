package io.ioarena.protocol.launch;

import io.ioarena.protocol.server.ReadyLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a server as a separate process: a command (a {@code java} line for our servers, anything for a foreign
 * one) followed by the PROTOCOL.md flags. Waits for the readiness line on standard output; keeps the process's
 * output (standard error merged) in a log file when one is given, and its last lines for error messages.
 */
public final class ProcessLauncher implements ServerLauncher
{
    private static final int TAIL_LINES = 40;

    private final List<String> command;
    private final Duration readyTimeout;
    private final Path logFile;

    /**
     * @param command      the program and its fixed arguments; the launch flags are appended.
     * @param readyTimeout how long to wait for the readiness line before the launch fails.
     * @param logFile      where the process's output goes, or null to keep only its tail in memory.
     */
    public ProcessLauncher(final List<String> command, final Duration readyTimeout, final Path logFile)
    {
        this.command = List.copyOf(command);
        this.readyTimeout = readyTimeout;
        this.logFile = logFile;
    }

    public ProcessLauncher withLogFile(final Path file)
    {
        return new ProcessLauncher(command, readyTimeout, file);
    }

    @Override
    public String describe()
    {
        return String.join(" ", command);
    }

    @Override
    public Launched launch(final List<String> args) throws Exception
    {
        final List<String> full = new ArrayList<>(command);
        full.addAll(args);
        final Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        final OutputPump pump = new OutputPump(process, logFile);
        pump.start();
        try
        {
            final ReadyLine ready = pump.ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Launched(process, pump, ready);
        }
        catch (final TimeoutException e)
        {
            destroy(process);
            throw new IOException("no readiness line within " + readyTimeout.toMillis() + " ms from: " +
                String.join(" ", full) + "\n--- last output ---\n" + pump.tail());
        }
        catch (final java.util.concurrent.ExecutionException e)
        {
            destroy(process);
            throw new IOException(e.getCause().getMessage() + " from: " + String.join(" ", full) +
                "\n--- last output ---\n" + pump.tail(), e.getCause());
        }
        catch (final InterruptedException e)
        {
            destroy(process);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    private static void destroy(final Process process) throws InterruptedException
    {
        ProcessTree.kill(process.toHandle());
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * A server process with the processes it started ({@link ProcessTree}): {@link #stop()} sends them SIGTERM and
     * waits; those that will not stop are killed. {@link #memoryBytes()} is their resident sets summed.
     */
    public static final class Launched implements LaunchedServer
    {
        private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

        private final Process process;
        private final OutputPump pump;
        private final ReadyLine ready;

        Launched(final Process process, final OutputPump pump, final ReadyLine ready)
        {
            this.process = process;
            this.pump = pump;
            this.ready = ready;
        }

        @Override
        public ReadyLine ready()
        {
            return ready;
        }

        public Process process()
        {
            return process;
        }

        /** The last lines the process printed. */
        public String outputTail()
        {
            return pump.tail();
        }

        @Override
        public OptionalLong memoryBytes()
        {
            final List<ProcessHandle> members = ProcessTree.members(process.toHandle());
            final OptionalLong root = members.isEmpty() ? OptionalLong.empty() : residentBytes(process.pid());
            // a child that ended since the listing holds no memory
            return root.isEmpty() ? root : OptionalLong.of(members.stream().skip(1)
                .mapToLong(m -> residentBytes(m.pid()).orElse(0)).sum() + root.getAsLong());
        }

        private static OptionalLong residentBytes(final long pid)
        {
            try
            {
                for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
                {
                    if (line.startsWith("VmRSS:"))
                    {
                        return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                    }
                }
            }
            catch (final IOException | NumberFormatException e)
            {
                return OptionalLong.empty();
            }
            return OptionalLong.empty();
        }

        @Override
        public OptionalInt exitStatus()
        {
            return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
        }

        @Override
        public void stop() throws InterruptedException
        {
            if (process.isAlive())
            {
                ProcessTree.stop(process.toHandle(), STOP_TIMEOUT);
                process.waitFor(10, TimeUnit.SECONDS);
            }
            pump.join(5000);
        }
    }

    /** Reads the process's output: finds the readiness line, copies every line to the log, keeps a tail. */
    static final class OutputPump extends Thread
    {
        final CompletableFuture<ReadyLine> ready = new CompletableFuture<>();
        private final Process process;
        private final Path logFile;
        private final Deque<String> tail = new ArrayDeque<>();

        OutputPump(final Process process, final Path logFile)
        {
            super("server-output-" + process.pid());
            setDaemon(true);
            this.process = process;
            this.logFile = logFile;
        }

        @Override
        public void run()
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer log = logFile == null ? Writer.nullWriter() : Files.newBufferedWriter(logFile))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    log.write(line);
                    log.write('\n');
                    log.flush();
                    remember(line);
                    if (!ready.isDone())
                    {
                        ReadyLine.parse(line).ifPresent(ready::complete);
                    }
                }
                ready.completeExceptionally(new IOException(
                    "the server exited with status " + process.waitFor() + " before it was ready"));
            }
            catch (final IOException e)
            {
                ready.completeExceptionally(new UncheckedIOException(e));
            }
            catch (final Throwable e)
            {
                // Whatever ends this thread must end the wait for readiness too, or the launch waits to its timeout.
                ready.completeExceptionally(e);
            }
        }

        private synchronized void remember(final String line)
        {
            if (tail.size() == TAIL_LINES)
            {
                tail.removeFirst();
            }
            tail.addLast(line);
        }

        synchronized String tail()
        {
            return String.join("\n", tail);
        }
    }
}
