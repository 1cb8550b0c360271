package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointProfilerTest
{
    /** The frame names async-profiler's flame graph page carries, in its constant pool. */
    private static final Pattern CPOOL = Pattern.compile("const cpool = \\[(.*?)\\];", Pattern.DOTALL);

    /** A selector server under a few thousand echoes, recorded through jcmd as a profiled point would be. */
    @Test
    void recordsAServerAndDrawsItsFlameGraphs(@TempDir final Path dir) throws Exception
    {
        final PointProfiler jfr = PointProfiler.of("jfr").orElseThrow();
        try (SelectorProcess server = SelectorProcess.start(List.of("-Xmx64m", "-XX:TieredStopAtLevel=1"), dir))
        {
            jfr.start(server.pid(), dir);
            try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.ready().port())))
            {
                final ByteBuffer reply = ByteBuffer.allocate(64);
                final ByteBuffer line = ByteBuffer.wrap(("x".repeat(63) + "\n").getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 20_000; i++)
                {
                    c.write(line.rewind());
                    reply.clear();
                    while (reply.hasRemaining() && c.read(reply) >= 0)
                    {
                        // the whole echo back before the next
                    }
                }
            }
            final List<String> written = jfr.stop(server.pid(), dir, "selector echo");
            assertEquals(List.of(PointProfiler.RECORDING, PointProfiler.CPU_FLAME_GRAPH,
                PointProfiler.ALLOCATION_FLAME_GRAPH), written);
        }
        assertTrue(Files.size(dir.resolve(PointProfiler.RECORDING)) > 0);
        final String cpu = Files.readString(dir.resolve(PointProfiler.CPU_FLAME_GRAPH));
        assertTrue(cpu.contains("selector echo: CPU"), "titled");
        final Matcher frames = CPOOL.matcher(cpu);
        assertTrue(frames.find(), "a flame graph page with its frames");
        System.out.println("CPU flame graph of 20,000 echoes: " + frames.group(1).split("\n").length + " frame names");
        assertTrue(frames.group(1).contains("sun/nio/ch") || frames.group(1).contains("sun.nio.ch"),
            "the server's NIO frames were sampled: " + frames.group(1));
    }

    @Test
    void anUnknownProfilerIsRefusedByName()
    {
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> PointProfiler.of("perf"));
        assertTrue(e.getMessage().contains("perf"), e.getMessage());
        assertTrue(PointProfiler.of("none").isEmpty());
    }
}
