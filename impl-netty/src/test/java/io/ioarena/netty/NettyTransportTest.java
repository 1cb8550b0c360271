package io.ioarena.netty;

import io.ioarena.protocol.server.ServerMain;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NettyTransportTest
{
    @Test
    void anUnavailableTransportFailsWithItsCause()
    {
        final Throwable cause = new UnsatisfiedLinkError("no netty_transport_native_epoll_x86_64 in java.library.path");
        final TransportUnavailableException e = assertThrows(TransportUnavailableException.class,
            () -> NettyTransport.requireAvailable("epoll", cause));
        assertSame(cause, e.getCause());
        assertTrue(e.getMessage().contains("epoll") && e.getMessage().contains("java.library.path"), e.getMessage());
        assertDoesNotThrow(() -> NettyTransport.requireAvailable("nio", null));
    }

    @Test
    void cliNamesAreTheVariantSuffixes()
    {
        assertEquals(List.of("nio", "epoll", "io_uring"), NettyTransport.cliNames());
        assertSame(NettyTransport.IO_URING, NettyTransport.fromCliName("io_uring"));
    }

    /**
     * The real path, in a fresh JVM where Netty's own switch makes the native transports unloadable: the server
     * exits with status 1 and prints the cause; it does not start on NIO instead.
     */
    @Test
    void aServerAskedForAnUnloadableNativeTransportExitsWithTheCause() throws Exception
    {
        for (final String transport : List.of("epoll", "io_uring"))
        {
            final Path output = Files.createTempFile("netty-no-native", ".log");
            try
            {
                final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), "-Dio.netty.transport.noNative=true",
                    ServerMain.class.getName(), "--impl", "netty", "--transport", transport)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS))
                {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("the server with --transport " + transport + " did not exit");
                }
                final String printed = read(output);
                assertEquals(ServerMain.EXIT_FAILED_TO_START, process.exitValue(), printed);
                assertTrue(printed.contains("the Netty " + transport + " transport cannot load") &&
                    printed.contains("io.netty.transport.noNative"), printed);
                assertTrue(!printed.contains("IOARENA-READY"), printed);
            }
            finally
            {
                Files.deleteIfExists(output);
            }
        }
    }

    private static String read(final Path file) throws IOException
    {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
