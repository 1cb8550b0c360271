package io.ioarena.harness.report;

/** Escaping for text and attribute values, and for JSON placed inside a script element. */
public final class Html
{
    private Html()
    {
    }

    public static String esc(final Object value)
    {
        final String s = value == null ? "" : value.toString();
        final StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** JSON inside {@code <script type="application/json">}: only {@code </} could end the element early. */
    public static String scriptJson(final String json)
    {
        return json.replace("</", "<\\/");
    }

    /** A relative link to a file of the results folder; each path segment is percent-encoded where needed. */
    public static String href(final String relative)
    {
        final StringBuilder b = new StringBuilder();
        for (final byte c : relative.getBytes(java.nio.charset.StandardCharsets.UTF_8))
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
}
