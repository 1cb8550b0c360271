package io.ioarena.protocol.server;

import java.util.Map;

/**
 * Writes the readiness line's JSON object by hand, for the server side only (the harness parses it with Jackson).
 *
 * <p>Why not Jackson's {@code ObjectMapper}, as for every other file of the project: a server writes one line, and
 * the databind machinery it loads for that is about 500 classes and record introspection. Measured on the project's
 * 2-vCPU VMs with the gate's JVM flags, a Netty chat server's start to its readiness line took 1.03-1.08 s of CPU and
 * 0.89-0.97 s with Jackson, 0.86-0.91 s and 0.73-0.81 s without (4 interleaved pairs). The conformance gate starts 35
 * Java servers for the default suite, the suite ten more.
 *
 * <p>What a setting may hold is what {@link ReadyLine#settings()} documents: strings, numbers, booleans, and lists
 * and maps of them; anything else is refused rather than written in some form the harness could misread.
 */
final class ReadyJson
{
    private final StringBuilder out = new StringBuilder(1024);

    private ReadyJson()
    {
    }

    static String of(final ReadyLine line)
    {
        final ReadyJson json = new ReadyJson();
        json.out.append('{');
        json.member("protocol", line.protocol()).member("impl", line.impl()).member("variant", line.variant())
            .member("host", line.host()).member("port", line.port()).member("pid", line.pid())
            .member("service", line.service()).member("framing", line.framing())
            .member("eventLoops", line.eventLoops()).member("settings", line.settings());
        if (line.eventLoopThreads() != null)
        {
            json.member("eventLoopThreads", line.eventLoopThreads());
        }
        json.out.setLength(json.out.length() - 1); // the last member's comma
        return json.out.append('}').toString();
    }

    private ReadyJson member(final String name, final Object value)
    {
        string(name);
        out.append(':');
        value(value);
        out.append(',');
        return this;
    }

    private void value(final Object value)
    {
        switch (value)
        {
            case null -> out.append("null");
            case CharSequence s -> string(s);
            case Boolean b -> out.append(b.booleanValue());
            case Byte n -> out.append(n.intValue());
            case Short n -> out.append(n.intValue());
            case Integer n -> out.append(n.intValue());
            case Long n -> out.append(n.longValue());
            case Double d -> number(d);
            case Float f -> number(f.doubleValue());
            case Map<?, ?> m ->
            {
                out.append('{');
                m.forEach((k, v) ->
                {
                    string(String.valueOf(k));
                    out.append(':');
                    value(v);
                    out.append(',');
                });
                closeWith('{', '}');
            }
            case Iterable<?> items ->
            {
                out.append('[');
                items.forEach(v ->
                {
                    value(v);
                    out.append(',');
                });
                closeWith('[', ']');
            }
            default -> throw new IllegalArgumentException("a readiness-line setting must be a string, number, boolean, " +
                "list or map, not " + value.getClass().getName() + " (" + value + ")");
        }
    }

    /** Replaces the trailing comma of a non-empty object or array with its closing bracket. */
    private void closeWith(final char open, final char close)
    {
        if (out.charAt(out.length() - 1) == open)
        {
            out.append(close);
        }
        else
        {
            out.setCharAt(out.length() - 1, close);
        }
    }

    /** JSON has no NaN or infinity: those are written as strings, as Jackson does by default. */
    private void number(final double d)
    {
        if (Double.isFinite(d))
        {
            out.append(d);
        }
        else
        {
            string(Double.toString(d));
        }
    }

    /**
     * A JSON string, with everything outside printable ASCII escaped: the line goes through {@code System.out},
     * whose encoding is the locale's and may be ASCII.
     */
    private void string(final CharSequence s)
    {
        out.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20 || c > 0x7e)
                    {
                        final String hex = Integer.toHexString(c);
                        out.append("\\u").append("0000", hex.length(), 4).append(hex);
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
