package io.ioarena.harness.results;

import io.ioarena.contract.ContractJson;
import io.ioarena.contract.Versioned;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * A point's memory measurement ({@code points/<id>/memory.json}, the suite setting {@code memoryProbe}): the server
 * read just before a memory run of the point's load and again while that run held its connections, so the
 * difference is what the connections cost. A run of its own, after the measured window, because a reading forces
 * a full collection, which would stop the server inside a measured window.
 *
 * @param connections the connections the server held at the second reading.
 * @param before      the server before the memory run connected.
 * @param during      the server holding the connections, mid-run.
 */
public record MemoryUse(int connections, MemoryReading before, MemoryReading during) implements Versioned
{
    public static final String FILE = "memory.json";

    public static Optional<MemoryUse> read(final Path pointDir) throws IOException
    {
        final Path f = pointDir.resolve(FILE);
        return Files.isRegularFile(f) ? Optional.of(ContractJson.read(f, MemoryUse.class)) : Optional.empty();
    }

    /** KB per connection of one measure: its growth from before to during, over the connections; null without it. */
    public Double kbPerConnection(final Function<MemoryReading, Long> measure)
    {
        final Long b = measure.apply(before);
        final Long d = measure.apply(during);
        return b == null || d == null || connections <= 0 ? null : (d - b) / 1024.0 / connections;
    }
}
