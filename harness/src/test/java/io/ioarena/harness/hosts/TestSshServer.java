package io.ioarena.harness.hosts;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;

/**
 * The SSH server of one stand-in host in the namespace test (Apache MINA SSHD, so CI needs no openssh-server):
 * {@code <address> <port> <host key file> <client key file>}. It lets in whoever holds the client key, runs exec
 * requests with {@code /bin/sh -c} as OpenSSH does, and serves SCP; prints {@code READY} once it listens.
 */
public final class TestSshServer
{
    private TestSshServer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final PublicKey allowed = publicKey(Path.of(args[3]));
        final SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(args[0]);
        sshd.setPort(Integer.parseInt(args[1]));
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(Path.of(args[2])));
        sshd.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(allowed, key));
        sshd.setCommandFactory(new ScpCommandFactory.Builder().withDelegate((channel, command) ->
            new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel)).build());
        sshd.start();
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }

    static PublicKey publicKey(final Path privateKey) throws Exception
    {
        for (final KeyPair kp : new FileKeyPairProvider(privateKey).loadKeys(null))
        {
            return kp.getPublic();
        }
        throw new IllegalArgumentException("no key in " + privateKey);
    }
}
