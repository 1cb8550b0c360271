package io.ioarena.load;

import io.ioarena.contract.Mode;
import io.ioarena.contract.Tag;
import io.ioarena.protocol.FrameDecoder;
import io.ioarena.protocol.FrameTooLargeException;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One client connection, owned by one {@link ClientThread}: its plan, its buffers, the checks of every answer.
 * Sending: {@link #pump} encodes every message that is due into the thread's reused direct write buffer and writes
 * it; a message that is due while the socket is not writable (or while the tracking window is full) simply stays
 * due, keeping its intended time, and goes out as soon as possible, so no slot is ever skipped. Receiving:
 * {@link #onReadable} reads into the thread's read buffer, splits the stream into frames and hands each to
 * {@link #onFrame}. Nothing is allocated on either path.
 *
 * <p>The buffers are the thread's, not the connection's ({@link ThreadContext}): a connection gets its own only to
 * keep what the socket did not take of a write, or the start of a frame that a read split, the first time that
 * happens. An idle connection thus costs no buffer at all, where one of its own each way (64 KiB out, 128 KiB in)
 * bounded the client to about 40k connections in 8 GiB of direct memory.
 */
abstract class Connection
{
    enum State
    {
        CONNECTING, SETUP, READY, CLOSED
    }

    private static final byte[] ERR_PREFIX = "ERR ".getBytes(StandardCharsets.US_ASCII);
    /** Response time by phase: the warm-up's is kept under its own tag. */
    private static final int[] RESPONSE_SLOTS = ThreadRecorders.byPhase(Tag.WARMUP, Tag.LATENCY);
    private static final int[] SERVICE_SLOTS = ThreadRecorders.byPhase(null, Tag.SERVICE);
    private static final int[] SENDLAG_SLOTS = ThreadRecorders.byPhase(null, Tag.SENDLAG);

    final int id;
    final LoadConfig config;
    final Payload payload;
    final ThreadRecorders recorders;
    final ThreadStats stats;
    final SocketChannel channel;
    /** Whether this connection sends by the plan: every one but the idle ones of {@code --active-connections}. */
    final boolean carriesLoad;
    private final ThreadBuffers buffers;
    /** What the socket has not taken yet of a write, in write mode; null until a write was first left short. */
    private ByteBuffer unsent;
    /** The start of a frame that a read split, in write mode; null until a read first split one. */
    private ByteBuffer partial;
    final SequenceTracker tracker;
    private final Framing framing;
    private final FrameDecoder decoder;
    private final int frameLength;
    private final byte[] messagePrefix;
    /** Whether answers can be found by their expected length (echo in line framing); see {@link #nextFrame}. */
    private final boolean echoLineFastPath;
    /** The decoder has scanned part of a frame: it must see the rest, the fast path must not skip it. */
    private boolean decoderMidFrame;

    SelectionKey key;
    State state = State.CONNECTING;
    /** The peer closed or reset the connection during the run. */
    boolean disconnected;
    /** Answers on this connection that failed their checks; each stands for a message that is then unanswered. */
    private long corruptedHere;
    long connectStartNanos;
    RunTiming timing;
    private Schedule schedule;
    private int inFlight;
    /** Most bytes encoded per write: about what the socket's send buffer takes at once (see {@link #pump}). */
    private int batchLimit;

    Connection(final int id, final LoadConfig config, final ThreadContext context, final SocketChannel channel,
        final byte[] messagePrefix)
    {
        this.id = id;
        this.config = config;
        this.payload = context.payload();
        this.recorders = context.recorders();
        this.stats = context.stats();
        this.channel = channel;
        this.carriesLoad = config.mode() != Mode.OPEN || config.active().carries(id);
        this.buffers = context.buffers();
        this.framing = config.framing();
        this.messagePrefix = messagePrefix;
        this.frameLength = framing.frameLength(messagePrefix.length + config.size());
        this.echoLineFastPath = framing == Framing.LINE && config.workload() == Service.ECHO;
        this.decoder = framing == Framing.RAW ? null : framing.newDecoder(ThreadBuffers.maxInbound(config));
        this.tracker = new SequenceTracker(trackingWindow(config));
        this.batchLimit = buffers.write().capacity();
    }

    /**
     * Limits each batch of messages to what the kernel's send buffer takes, so that a message's send time is (close
     * to) when the socket really took it: if the socket takes only part of a batch, the rest of it waits in our
     * buffer with a send time that is too early, and this keeps that rest small.
     */
    final void limitBatchToSendBuffer(final int sendBufferBytes)
    {
        batchLimit = Math.min(buffers.write().capacity(), Math.max(frameLength, sendBufferBytes));
    }

    /**
     * The most messages one connection keeps in flight: ten seconds of an active connection's open-loop rate (enough
     * for a long server stall), or four times the closed-loop depth; between 1024 and 2^20 so memory stays bounded.
     */
    static int trackingWindow(final LoadConfig config)
    {
        final double wanted = config.mode() == Mode.OPEN
            ? config.rate() / config.active().active() * 10 : 4.0 * config.inFlight();
        return (int)Math.min(1 << 20, Math.max(1024, Math.ceil(wanted)));
    }

    /**
     * The run starts: from now on messages are due by the plan. The active connections share the open-loop plan as
     * if they were all the connections there are: the {@code k}-th of them is the plan's connection {@code k}.
     */
    void start(final RunTiming timing)
    {
        this.timing = timing;
        if (config.mode() == Mode.OPEN && carriesLoad)
        {
            final ActiveConnections active = config.active();
            schedule = Schedule.of(config.arrival(), timing.origin(), config.rate(), active.active(), active.index(id),
                config.seed());
        }
    }

    boolean isOpen()
    {
        return state != State.CLOSED;
    }

    /** The TCP connection is established: start the session (chat sends its setup commands). */
    abstract void onConnected(long now);

    /** Handles one complete frame whose payload is {@code in[at, at+length)}. */
    abstract void onFrame(ByteBuffer in, int at, int length, long now);

    /** Whether this connection has nothing more to do: nothing left to send by the plan, nothing unanswered. */
    boolean isIdle(final long now)
    {
        if (state != State.READY)
        {
            return true;
        }
        final boolean planDone = schedule != null ? schedule.intendedTime() >= timing.end() : now >= timing.end();
        return planDone && inFlight == 0 && !hasUnsent();
    }

    /**
     * When the next message is due: its intended time (open loop), {@code now} when the closed-loop pipeline has
     * room, or {@link Long#MAX_VALUE} when nothing can be sent until an answer or a writable socket arrives.
     */
    long nextDue(final long now)
    {
        // Unwritten bytes mean the socket is not taking more: new messages wait in the plan, not in our buffer,
        // so that the send time a message carries is the time it was really handed to the socket.
        return hasUnsent() ? Long.MAX_VALUE : planDue(now);
    }

    private long planDue(final long now)
    {
        if (!carriesLoad || state != State.READY || !tracker.canSend())
        {
            return Long.MAX_VALUE;
        }
        if (schedule != null)
        {
            final long intended = schedule.intendedTime();
            return timing.dueBeforeEnd(intended);
        }
        return now < timing.end() && inFlight < config.inFlight() ? now : Long.MAX_VALUE;
    }

    /** Sends every message due at {@code now}, unless the socket still has not taken the previous ones. */
    void pump(final long now)
    {
        if (timing == null || hasUnsent())
        {
            // Not started yet (chat setup replies are read before the run starts), or the socket is still busy.
            return;
        }
        final ByteBuffer out = buffers.write().clear();
        long due;
        while (out.position() + frameLength <= batchLimit && (due = planDue(now)) <= now)
        {
            final long seq = tracker.nextSequence();
            final long origin = timing.origin();
            if (framing == Framing.LENGTH)
            {
                out.putInt(messagePrefix.length + payload.size());
            }
            if (messagePrefix.length > 0)
            {
                out.put(messagePrefix);
            }
            final int at = out.position();
            payload.encode(out, at, id, seq, due - origin, now - origin);
            out.position(at + payload.size());
            if (framing == Framing.LINE)
            {
                out.put(Framing.NEWLINE);
            }
            tracker.sent();
            inFlight++;
            if (schedule != null)
            {
                schedule.advance();
            }
            // The phase is data here, not a branch: see RunTiming.phase.
            final int phase = timing.phase(due);
            stats.sent += phase;
            stats.warmupSent += 1 - phase;
            if (schedule != null)
            {
                recorders.record(SENDLAG_SLOTS[phase], now - due);
            }
            onSend(phase);
        }
        if (out.position() > 0)
        {
            write(out);
        }
    }

    /** A message of {@code phase} was sent (chat counts the copies it expects of measured ones). */
    void onSend(final int phase)
    {
    }

    /** Whether some of what was written is still waiting for the socket to take it. */
    final boolean hasUnsent()
    {
        return unsent != null && unsent.position() > 0;
    }

    /** Writes what is left of earlier writes (the socket became writable, or setup commands were queued). */
    final void flush()
    {
        if (unsent != null)
        {
            write(unsent);
        }
    }

    /**
     * Writes {@code pending} (in write mode: the thread's buffer just filled, or {@link #unsent}); keeps what the
     * socket did not take in {@link #unsent} and asks for OP_WRITE while some is left.
     */
    private void write(final ByteBuffer pending)
    {
        pending.flip();
        try
        {
            channel.write(pending);
        }
        catch (final IOException e)
        {
            pending.clear();
            disconnected();
            return;
        }
        if (pending == unsent)
        {
            unsent.compact();
        }
        else if (pending.hasRemaining())
        {
            unsent = buffers.keepUnsent(unsent, pending);
        }
        updateInterest();
    }

    final void updateInterest()
    {
        if (key == null || !key.isValid())
        {
            return;
        }
        final int ops = SelectionKey.OP_READ | (hasUnsent() ? SelectionKey.OP_WRITE : 0);
        if (key.interestOps() != ops)
        {
            key.interestOps(ops);
        }
    }

    void onReadable(final long readNanos)
    {
        // After a split frame, the rest of it is read behind its start; otherwise into the thread's buffer.
        final ByteBuffer in = partial != null && partial.position() > 0 ? partial : buffers.read().clear();
        final int n;
        try
        {
            n = channel.read(in);
        }
        catch (final IOException e)
        {
            disconnected();
            return;
        }
        if (n < 0)
        {
            disconnected();
            return;
        }
        stats.bytesRead += n;
        in.flip();
        try
        {
            int frame;
            while (state != State.CLOSED && (frame = nextFrame(in)) > 0)
            {
                final int start = in.position();
                onFrame(in, start + framing.headerLength(), frame - framing.headerLength() - framing.trailerLength(),
                    readNanos);
                in.position(start + frame);
            }
        }
        catch (final FrameTooLargeException e)
        {
            stats.corrupted++;
            in.clear();
            disconnected();
            return;
        }
        if (in == partial)
        {
            partial.compact();
        }
        else if (in.hasRemaining())
        {
            partial = buffers.keepUnread(partial, in);
        }
    }

    private int nextFrame(final ByteBuffer in) throws FrameTooLargeException
    {
        if (decoder == null)
        {
            // raw has no frames; the server returns our fixed-size messages byte for byte.
            return in.remaining() >= config.size() ? config.size() : 0;
        }
        // Echo in line framing: an answer is normally exactly one of our frames, so look at its last byte instead
        // of scanning every byte for the newline. A message holds no 0x0A, so an intact answer is found exactly as
        // a scan would find it; a damaged one fails its checks either way (it is counted as one corrupted frame).
        if (echoLineFastPath && !decoderMidFrame && in.remaining() >= frameLength
            && in.get(in.position() + frameLength - 1) == Framing.NEWLINE)
        {
            return frameLength;
        }
        final int frame = decoder.nextFrame(in);
        decoderMidFrame = frame == 0;
        return frame;
    }

    /**
     * Checks the message {@code in[at, at+length)} in place; counts a bad one as an error frame from the server
     * ({@code unexpected}) or as corrupted.
     */
    final boolean decodeMessage(final ByteBuffer in, final int at, final int length)
    {
        if (payload.decode(in, at, length))
        {
            return true;
        }
        if (startsWith(in, at, length, ERR_PREFIX))
        {
            stats.unexpected++;
        }
        else
        {
            corrupted();
        }
        return false;
    }

    /**
     * Chat: checks the delivery {@code MSG <room> c<sender> <message>} in {@code in[at, at+length)}, whose first
     * {@code prefixLength} bytes ({@code MSG <room> }) are known to name {@code room}: the sender's name, the message
     * (every check of {@link Payload}), and that the sender is a member of that room. Returns the sender's id, with
     * the payload decoded, or -1 after counting what failed.
     */
    final int deliverySender(final ByteBuffer in, final int at, final int length, final int prefixLength,
        final int room, final ChatRooms rooms)
    {
        int i = at + prefixLength;
        final int end = at + length;
        if (i >= end || in.get(i) != 'c')
        {
            corrupted();
            return -1;
        }
        i++;
        long sender = 0;
        final int digitsStart = i;
        while (i < end && in.get(i) >= '0' && in.get(i) <= '9' && i - digitsStart < 9)
        {
            sender = sender * 10 + (in.get(i) - '0');
            i++;
        }
        if (i == digitsStart || i >= end || in.get(i) != ' ')
        {
            corrupted();
            return -1;
        }
        if (!decodeMessage(in, i + 1, end - i - 1))
        {
            return -1;
        }
        final int senderId = payload.connectionId();
        if (senderId != sender || rooms.roomOf(senderId) != room || senderId >= config.connections())
        {
            corrupted();
            return -1;
        }
        return senderId;
    }

    final void corrupted()
    {
        stats.corrupted++;
        corruptedHere++;
    }

    /**
     * The answer to one of this connection's own messages (its echo, or its own chat delivery) arrived at
     * {@code now}; the payload holds its decoded fields. Returns whether it was recorded.
     */
    final boolean ownAnswer(final long now)
    {
        final int kind = tracker.answered(payload.sequence());
        if (kind == SequenceTracker.UNEXPECTED)
        {
            stats.unexpected++;
            return false;
        }
        if (kind == SequenceTracker.DUPLICATE)
        {
            stats.duplicated++;
            return false;
        }
        if (kind == SequenceTracker.REORDERED)
        {
            stats.reordered++;
        }
        inFlight--;
        final long intended = timing.origin() + payload.intendedNanos();
        final int phase = timing.phase(intended);
        recorders.record(RESPONSE_SLOTS[phase], now - intended);
        recorders.record(SERVICE_SLOTS[phase], now - (timing.origin() + payload.sentNanos()));
        stats.received += phase;
        stats.warmupReceived += 1 - phase;
        return true;
    }

    /** The peer closed or reset the connection during the run. */
    void disconnected()
    {
        if (state == State.CLOSED)
        {
            return;
        }
        stats.disconnects++;
        disconnected = true;
        close();
    }

    void close()
    {
        if (state == State.CLOSED)
        {
            return;
        }
        onClosed();
        state = State.CLOSED;
        if (key != null)
        {
            key.cancel();
        }
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // Closing: nothing left to do with this connection either way.
        }
    }

    /**
     * Chat: copies this connection is still owed (that this instance's senders sent it and that have not arrived),
     * which the run's drain waits for; 0 for echo. Read by its own thread, or once the senders have stopped.
     */
    long missingCopies()
    {
        return 0;
    }

    /** The connection closes, whatever its state (chat: it no longer counts as a member of its room). */
    void onClosed()
    {
    }

    /** At the end of the run: classifies what never came back, and what was due but never sent. */
    void finish()
    {
        // A corrupted answer stands for the message it answered, which stays unanswered in the tracker: it is
        // counted once, as corrupted, not again as lost (or unanswered).
        final long skipped = tracker.lost();
        final long late = tracker.outstanding() - skipped;
        final long lost = Math.max(0, skipped - corruptedHere);
        stats.lost += lost;
        stats.unanswered += Math.max(0, late - (corruptedHere - (skipped - lost)));
        if (schedule != null && timing != null)
        {
            while (schedule.intendedTime() < timing.end())
            {
                stats.unsent++;
                schedule.advance();
            }
        }
    }

    static boolean startsWith(final ByteBuffer in, final int at, final int length, final byte[] prefix)
    {
        if (length < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (in.get(at + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    /** Queues a whole frame of {@code payloadBytes} for {@link #flush} (setup commands; not on the hot path). */
    final void writeFrame(final byte[] payloadBytes)
    {
        final ByteBuffer frame = ByteBuffer.allocate(framing.frameLength(payloadBytes.length));
        framing.encode(payloadBytes, 0, payloadBytes.length, frame);
        unsent = buffers.keepUnsent(unsent, frame.flip());
    }
}
