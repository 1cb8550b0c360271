package io.ioarena.k8s;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Kubernetes names and label values from the harness's ids ({@code netty-epoll_echo-rate_c16_s64_r5000_rep1}): lower
 * case, {@code [a-z0-9-]}, starting and ending with a letter or digit, at most 63 characters (a DNS label, which an
 * object's name, a Service's name and a label value may all be). A longer id keeps its start and ends in a hash of the
 * whole id, so two ids never share a name by being cut.
 */
public final class Names
{
    public static final int MAX = 63;
    private static final int HASH_CHARS = 8;

    private Names()
    {
    }

    public static String dns(final String id)
    {
        final String clean = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-")
            .replaceAll("^-|-$", "");
        if (clean.isEmpty())
        {
            throw new IllegalArgumentException("'" + id + "' has no letter or digit to name a Kubernetes object by");
        }
        if (clean.length() <= MAX)
        {
            return clean;
        }
        final CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        final String hash = HexFormat.of().toHexDigits((int) crc.getValue());
        return clean.substring(0, MAX - HASH_CHARS - 1).replaceAll("-$", "") + "-" + hash;
    }
}
