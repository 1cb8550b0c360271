package io.ioarena.vertx;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * One accepted connection on its verticle's event loop: back-pressure, half-close and closing, the same for every
 * service. Subclasses say what to do with the inbound bytes. Every method runs on the connection's event loop.
 *
 * <p>Back-pressure is the Vert.x stream pattern ({@code streams.adoc}): after handling inbound bytes, if
 * {@link NetSocket#writeQueueFull()} the socket is paused, and its {@code drainHandler} resumes it. This is what
 * {@code socket.pipeTo(socket)} does inside; it is written out here because a pipe owns the socket's handlers and ends
 * only when Vert.x reports the socket closed, while PROTOCOL.md section 6 needs the client's FIN as its own event,
 * in order after the bytes that came before it. {@code setWriteQueueMaxSize(--high-water)} becomes Netty's
 * {@code WriteBufferWaterMark(high-water / 2, high-water)}: the protocol's pause and resume marks exactly.
 *
 * <p>Two things have no public Vert.x API and use {@link NetSocketInternal}: a FIN (Vert.x closes the connection on
 * FIN and drops what is still pending; with Netty's {@code ALLOW_HALF_CLOSURE} the FIN arrives as an event and the
 * connection stays writable), and closing at once (Vert.x's {@code close()} first writes everything pending, which a
 * client that does not read never lets finish).
 */
abstract class Connection
{
    protected final NetSocket socket;
    private final ChannelHandlerContext channel;
    private final Context context;
    private final ConnectionOwner owner;

    private boolean readPaused;
    private boolean inputEnded;
    private boolean closing;
    /** Inbound chunks handled so far: tells whether any were still queued behind a FIN. */
    private long chunksHandled;

    /** What a connection reports to the verticle that owns it. */
    interface ConnectionOwner
    {
        void connectionClosed(Connection connection);
    }

    Connection(final NetSocket socket, final Context context, final ConnectionOwner owner, final int highWater)
    {
        this.socket = socket;
        this.channel = ((NetSocketInternal)socket).channelHandlerContext();
        this.context = context;
        this.owner = owner;
        socket.setWriteQueueMaxSize(highWater);
    }

    /** Installs the handlers; called once, on the event loop, before the first read. */
    final void start()
    {
        channel.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        ((NetSocketInternal)socket).eventHandler(this::handleEvent);
        socket.exceptionHandler(error ->
        {
            // A reset or a failed write: Vert.x closes the channel itself and the close handler cleans up.
        });
        socket.closeHandler(closed ->
        {
            closing = true;
            onClosed();
            owner.connectionClosed(this);
        });
        watchOutbound();
        socket.handler(this::handleChunk);
    }

    /**
     * Whether the pending outbound bytes are over the high-water mark, checked after each read. By default Vert.x's
     * own measure, which turns true once the channel is over {@code setWriteQueueMaxSize} and 16 more writes have
     * queued behind it (Vert.x 5 counts its outbound queue in messages): bounded, but that much over the mark.
     */
    protected boolean outboundOverHighWater()
    {
        return socket.writeQueueFull();
    }

    /** Arranges for {@link #resumeReading()} once the pending bytes are down to half the high-water mark. */
    protected void watchOutbound()
    {
        socket.drainHandler(drained -> resumeReading());
    }

    /** Handles the bytes of one read; writes what they ask for. */
    protected abstract void onChunk(Buffer chunk);

    /**
     * The client sent FIN and every byte before it has been handled (an incomplete frame is dropped with the
     * reader). By default: send what is pending, then close.
     */
    protected void onInputEnded()
    {
        closeGracefully();
    }

    /** The connection is closed, for whatever reason; called once. */
    protected void onClosed()
    {
    }

    protected final boolean isClosing()
    {
        return closing;
    }

    /** Stops reading, sends what is pending (Vert.x flushes before it closes), then closes with a FIN. */
    final void closeGracefully()
    {
        if (!closing)
        {
            closing = true;
            socket.pause();
            socket.close();
        }
    }

    /**
     * Closes the connection now, dropping what is pending. Through the Netty context of Vert.x's own handler, as
     * Vert.x does for an idle timeout: that close skips the handler's flush-first close.
     */
    final void closeNow()
    {
        closing = true;
        channel.close();
    }

    private void handleChunk(final Buffer chunk)
    {
        if (closing)
        {
            return; // after an error frame, QUIT, FIN or shutdown nothing more is processed
        }
        chunksHandled++;
        onChunk(chunk);
        if (!readPaused && !closing && outboundOverHighWater())
        {
            readPaused = true;
            socket.pause();
        }
    }

    /** Resumes reading paused for back-pressure; the FIN, if it came meanwhile, is looked at again. */
    protected final void resumeReading()
    {
        if (readPaused && !closing)
        {
            readPaused = false;
            socket.resume();
            if (inputEnded)
            {
                awaitInputDrained();
            }
        }
    }

    private void handleEvent(final Object event)
    {
        if (event instanceof ChannelInputShutdownEvent)
        {
            inputEnded = true;
            awaitInputDrained();
        }
        else
        {
            ReferenceCountUtil.release(event); // what Vert.x does with events nobody handles
        }
    }

    /**
     * The FIN event overtakes bytes read before it that are still queued in Vert.x (the socket was paused for
     * back-pressure, or a resume's delivery is still scheduled). So the end of input is taken only once the
     * connection is reading and a turn of the event loop handled no further chunk: every queued delivery was
     * scheduled before that turn. Paused, it waits for the drain handler's resume, which calls this again.
     */
    private void awaitInputDrained()
    {
        if (readPaused || closing)
        {
            return;
        }
        final long seen = chunksHandled;
        context.runOnContext(turn ->
        {
            if (readPaused || closing)
            {
                return;
            }
            if (chunksHandled != seen)
            {
                awaitInputDrained();
            }
            else
            {
                onInputEnded();
            }
        });
    }
}
