package io.ioarena.harness.suite;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ioarena.contract.ContractJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Suite files as people write them: strictly, so a misspelt key ({@code "repetiton"}) is an error that names it
 * and lists the keys that exist, rather than a silent default.
 */
public final class SuiteFiles
{
    private static final ObjectReader STRICT = ContractJson.mapper().readerFor(Suite.class)
        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SuiteFiles()
    {
    }

    /**
     * The built-in suites, by the name {@code --suite} takes instead of a file. Any lower-case name is looked up as
     * {@code /suites/<name>.json} on the class path first, so a new file there is a built-in suite too; this list
     * names them in messages.
     */
    public static final List<String> BUILT_IN = List.of("default", "quick", "transports", "full", "fanout", "capacity",
        "connections", "soak");

    /**
     * A built-in suite by name, or a suite file: as given, else relative to the repository {@code root}.
     */
    public static Suite load(final String name, final Path root) throws IOException
    {
        if (name.matches("[a-z]+"))
        {
            try (InputStream in = SuiteFiles.class.getResourceAsStream("/suites/" + name + ".json"))
            {
                if (in != null)
                {
                    return read(in, name);
                }
            }
        }
        Path file = Path.of(name);
        if (!file.isAbsolute() && !Files.exists(file))
        {
            file = root.resolve(name);
        }
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("--suite " + name + ": no such file (built-in suites: " +
                String.join(", ", BUILT_IN) + ")");
        }
        try (InputStream in = Files.newInputStream(file))
        {
            return read(in, file.toString());
        }
    }

    /** @param source the file's name, for messages */
    public static Suite read(final InputStream in, final String source) throws IOException
    {
        try
        {
            return STRICT.readValue(in);
        }
        catch (final UnrecognizedPropertyException e)
        {
            throw new IllegalArgumentException("suite " + source + ": unknown key \"" + e.getPropertyName() + "\"" +
                where(e) + "; the known keys are " + known(e.getKnownPropertyIds()));
        }
        catch (final JsonMappingException e)
        {
            final Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException("suite " + source + ": " + (cause == e ? e.getOriginalMessage()
                : cause.getMessage()));
        }
    }

    /** Where the key was: at the top, or in which sweep or foreign server. */
    private static String where(final UnrecognizedPropertyException e)
    {
        final String path = e.getPath().stream().limit(e.getPath().size() - 1L).map(r -> r.getFieldName() != null
            ? r.getFieldName() : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
        return path.isEmpty() ? "" : " in " + path.replace(".[", "[");
    }

    private static String known(final Collection<Object> keys)
    {
        return keys.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }
}
