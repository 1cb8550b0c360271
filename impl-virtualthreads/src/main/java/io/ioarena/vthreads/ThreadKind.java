package io.ioarena.vthreads;

import java.util.Locale;

/**
 * The {@code --thread-kind} option: the same blocking code runs on virtual threads, or on platform threads as the classic
 * thread-per-connection baseline.
 */
enum ThreadKind
{
    VIRTUAL, PLATFORM;

    String cliName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    static ThreadKind fromCliName(final String name)
    {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /**
     * A builder for threads of this kind named {@code prefix0}, {@code prefix1}, ... Platform threads are daemons, as
     * virtual threads always are, so that a server that was never stopped does not keep its JVM alive.
     */
    Thread.Builder builder(final String prefix)
    {
        return switch (this)
        {
            case VIRTUAL -> Thread.ofVirtual().name(prefix, 0);
            case PLATFORM -> Thread.ofPlatform().daemon(true).name(prefix, 0);
        };
    }
}
