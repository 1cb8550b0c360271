package io.ioarena.vthreads;

import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The virtual thread scheduler's carrier parallelism: the {@code --event-loops} N of this model.
 *
 * <p>The JVM sizes the scheduler from {@code -Djdk.virtualThreadScheduler.parallelism} (default: available
 * processors) when the first virtual thread starts, so a launcher should pass that property with N. JDK 24 and later
 * can also change it afterwards through {@code jdk.management.VirtualThreadSchedulerMXBean}; when the parallelism in
 * effect differs from N and that bean exists, it is set to N. Either way the value actually in effect is reported,
 * and so is a mismatch that could not be fixed (JDK 21 to 23).
 */
final class CarrierScheduler
{
    static final String PARALLELISM_PROPERTY = "jdk.virtualThreadScheduler.parallelism";
    /** The properties that shape the virtual-thread runtime, reported as given or as {@code default}. */
    private static final String[] RUNTIME_PROPERTIES = {
        PARALLELISM_PROPERTY, "jdk.virtualThreadScheduler.maxPoolSize", "jdk.pollerMode", "jdk.readPollers",
        "jdk.writePollers", "jdk.trackAllThreads"};
    private static final String SCHEDULER_BEAN = "jdk.management:type=VirtualThreadScheduler";
    private static final String PARALLELISM_ATTRIBUTE = "Parallelism";

    private CarrierScheduler()
    {
    }

    /** Makes the carrier parallelism N where the JVM allows it; returns the settings that describe the outcome. */
    static Map<String, Object> matchParallelism(final int eventLoops)
    {
        final Map<String, Object> settings = new LinkedHashMap<>();
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try
        {
            final ObjectName bean = new ObjectName(SCHEDULER_BEAN);
            final int before = (Integer)server.getAttribute(bean, PARALLELISM_ATTRIBUTE);
            if (before != eventLoops)
            {
                server.setAttribute(bean, new Attribute(PARALLELISM_ATTRIBUTE, eventLoops));
            }
            final int now = (Integer)server.getAttribute(bean, PARALLELISM_ATTRIBUTE);
            settings.put("carrierParallelism", now);
            settings.put("carrierParallelismSource", before == eventLoops ? initialSource() :
                "set to --event-loops through VirtualThreadSchedulerMXBean at start (was " + before + ")");
            reportMismatch(settings, now, eventLoops);
        }
        catch (final InstanceNotFoundException e)
        {
            // JDK 21 to 23: no scheduler bean, so the parallelism is whatever the JVM was started with.
            final int inEffect = Integer.getInteger(PARALLELISM_PROPERTY, Runtime.getRuntime().availableProcessors());
            settings.put("carrierParallelism", inEffect);
            settings.put("carrierParallelismSource", initialSource());
            reportMismatch(settings, inEffect, eventLoops);
        }
        catch (final JMException | RuntimeException e)
        {
            throw new IllegalStateException("cannot read or set the virtual thread scheduler's parallelism", e);
        }
        settings.putAll(runtimeProperties());
        return settings;
    }

    /** What a platform-thread server reports: it has no carriers, and N does not apply to it. */
    static Map<String, Object> notApplicable()
    {
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("carrierParallelism", "n/a: one platform thread per connection, --event-loops does not apply");
        return settings;
    }

    private static String initialSource()
    {
        return System.getProperty(PARALLELISM_PROPERTY) != null ? "-D" + PARALLELISM_PROPERTY :
            "JVM default (available processors)";
    }

    private static void reportMismatch(final Map<String, Object> settings, final int inEffect, final int eventLoops)
    {
        if (inEffect != eventLoops)
        {
            settings.put("carrierParallelismMismatch", "carrier parallelism is " + inEffect + ", not --event-loops " +
                eventLoops + ": launch the JVM with -D" + PARALLELISM_PROPERTY + "=" + eventLoops);
        }
    }

    private static Map<String, Object> runtimeProperties()
    {
        final Map<String, Object> properties = new LinkedHashMap<>();
        for (final String name : RUNTIME_PROPERTIES)
        {
            properties.put(name, System.getProperty(name, "default"));
        }
        return properties;
    }
}
