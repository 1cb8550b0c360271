package io.ioarena.protocol.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.Optional;

/**
 * The readiness line of PROTOCOL.md section 8: {@code IOARENA-READY } and a JSON object, on one line of standard
 * output.
 *
 * @param settings         every knob in effect: the server flags, the implementation's own settings, the JVM; each a
 *                         string, number, boolean, or a list or map of those.
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

    /** The line a server prints: written without Jackson, which a server would load for it alone ({@link ReadyJson}). */
    public String format()
    {
        return PREFIX + ReadyJson.of(this);
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
            return Optional.of(Reader.JSON.readValue(line.substring(PREFIX.length()), ReadyLine.class));
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalArgumentException("malformed readiness line: " + line, e);
        }
    }

    /** Jackson for the reading side (harness, kit), loaded only there. */
    private static final class Reader
    {
        static final ObjectMapper JSON = new ObjectMapper();
    }
}
