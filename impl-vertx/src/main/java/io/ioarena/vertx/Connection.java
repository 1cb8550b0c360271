package io.ioarena.vertx;

import io.ioarena.protocol.spi.ServerConfig;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * One accepted connection on its verticle's event loop: back-pressure, half-close and closing, the same for every
 * service. Subclasses say what to do with the inbound bytes. Every method runs on the connection's event loop.
 *
 * <p>Back-pressure (PROTOCOL.md section 3) counts the pending outbound bytes itself: {@link #send} adds a write's
 * size, the write's future (completed once Netty has handed the last byte to the socket, or failed) takes it off.
 * Vert.x has no such count: past Netty's water mark its writes wait in Vert.x's own queue, which counts messages,
 * and {@code writeQueueFull()} turns true only 16 messages later. Above the high-water mark, checked after each
 * read, the connection turns off the channel's {@code autoRead}, so Netty stops at the read it is in; at half the
 * mark it turns it back on. {@code NetSocket.pause()} is not enough: a paused Vert.x 5 socket keeps reading into its
 * own inbound queue (16 reads) and then into the connection's pending list (8 more, and every read of the current
 * read loop) before it turns {@code autoRead} off, several hundred KB to MB per connection.
 *
 * <p>Three things have no public Vert.x API and use {@link NetSocketInternal}: the channel's {@code autoRead}, a FIN
 * (Vert.x closes the connection on FIN and drops what is still pending; with Netty's {@code ALLOW_HALF_CLOSURE} the
 * FIN arrives as an event and the connection stays writable), and closing at once (Vert.x's {@code close()} first
 * writes everything pending, which a client that does not read never lets finish).
 */
abstract class Connection
{
    protected final NetSocket socket;
    /** The Netty context of Vert.x's own handler: writes and closes through it skip Vert.x's queue. */
    protected final ChannelHandlerContext channel;
    private final Context context;
    private final ConnectionOwner owner;
    private final int highWater;
    private final int lowWater;

    /** Bytes written and not yet handed to the socket: PROTOCOL.md's pending outbound bytes. */
    private long pendingOutbound;
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

    Connection(final NetSocket socket, final Context context, final ConnectionOwner owner, final ServerConfig config)
    {
        this.socket = socket;
        this.channel = ((NetSocketInternal)socket).channelHandlerContext();
        this.context = context;
        this.owner = owner;
        this.highWater = config.highWater();
        this.lowWater = config.lowWater();
        // Netty's water marks: past the high one Vert.x keeps further writes in its own queue.
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
        socket.handler(this::handleChunk);
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

    protected final long pendingOutbound()
    {
        return pendingOutbound;
    }

    /** Writes {@code frame}, counted as pending until the write completes. */
    protected final void send(final Buffer frame)
    {
        send(frame, null);
    }

    /** Writes {@code frame}, counted as pending until the write completes; then releases {@code held}, if any. */
    protected final void send(final Buffer frame, final ByteBuf held)
    {
        pendingOutbound += frame.length();
        write(frame, new Written(frame.length(), held));
    }

    /**
     * Hands {@code frame} to the socket and has {@code written} told once the socket took its last byte, or the write
     * failed. By default {@code NetSocket.write}, which flushes at once outside this socket's own read.
     */
    protected void write(final Buffer frame, final Written written)
    {
        socket.write(frame).onComplete(written);
    }

    /**
     * The end of one counted write, as a Vert.x completion handler or a Netty listener: one object per write, which
     * takes the write off the count and resumes reading at half the high-water mark.
     */
    protected final class Written implements Handler<AsyncResult<Void>>, GenericFutureListener<Future<Void>>
    {
        private final int size;
        private final ByteBuf held;

        private Written(final int size, final ByteBuf held)
        {
            this.size = size;
            this.held = held;
        }

        @Override
        public void handle(final AsyncResult<Void> result)
        {
            done();
        }

        @Override
        public void operationComplete(final Future<Void> future)
        {
            done();
        }

        private void done()
        {
            if (held != null)
            {
                held.release();
            }
            pendingOutbound -= size;
            if (pendingOutbound <= lowWater)
            {
                resumeReading();
            }
        }
    }

    /**
     * Stops reading, sends what is pending (Vert.x flushes before it closes), then closes with a FIN. The input is
     * shut down first: on io_uring with multishot poll off (VertxTransports), a close waits for the receive already in
     * flight, which completes only when more bytes come, so a peer that had sent everything after an error frame kept
     * a connection that never got its FIN (the kit's fuzz found it). shutdown(2) completes that receive at once.
     */
    final void closeGracefully()
    {
        if (!closing)
        {
            closing = true;
            socket.pause();
            if (!inputEnded && channel.channel() instanceof DuplexChannel duplex)
            {
                duplex.shutdownInput();
            }
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
        if (!readPaused && !closing && pendingOutbound > highWater)
        {
            // Netty checks autoRead before each further read of its read loop, so this read is the last one.
            readPaused = true;
            channel.channel().config().setAutoRead(false);
        }
    }

    /** Resumes reading paused for back-pressure; the FIN, if it came meanwhile, is looked at again. */
    private void resumeReading()
    {
        if (readPaused && !closing)
        {
            readPaused = false;
            channel.channel().config().setAutoRead(true);
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
     * The FIN event can come before bytes sent ahead of it are handled: while reading is paused for back-pressure
     * they wait in the kernel (except that on a peer's hang-up epoll reads on to the FIN regardless), and a chunk's
     * delivery may still be scheduled on the context. So the end of input is taken only once the connection is
     * reading and a turn of the event loop handled no further chunk. Paused, it waits for the resume at half the
     * high-water mark, which calls this again.
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
