package io.ioarena.harness.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The scripts and styles report.html inlines, so that it opens without a network: uPlot from the
 * {@code org.webjars.npm:uplot} jar on the class path (whatever version Maven resolved), and the report's own
 * {@code report.js} and {@code report.css}.
 */
public final class Assets
{
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private Assets()
    {
    }

    public static String uplotVersion()
    {
        try (InputStream in = loader().getResourceAsStream(UPLOT_POM))
        {
            if (in == null)
            {
                throw new IllegalStateException("the uPlot webjar (org.webjars.npm:uplot) is not on the class path");
            }
            final Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    public static String uplotScript()
    {
        return resource("META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.iife.min.js");
    }

    public static String uplotStyle()
    {
        return resource("META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.min.css");
    }

    public static String reportScript()
    {
        return resource("io/ioarena/harness/report/report.js");
    }

    public static String reportStyle()
    {
        return resource("io/ioarena/harness/report/report.css");
    }

    /** Catches every script error and console.error into the page; must run before any other script. */
    public static String errorTrap()
    {
        return resource("io/ioarena/harness/report/error-trap.js");
    }

    static String resource(final String name)
    {
        try (InputStream in = loader().getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static ClassLoader loader()
    {
        return Assets.class.getClassLoader();
    }
}
