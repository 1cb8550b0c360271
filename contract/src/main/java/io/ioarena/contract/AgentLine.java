package io.ioarena.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Optional;

/**
 * The load client's agent channel: one long-lived client process (started as {@code <client> agent}) runs every
 * point of a suite, so no point pays for a JVM start or measures a client whose JIT is still compiling. The harness
 * writes one {@link Request} line on the agent's standard input per run; the agent answers each with one
 * {@link Reply} line on its standard output, and exits at the end of its input.
 */
public final class AgentLine
{
    /** The client's subcommand that serves requests. */
    public static final String COMMAND = "agent";

    private static final ObjectMapper JSON = new ObjectMapper()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AgentLine()
    {
    }

    /**
     * Run the client once.
     *
     * @param command the client's command: {@link #RUN} or {@link #CHURN}.
     * @param args    that command's arguments, as on its command line.
     * @param log     the file the run's own output (what the command prints) goes to.
     */
    public record Request(String command, List<String> args, String log)
    {
        /** The client's message load ({@code run}), and its connection churn ({@code churn}). */
        public static final String RUN = "run";
        public static final String CHURN = "churn";

        public Request
        {
            if (!RUN.equals(command) && !CHURN.equals(command))
            {
                throw new IllegalArgumentException("an agent request's command must be " + RUN + " or " + CHURN +
                    ", got '" + command + "'");
            }
            args = List.copyOf(args);
        }

        public String format()
        {
            return line(this);
        }

        public static Request parse(final String line)
        {
            return read(line, Request.class);
        }
    }

    /**
     * How a run ended.
     *
     * @param exitStatus what {@code run} would have exited with as a process (0: it completed, flagged or not).
     * @param gcMillis   the full collection the agent ran before the run, so that no earlier run's garbage is
     *                   collected during this one's measured window (JMH's {@code -gc true}).
     */
    public record Reply(int exitStatus, double gcMillis)
    {
        public static final String PREFIX = "IOARENA-AGENT ";

        public String format()
        {
            return PREFIX + line(this);
        }

        /** The reply on a line of the agent's output, or empty for any other line. */
        public static Optional<Reply> parse(final String line)
        {
            return line.startsWith(PREFIX) ? Optional.of(read(line.substring(PREFIX.length()), Reply.class))
                : Optional.empty();
        }
    }

    private static String line(final Object value)
    {
        try
        {
            return JSON.writeValueAsString(value);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    private static <T> T read(final String line, final Class<T> type)
    {
        try
        {
            return JSON.readValue(line, type);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalArgumentException("not an agent " + type.getSimpleName().toLowerCase() + " line: " +
                line, e);
        }
    }
}
