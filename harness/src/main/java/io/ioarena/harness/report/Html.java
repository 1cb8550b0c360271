package io.ioarena.harness.report;

import java.nio.charset.StandardCharsets;

/**
 * The one place that escapes what the report and the compare page embed from outside (server names and commands,
 * failure reasons, flags, labels, notes, manifest fields, file names): one function per context it lands in. A results
 * folder may be hand-made or foreign, so none of it is trusted to be plain.
 */
public final class Html
{
    private Html()
    {
    }

    /** HTML text, and attribute values in double or single quotes: no character of it can start markup or end a value. */
    public static String esc(final Object value)
    {
        return replace(value == null ? "" : value.toString(), c -> switch (c)
        {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
        });
    }

    /**
     * JSON inside {@code <script type="application/json">}. Escaping only {@code </} is not enough: {@code <!--}
     * followed by {@code <script} puts the HTML parser into a state where the element's own {@code </script>} no
     * longer ends it, and the scripts after it are swallowed. So every {@code <}, {@code >} and {@code &} becomes a
     * JSON escape (they can only occur inside JSON strings, where {@code JSON.parse} reads the escape back), and so do
     * U+2028 and U+2029, which end a line in JavaScript source should the JSON ever be inlined as a literal.
     */
    public static String scriptJson(final String json)
    {
        return replace(json, c -> switch (c)
        {
            case '<' -> "\\u003c";
            case '>' -> "\\u003e";
            case '&' -> "\\u0026";
            case '\u2028' -> "\\u2028";
            case '\u2029' -> "\\u2029";
            default -> null;
        });
    }

    /**
     * An {@code href} to a file of the results folder, given relative to it: every byte but unreserved ones and the
     * {@code /} between segments is percent-encoded, so a file named {@code javascript:alert(1)} stays a relative path
     * (the {@code :} encoded, it cannot be a scheme) and the value needs no further escaping in an attribute.
     *
     * @throws IllegalArgumentException for an absolute path, which ({@code //host/...}) could leave the folder
     */
    public static String href(final String relative)
    {
        if (relative.startsWith("/"))
        {
            throw new IllegalArgumentException("not a path relative to the results folder: " + relative);
        }
        final StringBuilder b = new StringBuilder();
        for (final byte c : relative.getBytes(StandardCharsets.UTF_8))
        {
            final int u = c & 0xff;
            if (Character.isLetterOrDigit(u) && u < 128 || "/-_.~".indexOf(u) >= 0)
            {
                b.append((char) u);
            }
            else
            {
                b.append('%').append(String.format("%02X", u));
            }
        }
        return b.toString();
    }

    /** What a character becomes in a context; null to keep it. */
    private interface Escape
    {
        String of(char c);
    }

    private static String replace(final String s, final Escape escape)
    {
        final StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            final String e = escape.of(c);
            if (e == null)
            {
                b.append(c);
            }
            else
            {
                b.append(e);
            }
        }
        return b.toString();
    }
}
