package io.ioarena.load;

/**
 * The one source of time of a run, injected so that pacing can be tested against a fake clock. Values are
 * nanoseconds on an arbitrary origin, like {@link System#nanoTime()}; only differences mean anything.
 */
@FunctionalInterface
public interface NanoClock
{
    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
