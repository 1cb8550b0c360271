package io.ioarena.harness.hosts;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.DefaultKnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.scp.client.ScpClient;
import org.apache.sshd.scp.client.ScpClientCreator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The hosts of a run, reached over SSH (Apache MINA SSHD): one session per host, opened when first needed and
 * again after it dropped. Commands go as argument lists ({@link ShellWords}), files come back by SCP. Sessions send
 * a heartbeat every {@link #HEARTBEAT}; one that goes unanswered {@link #MISSED_HEARTBEATS} times in a row is
 * closed, so that a host that vanished mid-point ends the point within seconds rather than at its time limit.
 */
public final class SshHosts implements AutoCloseable
{
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final int MISSED_HEARTBEATS = 3;

    private final SshClient client;
    private final Map<String, ClientSession> sessions = new HashMap<>();

    /** @param knownHosts checks the hosts' keys: a host not in it is added, one whose key changed is refused */
    public SshHosts(final Path knownHosts)
    {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new DefaultKnownHostsServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE, true,
            knownHosts));
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, HEARTBEAT);
        CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, HEARTBEAT);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, MISSED_HEARTBEATS);
        client.start();
    }

    /** The host's session, logged in; a new one when there was none or it closed. */
    synchronized ClientSession session(final Host host) throws IOException
    {
        final String key = host.describe();
        final ClientSession open = sessions.get(key);
        if (open != null && open.isOpen())
        {
            return open;
        }
        try
        {
            final ClientSession s = client.connect(host.user(), host.address(), host.sshPort())
                .verify(CONNECT_TIMEOUT).getSession();
            s.setKeyIdentityProvider(new FileKeyPairProvider(Path.of(host.key())));
            s.auth().verify(CONNECT_TIMEOUT);
            sessions.put(key, s);
            return s;
        }
        catch (final IOException | RuntimeException e)
        {
            throw new IOException("cannot reach " + key + " over SSH: " + e.getMessage(), e);
        }
    }

    /**
     * Starts {@code argv} on {@code host}, its output (standard error merged) going line by line to
     * {@code listener} and to {@code log} (may be null); returns once the process has started.
     */
    public RemoteProcess start(final Host host, final List<String> argv, final Path log,
        final Consumer<String> listener) throws IOException
    {
        return RemoteProcess.start(this, host, argv, log, listener);
    }

    ChannelExec exec(final Host host, final String command) throws IOException
    {
        final ChannelExec channel = session(host).createExecChannel(command);
        channel.setRedirectErrorStream(true);
        return channel;
    }

    /**
     * Runs {@code argv} on {@code host} to its end within {@code limit}; returns its output.
     *
     * @throws IOException when it cannot run, exits non-zero or outlasts the limit; the message names the host
     */
    public String run(final Host host, final List<String> argv, final Duration limit) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChannelExec channel = exec(host, ShellWords.quote(argv)))
        {
            channel.setOut(out);
            channel.open().verify(CONNECT_TIMEOUT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), limit.toMillis());
            final String text = out.toString(StandardCharsets.UTF_8);
            final Integer status = channel.getExitStatus();
            if (status == null || status != 0)
            {
                throw new IOException(String.join(" ", argv) + " on " + host.describe() + (status == null
                    ? " did not finish within " + limit.toSeconds() + " s" : " failed (exit " + status + ")") +
                    (text.isBlank() ? "" : ": " + text.strip()));
            }
            return text;
        }
    }

    /** Copies the folder {@code remoteDir} of {@code host}, recursively, into {@code localDir} (created). */
    public void fetch(final Host host, final String remoteDir, final Path localDir) throws IOException
    {
        Files.createDirectories(localDir);
        final ScpClient scp = ScpClientCreator.instance().createScpClient(session(host));
        try
        {
            scp.download(remoteDir + "/*", localDir, ScpClient.Option.Recursive, ScpClient.Option.TargetIsDirectory);
        }
        catch (final IOException e)
        {
            throw new IOException("cannot fetch " + remoteDir + " from " + host.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException
    {
        try
        {
            for (final ClientSession s : sessions.values())
            {
                s.close(true);
            }
        }
        finally
        {
            sessions.clear();
            client.stop();
        }
    }
}
