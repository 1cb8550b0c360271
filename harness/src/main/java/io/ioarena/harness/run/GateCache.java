package io.ioarena.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ioarena.harness.results.AtomicFiles;
import io.ioarena.protocol.conformance.ConformanceKit;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Passed gate verdicts, kept across suites so that the gate (about a minute per server) runs again only when
 * something it depends on changed. The key is a SHA-256 over the server's gate command and the name, size and
 * modification time of every file it names (class path folders and jars, scripts) and of the conformance kit's own
 * classes. A FAILED verdict is never reused.
 */
public final class GateCache
{
    private final Path dir;
    private final ObjectMapper json;

    public GateCache(final Path dir, final ObjectMapper json)
    {
        this.dir = dir;
        this.json = json;
    }

    public Optional<ConformanceGate.Verdict> get(final String server, final List<String> command)
    {
        final Path f = file(server, command);
        try
        {
            return Files.isRegularFile(f) ? Optional.of(json.readValue(f.toFile(), ConformanceGate.Verdict.class))
                : Optional.empty();
        }
        catch (final IOException e)
        {
            return Optional.empty();
        }
    }

    public void put(final List<String> command, final ConformanceGate.Verdict verdict) throws IOException
    {
        if (verdict.passed())
        {
            Files.createDirectories(dir);
            AtomicFiles.write(file(verdict.server(), command), json.writeValueAsBytes(verdict));
        }
    }

    private Path file(final String server, final List<String> command)
    {
        return dir.resolve(server + "-" + fingerprint(command) + ".json");
    }

    static String fingerprint(final List<String> command)
    {
        try
        {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (final String word : command)
            {
                sha.update(word.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                for (final String part : word.split(File.pathSeparator))
                {
                    final Path p = Path.of(part);
                    if (p.isAbsolute() && Files.exists(p))
                    {
                        digestTree(sha, p);
                    }
                }
            }
            digestTree(sha, Path.of(ConformanceKit.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        }
        catch (final NoSuchAlgorithmException | URISyntaxException | IOException e)
        {
            return "uncacheable-" + System.nanoTime();
        }
    }

    private static void digestTree(final MessageDigest sha, final Path root) throws IOException
    {
        try (Stream<Path> files = Files.walk(root))
        {
            for (final Path f : files.filter(Files::isRegularFile).sorted().toList())
            {
                sha.update(f.toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Long.toString(Files.size(f)).getBytes(StandardCharsets.US_ASCII));
                sha.update(Long.toString(Files.getLastModifiedTime(f).toMillis()).getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}
