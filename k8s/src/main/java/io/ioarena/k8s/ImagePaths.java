package io.ioarena.k8s;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where this repository's build is inside the image (the Containerfile builds it at {@link #IMAGE_ROOT} with its
 * Maven repository at {@link #IMAGE_MAVEN_REPO}), so that the command lines the harness builds here, with this
 * checkout's class paths, become the same command lines in a pod. A class path entry outside this checkout and its
 * Maven repository has no place in the image and is an error that names it.
 *
 * @param localRoot      this checkout.
 * @param localMavenRepo the Maven repository its {@code target/runtime-classpath.txt} files point into.
 */
public record ImagePaths(Path localRoot, Path localMavenRepo)
{
    public static final String IMAGE_ROOT = "/ioarena";
    public static final String IMAGE_MAVEN_REPO = "/ioarena/.m2/repository";
    /** The feature version of the image's JDK (the Containerfile's base image); the JVM flags depend on it. */
    public static final int IMAGE_JAVA_MAJOR = 25;
    /** The image's {@code java}, on its PATH. */
    public static final String IMAGE_JAVA = "java";

    public ImagePaths
    {
        localRoot = localRoot.toAbsolutePath().normalize();
        localMavenRepo = localMavenRepo.toAbsolutePath().normalize();
    }

    /** Maven's default repository, or {@code -Dmaven.repo.local} when this JVM was given one. */
    public static Path defaultMavenRepo()
    {
        final String set = System.getProperty("maven.repo.local");
        return set != null ? Path.of(set) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The command with every class path ({@code -cp}'s value) and every path into this checkout as in the image. */
    public List<String> inImage(final List<String> words)
    {
        final List<String> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++)
        {
            final boolean classPath = i > 0 && (words.get(i - 1).equals("-cp") || words.get(i - 1).equals("-classpath"));
            out.add(classPath ? classPath(words.get(i)) : path(words.get(i)).orElse(words.get(i)));
        }
        return out;
    }

    private String classPath(final String value)
    {
        final List<String> entries = new ArrayList<>();
        for (final String entry : value.split(File.pathSeparator))
        {
            entries.add(path(entry).orElseThrow(() -> new IllegalStateException("class path entry " + entry +
                " is neither in " + localRoot + " nor in the Maven repository " + localMavenRepo +
                " (--maven-repo), so the image has no copy of it")));
        }
        return String.join(":", entries);
    }

    private Optional<String> path(final String word)
    {
        if (!word.startsWith("/"))
        {
            return Optional.empty();
        }
        final Path p = Path.of(word).normalize();
        if (p.startsWith(localMavenRepo))
        {
            return Optional.of(IMAGE_MAVEN_REPO + "/" + slashes(localMavenRepo.relativize(p)));
        }
        if (p.startsWith(localRoot))
        {
            return Optional.of(IMAGE_ROOT + (p.equals(localRoot) ? "" : "/" + slashes(localRoot.relativize(p))));
        }
        return Optional.empty();
    }

    private static String slashes(final Path relative)
    {
        return relative.toString().replace(File.separatorChar, '/');
    }
}
