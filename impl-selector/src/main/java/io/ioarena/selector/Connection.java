package io.ioarena.selector;

import io.ioarena.protocol.FrameDecoder;
import io.ioarena.protocol.FrameTooLargeException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One accepted connection: reading and framing, pending outbound bytes, back-pressure and closing. Subclasses answer
 * the frames of their service. Every method runs on the owning {@link Reactor}'s thread, the only thread that
 * touches the socket.
 */
abstract class Connection
{
    /** Reads per readiness event, like Netty's maxMessagesPerRead: other connections get their turn after. */
    static final int READ_BUDGET = 16;
    /** Write calls per flush, like Netty's writeSpinCount. */
    static final int WRITE_BUDGET = 16;

    final Reactor reactor;
    final ServerContext context;
    final SocketChannel channel;
    final Outbound outbound = new Outbound();

    private final FrameDecoder decoder;
    private final Inbound inbound;
    private final int highWater;
    private final int lowWater;
    private SelectionKey key;
    private int interestOps;
    private boolean readPaused;
    /** No more input is processed: the peer half-closed, an error or QUIT, or the server is stopping. */
    private boolean closing;
    private boolean closed;
    /** Queued on the reactor's flush list. */
    private boolean flushScheduled;

    Connection(final Reactor reactor, final ServerContext context, final SocketChannel channel)
    {
        this.reactor = reactor;
        this.context = context;
        this.channel = channel;
        this.decoder = context.framing.newDecoder(context.config.maxFrame());
        this.inbound = new Inbound(context.framing.frameLength(context.config.maxFrame()));
        this.highWater = context.config.highWater();
        this.lowWater = context.config.lowWater();
    }

    final void register(final SelectionKey key)
    {
        this.key = key;
        this.interestOps = key.interestOps();
    }

    final boolean isClosing()
    {
        return closing;
    }

    /** Handles a readiness event: writes first (to free memory), then reads. */
    final void onReady(final int readyOps)
    {
        try
        {
            if ((readyOps & SelectionKey.OP_WRITE) != 0)
            {
                outbound.writeTo(channel, WRITE_BUDGET);
            }
            if ((readyOps & SelectionKey.OP_READ) != 0)
            {
                read();
            }
            afterIo();
        }
        catch (final IOException e)
        {
            // Reset by the peer, or a broken pipe: drop the connection with everything pending (PROTOCOL.md 6).
            close();
        }
    }

    /** Sends what is pending now. */
    final void flush()
    {
        if (closed)
        {
            return;
        }
        try
        {
            outbound.writeTo(channel, WRITE_BUDGET);
            afterIo();
        }
        catch (final IOException e)
        {
            close();
        }
    }

    /** Flushes this connection at the end of the reactor's current loop, with whatever else is queued by then. */
    final void scheduleFlush()
    {
        if (!flushScheduled)
        {
            flushScheduled = true;
            reactor.scheduleFlush(this);
        }
    }

    /** The reactor's end-of-loop flush of a connection that {@link #scheduleFlush} put on its list. */
    final void scheduledFlush()
    {
        flushScheduled = false;
        if ((interestOps & SelectionKey.OP_WRITE) != 0)
        {
            // The socket was full at the last write and the selector will say when it drains: a write now would
            // most likely return 0, a system call for nothing (Netty's flush skips it the same way).
            afterIo();
            return;
        }
        flush();
    }

    /** The server is stopping: no more input, send what is pending, then close (PROTOCOL.md 6). */
    final void shutdown()
    {
        startClosing();
        flush();
    }

