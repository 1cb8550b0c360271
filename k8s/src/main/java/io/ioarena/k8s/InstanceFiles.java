package io.ioarena.k8s;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The files a client pod wrote, carried in its log: a finished pod's files cannot be read any more, its log can. After
 * the client exits, {@code scripts/lib/k8s-instance.sh} prints each file of {@code $IOARENA_OUT} gzipped and in
 * base64, cut into lines of at most 3,072 characters so that no runtime splits a line:
 *
 * <pre>IOARENA-FILE latency.hlog H4sIAAAAAAAAA+3...</pre>
 *
 * A file is the concatenation of its lines' chunks, in order; every other line of the log is the client's own
 * output. {@link #line} formats a line as the script does (the tests read the script's output with {@link #parse}).
 */
public final class InstanceFiles
{
    public static final String PREFIX = "IOARENA-FILE";
    public static final int CHUNK = 3072;
    private static final Pattern LINE = Pattern.compile("^" + PREFIX + " ([A-Za-z0-9._-]+) ([A-Za-z0-9+/=]+)$",
        Pattern.MULTILINE);

    private InstanceFiles()
    {
    }

    /** The file lines of {@code name}, as the script prints them. */
    public static String line(final String name, final byte[] content)
    {
        final String encoded = Base64.getEncoder().encodeToString(gzip(content));
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < encoded.length(); i += CHUNK)
        {
            out.append(PREFIX).append(' ').append(name).append(' ')
                .append(encoded, i, Math.min(encoded.length(), i + CHUNK)).append('\n');
        }
        return out.toString();
    }

    /** The files carried in {@code log}, by name; a file whose lines do not decode is an error naming it. */
    public static Map<String, byte[]> parse(final String log)
    {
        final Map<String, StringBuilder> chunks = new LinkedHashMap<>();
        final Matcher m = LINE.matcher(log);
        while (m.find())
        {
            chunks.computeIfAbsent(m.group(1), k -> new StringBuilder()).append(m.group(2));
        }
        final Map<String, byte[]> files = new LinkedHashMap<>();
        chunks.forEach((name, text) -> {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder()
                .decode(text.toString()))))
            {
                files.put(name, in.readAllBytes());
            }
            catch (final IOException | IllegalArgumentException e)
            {
                throw new IllegalArgumentException("the log's lines of " + name + " do not decode (" +
                    e.getMessage() + "): the pod's log was cut or mixed", e);
            }
        });
        return files;
    }

    /** The log without the file lines: the client's own output. */
    public static String output(final String log)
    {
        return LINE.matcher(log).replaceAll("").replaceAll("(?m)^\n", "");
    }

    private static byte[] gzip(final byte[] content)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes))
        {
            out.write(content);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
