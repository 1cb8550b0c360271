package io.ioarena.microbench.framing;

/** Where a decoder hands each payload; the payload is valid only during the call. */
@FunctionalInterface
public interface FrameSink<F>
{
    void payload(F payload);
}
