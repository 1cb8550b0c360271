package io.ioarena.load;

import io.ioarena.protocol.FrameDecoder;
import io.ioarena.protocol.FrameTooLargeException;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.chat.ChatAction;
import io.ioarena.protocol.chat.ChatSession;
import io.ioarena.protocol.spi.ServerCounters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small blocking echo/chat server for the client's tests, one platform thread per connection, that injects the
 * faults the client must detect: a global stall, on the first connection a corrupted, dropped, duplicated or
 * swapped message, and in chat one copy not delivered to a visitor of {@code --chat-churn} that is surely in its
 * room. Independent of every implementation module on purpose: the instrument is tested against a server whose
 * behaviour the test controls exactly.
 */
final class FaultyServer implements AutoCloseable
{
    /**
     * What to break; indices count the frames of the first accepted connection, from 0. Negative: never.
     * {@code dropToVisitor}: the first copy due to a visitor (nickname {@code v...}) that joined its room
     * {@link #SURELY_JOINED_MILLIS} or more before is not delivered.
     */
    record Faults(long stallAfterMessages, long stallMillis, int corruptAt, int dropAt, int duplicateAt, int swapAt,
        int receiveBuffer, boolean dropToVisitor)
    {
        static Faults none()
        {
            return new Faults(-1, 0, -1, -1, -1, -1, 0, false);
        }

        Faults dropOneToVisitor()
        {
            return new Faults(stallAfterMessages, stallMillis, corruptAt, dropAt, duplicateAt, swapAt, receiveBuffer,
                true);
        }

        Faults stall(final long afterMessages, final long millis, final int receiveBuffer)
        {
            return new Faults(afterMessages, millis, corruptAt, dropAt, duplicateAt, swapAt,
                receiveBuffer, dropToVisitor);
        }

        Faults corrupt(final int at)
        {
            return new Faults(stallAfterMessages, stallMillis, at, dropAt, duplicateAt, swapAt,
                receiveBuffer, dropToVisitor);
        }

        Faults drop(final int at)
        {
            return new Faults(stallAfterMessages, stallMillis, corruptAt, at, duplicateAt, swapAt,
                receiveBuffer, dropToVisitor);
        }

        Faults duplicate(final int at)
        {
            return new Faults(stallAfterMessages, stallMillis, corruptAt, dropAt, at, swapAt,
                receiveBuffer, dropToVisitor);
        }

        Faults swap(final int at)
        {
            return new Faults(stallAfterMessages, stallMillis, corruptAt, dropAt, duplicateAt, at,
                receiveBuffer, dropToVisitor);
        }
    }

    /**
     * How long a visitor has been in its room when its copy is dropped: long after its {@code OK JOIN}, and long
     * before its {@code LEAVE} (it stays a second at the test's rate), so the client must have required the copy.
     */
    static final long SURELY_JOINED_MILLIS = 200;

    private final Framing framing;
    private final boolean chat;
    private final Faults faults;
    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicLong messages = new AtomicLong();
    private final CopyOnWriteArrayList<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Handler> handlers = new CopyOnWriteArrayList<>();
    private final Map<String, Set<Handler>> rooms = new ConcurrentHashMap<>();
    private final ServerCounters counters = new ServerCounters(10_000);
    /** A visitor's copy was dropped ({@link Faults#dropToVisitor}): only one is. */
    private final AtomicBoolean droppedToVisitor = new AtomicBoolean();
    private volatile long stalledUntilNanos;
    private volatile boolean closed;

