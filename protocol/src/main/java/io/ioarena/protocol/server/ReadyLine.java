package io.ioarena.protocol.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.Map;
import java.util.Optional;

/**
 * The readiness line of PROTOCOL.md section 8: {@code IOARENA-READY } and a JSON object, on one line of standard
 * output.
 *
 * @param settings         every knob in effect: the server flags, the implementation's own settings, the JVM.
 * @param eventLoopThreads optional: a regular expression that matches the kernel's names of the server's
 *                         event-loop threads (PROTOCOL.md section 8); null, and left out of the line, when the
 *                         server names none.
 */
public record ReadyLine(
    int protocol,
    String impl,
    String variant,
    String host,
    int port,
    long pid,
    String service,
    String framing,
    int eventLoops,
    Map<String, Object> settings,
    @JsonInclude(JsonInclude.Include.NON_NULL) String eventLoopThreads)
{
    public static final String PREFIX = "IOARENA-READY ";
    public static final int PROTOCOL_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.INDENT_OUTPUT, false);

    public String format()
    {
        try
        {
            return PREFIX + JSON.writeValueAsString(this);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalStateException("cannot write the readiness line", e);
        }
    }

    /** The readiness line in {@code line}, or empty if {@code line} is some other output. */
    public static Optional<ReadyLine> parse(final String line)
    {
        if (!line.startsWith(PREFIX))
        {
            return Optional.empty();
        }
        try
        {
            return Optional.of(JSON.readValue(line.substring(PREFIX.length()), ReadyLine.class));
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalArgumentException("malformed readiness line: " + line, e);
        }
    }
}
