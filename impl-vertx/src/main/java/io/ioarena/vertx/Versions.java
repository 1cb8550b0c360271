package io.ioarena.vertx;

import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;

/** The library versions actually loaded, for the readiness line. */
final class Versions
{
    private Versions()
    {
    }

    /** The version vertx-core was built as, from the file it ships for that purpose. */
    static String vertx()
    {
        try (InputStream in = Vertx.class.getResourceAsStream("/META-INF/vertx/vertx-version.txt"))
        {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every version among the Netty artifacts loaded: one value when Vert.x runs on the one Netty of the build (the
     * parent pom imports netty-bom before the Vert.x BOM, which would otherwise bring its own).
     */
    static String netty()
    {
        final Map<String, io.netty.util.Version> artifacts = io.netty.util.Version.identify();
        final TreeSet<String> versions = new TreeSet<>();
        artifacts.values().forEach(v -> versions.add(v.artifactVersion()));
        return String.join(",", versions);
    }
}
