package io.ioarena.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one JSON mapping of every file that crosses a process boundary (the client's summary, the harness's point
 * results and manifest) and the schema version those files carry. Readers check the version before they bind: a file
 * without one was written by this version before the field existed and is read as version 1; a newer one is refused
 * with a message that names both versions, since its fields may no longer mean what this build thinks.
 */
public final class ContractJson
{
    /** Raise it when a field changes meaning or goes away; adding a field keeps it. */
    public static final int SCHEMA_VERSION = 1;
    public static final String SCHEMA_VERSION_FIELD = "schemaVersion";

    /** Unknown fields are ignored, so a file with fields added later in the same version still reads. */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ContractJson()
    {
    }

    /** The mapping itself, for the harness's own files that have no schema (gate verdicts, the gate cache). */
    public static ObjectMapper mapper()
    {
        return MAPPER;
    }

    public static byte[] bytes(final Object value)
    {
        try
        {
            return MAPPER.writeValueAsBytes(value);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads {@code file} as a {@code type}, after checking its schema version. */
    public static <T> T read(final Path file, final Class<T> type) throws IOException
    {
        return bind(MAPPER.readTree(file.toFile()), type, file.toString());
    }

    /** Reads JSON text as a {@code type}, after checking its schema version; {@code source} names it in errors. */
    public static <T> T read(final String json, final Class<T> type, final String source) throws IOException
    {
        return bind(MAPPER.readTree(json), type, source);
    }

    private static <T> T bind(final JsonNode tree, final Class<T> type, final String source) throws IOException
    {
        final JsonNode version = tree.path(SCHEMA_VERSION_FIELD);
        if (!version.isMissingNode() && (!version.canConvertToInt() || version.asInt() > SCHEMA_VERSION))
        {
            throw new IOException(source + " has " + SCHEMA_VERSION_FIELD + " " + version + "; this build reads " +
                "schema version " + SCHEMA_VERSION + " (and files without the field, as version 1). Use the " +
                "ioarena version that wrote it.");
        }
        return MAPPER.treeToValue(tree, type);
    }
}
