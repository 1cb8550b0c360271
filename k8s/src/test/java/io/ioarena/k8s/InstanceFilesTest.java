package io.ioarena.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pod's entry script prints what {@link InstanceFiles} reads back, byte for byte. */
class InstanceFilesTest
{
    @TempDir
    Path tmp;

    @Test
    void theScriptsLinesGiveBackEveryFileAndTheClientsStatus() throws Exception
    {
        final byte[] big = new byte[50_000];
        new Random(7).nextBytes(big);
        Files.write(tmp.resolve("big.bin"), big);
        final Path out = Files.createDirectory(tmp.resolve("out"));
        final Path script = Path.of(System.getProperty("user.dir")).resolveSibling("scripts").resolve("lib")
            .resolve("k8s-instance.sh");
        final ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "sh", "-c",
            "echo the client says hello; printf 'a\\nb' > \"$IOARENA_OUT/latency.hlog\"; " +
                "cp '" + tmp.resolve("big.bin") + "' \"$IOARENA_OUT/big.bin\"; exit 3").redirectErrorStream(true);
        pb.environment().put(SuiteManifests.OUT_ENV, out.toString());
        final Process p = pb.start();
        final String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), "the client's status");
        final Map<String, byte[]> files = InstanceFiles.parse(log);
        assertEquals(2, files.size(), log);
        assertArrayEquals("a\nb".getBytes(StandardCharsets.UTF_8), files.get("latency.hlog"));
        assertArrayEquals(big, files.get("big.bin"));
        assertTrue(log.lines().allMatch(l -> l.length() <= InstanceFiles.PREFIX.length() + 2 + "big.bin".length() +
            InstanceFiles.CHUNK), "no line longer than a chunk");
        assertEquals("the client says hello\n", InstanceFiles.output(log));
    }

    @Test
    void linesFormattedHereParseBack()
    {
        final byte[] content = new byte[10_000];
        new Random(3).nextBytes(content);
        final String log = "x\n" + InstanceFiles.line("summary.json", content) + "y\n";
        assertArrayEquals(content, InstanceFiles.parse(log).get("summary.json"));
        assertFalse(InstanceFiles.output(log).contains(InstanceFiles.PREFIX));
    }

    @Test
    void aCutLogIsAnErrorNamingTheFile()
    {
        final String whole = InstanceFiles.line("latency.hlog", new byte[5000]);
        final String cut = whole.substring(0, whole.length() / 2) + "\n";
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InstanceFiles.parse(cut));
        assertTrue(e.getMessage().contains("latency.hlog"), e.getMessage());
    }
}
