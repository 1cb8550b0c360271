package io.ioarena.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.ioarena.harness.results.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Manifests on disk: one YAML file per object, numbered in the order they are applied
 * ({@code 000-configmap-<name>.yaml}), each written whole or not at all, so that {@code kubectl apply -f DIR} applies
 * them in that order.
 */
public final class ManifestFiles
{
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private ManifestFiles()
    {
    }

    /**
     * Writes {@code objects} into {@code dir}; returns the files written. A folder that already holds manifests is
     * refused: {@code kubectl apply -f} would apply an earlier render's leftovers with this one.
     */
    public static List<Path> write(final Path dir, final List<HasMetadata> objects) throws IOException
    {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir))
        {
            if (files.anyMatch(f -> f.getFileName().toString().endsWith(".yaml")))
            {
                throw new IllegalArgumentException("--out " + dir + " already holds manifests: empty it or choose " +
                    "another folder");
            }
        }
        final List<Path> files = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++)
        {
            final HasMetadata o = objects.get(i);
            final Path file = dir.resolve(String.format(Locale.ROOT, "%03d-%s-%s.yaml", i,
                o.getKind().toLowerCase(Locale.ROOT), o.getMetadata().getName()));
            AtomicFiles.write(file, YAML.asYaml(o));
            files.add(file);
        }
        return files;
    }

    /** The objects of every {@code .yaml} file in {@code dir}, in the files' order. */
    public static List<HasMetadata> read(final Path dir) throws IOException
    {
        final List<HasMetadata> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList())
            {
                try (InputStream in = Files.newInputStream(file))
                {
                    objects.add(YAML.unmarshal(in, HasMetadata.class));
                }
            }
        }
        return objects;
    }
}
