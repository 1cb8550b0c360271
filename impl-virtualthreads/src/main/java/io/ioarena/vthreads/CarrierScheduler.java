package io.ioarena.vthreads;

import io.ioarena.protocol.spi.KernelThreadNames;

import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
    /**
     * The platform threads that run virtual threads and their I/O, by the names the JDK gives them: the scheduler's
     * carriers, {@code ForkJoinPool-<n>-worker-<m>} (this server makes no other numbered pool; the common pool is
     * {@code ForkJoinPool.commonPool-worker-<m>}), and the pollers that wake virtual threads blocked on sockets,
     * {@code MasterPoller} (JDK 22+, whose per-carrier pollers are virtual threads on the carriers) or
     * {@code Read-Poller}/{@code Write-Poller} (JDK 21's platform pollers).
     */
    static final String KERNEL_THREADS =
        KernelThreadNames.startingWith("ForkJoinPool-", "MasterPoller", "Read-Poller", "Write-Poller");
    /** JDK 24+; looked up by name because this module is compiled for JDK 21. */
    private static final String SCHEDULER_BEAN = "jdk.management.VirtualThreadSchedulerMXBean";

    private CarrierScheduler()
    {
    }

    /** Makes the carrier parallelism N where the JVM allows it; returns the settings that describe the outcome. */
    static Map<String, Object> matchParallelism(final int eventLoops)
    {
        final Map<String, Object> settings = new LinkedHashMap<>();
        final int inEffect;
        final Optional<Class<? extends PlatformManagedObject>> bean = schedulerBean();
        if (bean.isPresent())
        {
            inEffect = setThroughBean(bean.get(), eventLoops, settings);
        }
        else
        {
            // JDK 21 to 23: no scheduler bean, so the parallelism is whatever the JVM was started with.
            inEffect = Integer.getInteger(PARALLELISM_PROPERTY, Runtime.getRuntime().availableProcessors());
            settings.put("carrierParallelismSource", initialSource());
        }
        settings.put("carrierParallelism", inEffect);
        if (inEffect != eventLoops)
        {
            settings.put("carrierParallelismMismatch", "carrier parallelism is " + inEffect + ", not --event-loops " +
                eventLoops + ": launch the JVM with -D" + PARALLELISM_PROPERTY + "=" + eventLoops);
        }
        for (final String name : RUNTIME_PROPERTIES)
        {
            settings.put(name, System.getProperty(name, "default"));
        }
        return settings;
    }

    private static Optional<Class<? extends PlatformManagedObject>> schedulerBean()
    {
        try
        {
            return Optional.of(Class.forName(SCHEDULER_BEAN).asSubclass(PlatformManagedObject.class));
        }
        catch (final ClassNotFoundException e)
        {
            return Optional.empty();
        }
    }

    /** Sets the parallelism to N if it differs; returns the value in effect afterwards. */
    private static int setThroughBean(final Class<? extends PlatformManagedObject> beanType, final int eventLoops,
        final Map<String, Object> settings)
    {
        try
        {
            // The bean alone, not the platform MBean server: that one takes seconds to start on a busy machine.
            final Object bean = ManagementFactory.getPlatformMXBean(beanType);
            final int before = (Integer)beanType.getMethod("getParallelism").invoke(bean);
            if (before != eventLoops)
            {
                beanType.getMethod("setParallelism", int.class).invoke(bean, eventLoops);
            }
            settings.put("carrierParallelismSource", before == eventLoops ? initialSource() :
                "set to --event-loops through VirtualThreadSchedulerMXBean at start (was " + before + ")");
            return (Integer)beanType.getMethod("getParallelism").invoke(bean);
        }
        catch (final InvocationTargetException e)
        {
            throw new IllegalStateException("cannot set the virtual thread scheduler's parallelism to " + eventLoops,
                e.getCause());
        }
        catch (final ReflectiveOperationException e)
        {
            throw new IllegalStateException("cannot use " + SCHEDULER_BEAN, e);
        }
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
}
