package io.ioarena.harness.fakes;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in server process for harness tests: {@code FakeServer <mode> <pid-dir> <PROTOCOL.md flags...>}. It writes
 * its pid to {@code <pid-dir>/server-<pid>} so tests can check it is gone, then behaves as {@code mode} says:
 * {@code ok} listens, prints the readiness line and exits 0 on SIGTERM; {@code exit-after-<ms>} is ready, then
 * exits with status 3 after that long (a crash mid-run); {@code never-ready} prints other output and never the
 * readiness line.
 */
public final class FakeServer
{
    private FakeServer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String mode = args[0];
        Files.writeString(Path.of(args[1]).resolve("server-" + ProcessHandle.current().pid()), "");
        final List<String> flags = List.of(args).subList(2, args.length);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Runtime.getRuntime().halt(0)));
        if (mode.equals("never-ready"))
        {
            System.out.println("starting up, slowly...");
            Thread.sleep(600_000);
            return;
        }
        try (ServerSocket socket = new ServerSocket(0))
        {
            final String service = value(flags, "--service", "echo");
            final String framing = value(flags, "--framing", "line");
            System.out.println("IOARENA-READY {\"protocol\":1,\"impl\":\"fake\",\"variant\":\"fake-" + mode +
                "\",\"host\":\"127.0.0.1\",\"port\":" + socket.getLocalPort() + ",\"pid\":" +
                ProcessHandle.current().pid() + ",\"service\":\"" + service + "\",\"framing\":\"" + framing +
                "\",\"eventLoops\":" + value(flags, "--event-loops", "1") + ",\"settings\":{}}");
            System.out.flush();
            if (mode.startsWith("exit-after-"))
            {
                Thread.sleep(Long.parseLong(mode.substring("exit-after-".length())));
                System.out.println("fake crash");
                Runtime.getRuntime().halt(3);
            }
            Thread.sleep(600_000);
        }
    }

    private static String value(final List<String> flags, final String name, final String fallback)
    {
        final int i = flags.indexOf(name);
        return i >= 0 && i + 1 < flags.size() ? flags.get(i + 1) : fallback;
    }
}