    /** Closes at once, dropping whatever is pending. Counts the connection closed, exactly once. */
    final void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (!closing)
        {
            closing = true;
            onClosing();
        }
        outbound.clear();
        if (key != null)
        {
            key.cancel();
        }
        try
        {
            channel.close();
        }
        catch (final IOException e)
        {
            // Nothing left to do for a socket that cannot even close.
        }
        context.counters.connectionClosed();
        reactor.connectionClosed(this);
    }

    final boolean isClosed()
    {
        return closed;
    }

    /** Queues {@code frame} for sending (taken over; see {@link Outbound#add}). */
    final void send(final ByteBuffer frame)
    {
        outbound.add(frame);
    }

    /** Sends {@code bytes}' remaining bytes: straight to the socket when nothing is queued, copying what it leaves. */
    final void sendNow(final ByteBuffer bytes) throws IOException
    {
        if (outbound.isEmpty())
        {
            channel.write(bytes);
        }
        outbound.addCopy(bytes);
    }

    /**
     * Stops processing input; the connection closes once everything pending is written. Called for QUIT, an error
     * that closes, the peer's FIN, and server shutdown.
     */
    final void startClosing()
    {
        if (!closing)
        {
            closing = true;
            inbound.discard();
            onClosing();
        }
    }

    /** Answers one complete frame {@code in[start, start+length)}; must not move {@code in}'s position or limit. */
    protected abstract void onFrame(ByteBuffer in, int start, int length) throws IOException;

    /**
     * Called after the complete frames {@code in[start, end)} of one read were passed to {@link #onFrame}, to answer
     * them together; {@code in}'s position is {@code end} and must be again on return.
     */
    protected abstract void onFrames(ByteBuffer in, int start, int end) throws IOException;

    /** The connection stops taking part in the service (it is closing or closed): leave chat rooms, say. */
    protected abstract void onClosing();

    private void read() throws IOException
    {
        final ByteBuffer shared = reactor.readBuffer();
        for (int reads = 0; reads < READ_BUDGET && !closing && !readPaused; reads++)
        {
            final ByteBuffer in = inbound.readTarget(shared);
            final int room = in.remaining();
            final int n = channel.read(in);
            if (n < 0)
            {
                // Half-close: every complete frame was answered as it arrived; an incomplete one is dropped.
                startClosing();
                return;
            }
            if (n == 0)
            {
                return;
            }
            in.flip();
            decode(in);
            if (closed)
            {
                return;
            }
            if (!closing)
            {
                inbound.keep(in);
            }
            if ((interestOps & SelectionKey.OP_WRITE) == 0)
            {
                // Try to write at once what these frames produced, unless the socket is known to be full.
                outbound.writeTo(channel, WRITE_BUDGET);
            }
            updateReadPause();
            if (n < room)
            {
                return; // the socket had no more for now: skip the read that would return 0
            }
        }
    }

    private void decode(final ByteBuffer in) throws IOException
    {
        final int start = in.position();
        boolean tooLarge = false;
        try
        {
            int length;
            while (!closing && (length = decoder.nextFrame(in)) > 0)
            {
                final int frameStart = in.position();
                in.position(frameStart + length);
                onFrame(in, frameStart, length);
            }
        }
        catch (final FrameTooLargeException e)
        {
            tooLarge = true;
        }
        if (closed)
        {
            return;
        }
        onFrames(in, start, in.position());
        if (tooLarge)
        {
            // After every frame before it was answered (PROTOCOL.md 2); nothing of the oversized frame is.
            send(context.frameTooLarge());
            startClosing();
        }
    }

    /** After I/O: close once a closing connection has sent everything; else update back-pressure and interest. */
    private void afterIo()
    {
        if (closed)
        {
            return;
        }
        if (closing && outbound.isEmpty())
        {
            close();
            return;
        }
        updateReadPause();
        final int ops = (closing || readPaused ? 0 : SelectionKey.OP_READ) |
            (outbound.isEmpty() ? 0 : SelectionKey.OP_WRITE);
        if (ops != interestOps)
        {
            key.interestOps(ops);
            interestOps = ops;
        }
    }

    /** Reading stops above the high-water mark and resumes at the low-water mark (PROTOCOL.md 3). */
    private void updateReadPause()
    {
        final long pending = outbound.pending();
        if (readPaused ? pending <= lowWater : pending > highWater)
        {
            readPaused = !readPaused;
        }
    }
}
