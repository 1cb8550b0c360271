package io.ioarena.harness.hosts;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A process started on a host over SSH. The shell that runs it says its process id first and then becomes it
 * ({@code exec}), so the harness can end it by id, over a session of its own, even when the channel that started it
 * is gone: a dropped session must not leave a server or a client running on its host.
 */
public final class RemoteProcess
{
    private static final String PID_MARK = "IOARENA-REMOTE-PID";
    private static final Duration STARTED_WITHIN = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration KILL_LIMIT = Duration.ofSeconds(10);

    private final SshHosts hosts;
    private final Host host;
    private final List<String> argv;
    private final ChannelExec channel;
    private final LineSink output;
    private final long pid;

    private RemoteProcess(final SshHosts hosts, final Host host, final List<String> argv, final ChannelExec channel,
        final LineSink output, final long pid)
    {
        this.hosts = hosts;
        this.host = host;
        this.argv = argv;
        this.channel = channel;
        this.output = output;
        this.pid = pid;
    }

    static RemoteProcess start(final SshHosts hosts, final Host host, final List<String> argv, final Path log,
        final Consumer<String> listener) throws IOException
    {
        final CompletableFuture<Long> pid = new CompletableFuture<>();
        final LineSink sink = new LineSink(log, line ->
        {
            if (!pid.isDone() && line.startsWith(PID_MARK + " "))
            {
                pid.complete(Long.parseLong(line.substring(PID_MARK.length() + 1).trim()));
                return false;
            }
            listener.accept(line);
            return true;
        });
        final ChannelExec channel = hosts.exec(host, "echo " + PID_MARK + " $$; exec " + ShellWords.quote(argv));
        channel.setOut(sink);
        channel.open().verify(SshHosts.CONNECT_TIMEOUT);
        try
        {
            return new RemoteProcess(hosts, host, argv, channel, sink,
                pid.get(STARTED_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
        }
        catch (final TimeoutException | ExecutionException e)
        {
            channel.close(true);
            throw new IOException("no process id from " + host.describe() + " within " + STARTED_WITHIN.toSeconds()
                + " s of starting " + String.join(" ", argv) + ": " + String.join(" | ", sink.tail()));
        }
        catch (final InterruptedException e)
        {
            channel.close(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a process on " + host.describe(), e);
        }
    }

    public Host host()
    {
        return host;
    }

    public List<String> command()
    {
        return argv;
    }

    /** Whether it still runs, as far as its channel says. */
    public boolean alive()
    {
        return channel.getExitStatus() == null && channel.getExitSignal() == null && !channel.isClosed();
    }

    /** Its exit status once it exited by itself; null while it runs, or when its session dropped. */
    public Integer exitStatus()
    {
        return channel.getExitStatus();
    }

    /** How it ended, in words: exited with a status, killed by a signal, or its SSH session lost. */
    public String describeEnd()
    {
        if (channel.getExitStatus() != null)
        {
            return "exited with status " + channel.getExitStatus();
        }
        if (channel.getExitSignal() != null)
        {
            return "was killed by SIG" + channel.getExitSignal();
        }
        return channel.isClosed() ? "lost its SSH session to " + host.describe() : "is still running";
    }

    /** Waits up to {@code limit} for it to end by itself. */
    public boolean awaitEnd(final Duration limit)
    {
        channel.waitFor(EnumSet.of(ClientChannelEvent.EXIT_STATUS, ClientChannelEvent.EXIT_SIGNAL,
            ClientChannelEvent.CLOSED), limit.toMillis());
        return !alive();
    }

    /** The last lines it printed, joined for a message. */
    public String outputTail(final int lines)
    {
        final List<String> tail = output.tail();
        return String.join(" | ", tail.subList(Math.max(0, tail.size() - lines), tail.size()));
    }

    /**
     * Ends it: SIGTERM, then SIGKILL after {@link #STOP_GRACE}, sent by its process id over a fresh exec (which
     * reconnects when its own session dropped). A process that exited by itself is not signalled: its id may be
     * another's by now.
     *
     * @throws IOException when the host cannot be reached to end it: it may still run there
     */
    public void stop() throws IOException
    {
        try
        {
            if (channel.getExitStatus() != null || channel.getExitSignal() != null)
            {
                return;
            }
            signal("TERM");
            if (!awaitEnd(STOP_GRACE) || channel.isClosed() && channel.getExitStatus() == null)
            {
                signal("KILL");
            }
        }
        finally
        {
            channel.close(false).await(KILL_LIMIT.toMillis());
        }
    }

    /** Sends signal {@code name} to it; a process that is already gone is no error. */
    private void signal(final String name) throws IOException
    {
        hosts.run(host, List.of("sh", "-c", "kill -" + name + " \"$1\" 2>/dev/null || true", "kill", Long.toString(pid)),
            KILL_LIMIT);
    }
}
