package io.ioarena.protocol;

/** A frame over the maximum frame size arrived: the connection gets {@code ERR FRAME_TOO_LARGE} and is closed. */
public final class FrameTooLargeException extends Exception
{
    private static final long serialVersionUID = 1L;

    public FrameTooLargeException(final long frameLength, final int maxFrame)
    {
        super("frame of " + (frameLength < 0 ? "more than " + maxFrame : Long.toString(frameLength)) +
            " payload bytes is over --max-frame " + maxFrame, null, false, false);
    }
}
