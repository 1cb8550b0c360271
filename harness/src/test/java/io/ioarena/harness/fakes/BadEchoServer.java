package io.ioarena.harness.fakes;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;

/**
 * A non-conformant server for the gate test: it speaks enough to start (flags, readiness line) but echoes every
 * read without its last byte and then closes the connection, so every conformance case fails, and fails fast.
 */
public final class BadEchoServer
{
    private BadEchoServer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final List<String> flags = List.of(args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Runtime.getRuntime().halt(0)));
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()))
        {
            System.out.println("IOARENA-READY {\"protocol\":1,\"impl\":\"bad\",\"variant\":\"bad\",\"host\":" +
                "\"127.0.0.1\",\"port\":" + server.getLocalPort() + ",\"pid\":" + ProcessHandle.current().pid() +
                ",\"service\":\"" + value(flags, "--service", "echo") + "\",\"framing\":\"" +
                value(flags, "--framing", "line") +
                "\",\"eventLoops\":1,\"settings\":{}}");
            System.out.flush();
            while (true)
            {
                final Socket s = server.accept();
                Thread.ofVirtual().start(() -> dropLastByte(s));
            }
        }
    }

    private static void dropLastByte(final Socket s)
    {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream())
        {
            final byte[] buf = new byte[65536];
            final int n = in.read(buf);
            if (n > 1)
            {
                out.write(Arrays.copyOf(buf, n - 1));
            }
        }
        catch (final Exception e)
        {
            // the connection is closed either way
        }
    }

    private static String value(final List<String> flags, final String name, final String fallback)
    {
        final int i = flags.indexOf(name);
        return i >= 0 && i + 1 < flags.size() ? flags.get(i + 1) : fallback;
    }
}
