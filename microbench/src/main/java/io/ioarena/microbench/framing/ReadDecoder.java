package io.ioarena.microbench.framing;

/**
 * One framing implementation as a server drives it: fed one socket read at a time, it hands every payload completed
 * by that read to its {@link FrameSink}, and keeps the start of an incomplete frame for the next read.
 */
public interface ReadDecoder
{
    /**
     * One read: {@code bytes} are copied into the buffer this implementation's server reads into (that copy is
     * part of the cost measured), then decoded. {@code bytes} is not modified or kept.
     */
    void read(byte[] bytes) throws Exception;
}