    FaultyServer(final Framing framing, final boolean chat, final Faults faults) throws IOException
    {
        this.framing = framing;
        this.chat = chat;
        this.faults = faults;
        this.server = new ServerSocket();
        if (faults.receiveBuffer() > 0)
        {
            server.setReceiveBufferSize(faults.receiveBuffer());
        }
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = new Thread(this::accept, "faulty-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port()
    {
        return server.getLocalPort();
    }

    /** The addresses the accepted connections came from. */
    Set<String> peerAddresses()
    {
        final Set<String> out = new java.util.TreeSet<>();
        sockets.forEach(s -> out.add(s.getInetAddress().getHostAddress()));
        return out;
    }

    /** Per accepted connection, in accept order: the echo frames it received. */
    List<Integer> framesPerConnection()
    {
        return handlers.stream().map(h -> h.frames.get()).toList();
    }

    /** Closes the first accepted connection that has received exactly {@code frames} echo frames; whether one had. */
    boolean closeOneWith(final int frames) throws IOException
    {
        for (final Handler h : handlers)
        {
            if (h.frames.get() == frames)
            {
                h.socket.close();
                return true;
            }
        }
        return false;
    }

    private void accept()
    {
        boolean first = true;
        while (!closed)
        {
            try
            {
                final Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                sockets.add(socket);
                final Handler handler = new Handler(socket, first);
                handlers.add(handler);
                first = false;
                final Thread t = new Thread(handler::serve, "faulty-server-conn");
                t.setDaemon(true);
                t.start();
            }
            catch (final IOException e)
            {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException
    {
        closed = true;
        server.close();
        for (final Socket s : sockets)
        {
            s.close();
        }
    }

    private final class Handler
    {
        private final Socket socket;
        private final boolean faulty;
        private final OutputStream out;
        private final ChatSession session = new ChatSession(16, counters);
        private byte[] held;
        private int index;
        /** Echo frames received, read by the test thread. */
        private final AtomicInteger frames = new AtomicInteger();
        /** Chat: whether this is a visitor of the client's {@code --chat-churn}, and when it last joined a room. */
        private volatile boolean visitor;
        private volatile long joinedAtNanos;

        Handler(final Socket socket, final boolean faulty) throws IOException
        {
            this.socket = socket;
            this.faulty = faulty;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        }

        void serve()
        {
            final FrameDecoder decoder = framing == Framing.RAW ? null : framing.newDecoder(1 << 20);
            final ByteBuffer buffer = ByteBuffer.allocate(1 << 21);
            try (socket)
            {
                final InputStream in = socket.getInputStream();
                while (true)
                {
                    stallIfDue();
                    final int n = in.read(buffer.array(), buffer.position(), buffer.remaining());
                    if (n < 0)
                    {
                        return;
                    }
                    buffer.position(buffer.position() + n);
                    buffer.flip();
                    int frame;
                    while ((frame = decoder == null ? buffer.remaining() : decoder.nextFrame(buffer)) > 0)
                    {
                        final int start = buffer.position() + framing.headerLength();
                        final byte[] payload = Arrays.copyOfRange(buffer.array(), start,
                            start + frame - framing.headerLength() - framing.trailerLength());
                        buffer.position(buffer.position() + frame);
                        if (chat)
                        {
                            command(payload);
                        }
                        else
                        {
                            echo(payload);
                        }
                    }
                    buffer.compact();
                    if (in.available() == 0)
                    {
                        synchronized (this)
                        {
                            out.flush();
                        }
                    }
                }
            }
            catch (final IOException | FrameTooLargeException e)
            {
                // The client went away or the test closed the server.
            }
            finally
            {
                rooms.values().forEach(members -> members.remove(this));
            }
        }

        private void stallIfDue() throws IOException
        {
            final long wait = stalledUntilNanos - System.nanoTime();
            if (wait > 0)
            {
                synchronized (this)
                {
                    out.flush();
                }
                try
                {
                    Thread.sleep(wait / 1_000_000, (int)(wait % 1_000_000));
                }
                catch (final InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void countMessage()
        {
            if (messages.incrementAndGet() == faults.stallAfterMessages())
            {
                stalledUntilNanos = System.nanoTime() + faults.stallMillis() * 1_000_000;
            }
        }

        private void echo(final byte[] payload) throws IOException
        {
            countMessage();
            frames.incrementAndGet();
            final int i = index++;
            if (faulty && i == faults.dropAt())
            {
                return;
            }
            if (faulty && i == faults.corruptAt())
            {
                payload[payload.length / 2] ^= 0x01;
            }
            if (faulty && i == faults.swapAt())
            {
                held = payload;
                return;
            }
            send(payload);
            if (held != null)
            {
                send(held);
                held = null;
            }
            if (faulty && i == faults.duplicateAt())
            {
                send(payload);
            }
        }

        private void command(final byte[] payload) throws IOException
        {
            final ChatAction action = session.handle(payload, 0, payload.length);
            switch (action)
            {
                case ChatAction.Reply reply ->
                {
                    visitor |= new String(payload, StandardCharsets.US_ASCII).startsWith("NICK v");
                    send(reply.payload());
                }
                case ChatAction.Join join ->
                {
                    joinedAtNanos = System.nanoTime();
                    rooms.computeIfAbsent(join.room(), r -> ConcurrentHashMap.newKeySet()).add(this);
                    send(join.reply());
                }
                case ChatAction.Leave leave ->
                {
                    rooms.getOrDefault(leave.room(), Set.of()).remove(this);
                    send(leave.reply());
                }
                case ChatAction.Deliver deliver ->
                {
                    countMessage();
                    final int i = index++;
                    for (final Handler member : rooms.getOrDefault(deliver.room(), Set.of()))
                    {
                        if (!(faulty && i == faults.dropAt() && member != this) && !dropsToVisitor(member))
                        {
                            member.send(deliver.payload());
                        }
                    }
                }
            }
        }

        /** Whether this copy to {@code member} is the one visitor's copy to drop: it joined long enough ago. */
        private boolean dropsToVisitor(final Handler member)
        {
            return faults.dropToVisitor() && member.visitor
                && System.nanoTime() - member.joinedAtNanos >= SURELY_JOINED_MILLIS * 1_000_000
                && droppedToVisitor.compareAndSet(false, true);
        }

        private synchronized void send(final byte[] payload) throws IOException
        {
            if (framing == Framing.LENGTH)
            {
                out.write(payload.length >>> 24);
                out.write(payload.length >>> 16);
                out.write(payload.length >>> 8);
                out.write(payload.length);
            }
            out.write(payload);
            if (framing == Framing.LINE)
            {
                out.write('\n');
            }
            if (chat)
            {
                // A delivery goes to another member's stream, whose own thread may be blocked reading.
                out.flush();
            }
        }
    }
}
