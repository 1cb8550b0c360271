package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A blocking client connection for the conformance kit. Every read has a timeout, so a case against a server that
 * never answers fails with a clear message instead of hanging. Assertions compare exact bytes.
 */
final class KitConnection implements AutoCloseable
{
    static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final Framing framing;
    private final InputStream in;
    private final OutputStream out;

    private KitConnection(final Socket socket, final Framing framing) throws IOException
    {
        this.socket = socket;
        this.framing = framing;
        this.in = new BufferedInputStream(socket.getInputStream(), 65536);
        this.out = socket.getOutputStream();
    }

    static KitConnection open(final String host, final int port, final Framing framing) throws IOException
    {
        return openWithBuffers(host, port, framing, 0);
    }

    /** @param socketBuffers SO_RCVBUF and SO_SNDBUF, set before connecting (which turns off autotuning); 0: default */
    static KitConnection openWithBuffers(final String host, final int port, final Framing framing,
        final int socketBuffers) throws IOException
    {
        final Socket socket = new Socket();
        if (socketBuffers > 0)
        {
            socket.setReceiveBufferSize(socketBuffers);
            socket.setSendBufferSize(socketBuffers);
        }
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MILLIS);
        return new KitConnection(socket, framing);
    }

    Framing framing()
    {
        return framing;
    }

    Socket socket()
    {
        return socket;
    }

    /** Writes {@code bytes} as they are (already framed, or raw). */
    void write(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
    }

    /** Writes {@code bytes} in writes of {@code chunk} bytes each; with TCP_NODELAY each becomes its own segment. */
    void writeInChunks(final byte[] bytes, final int chunk) throws IOException
    {
        for (int i = 0; i < bytes.length; i += chunk)
        {
            out.write(bytes, i, Math.min(chunk, bytes.length - i));
            out.flush();
        }
    }

    /** Frames {@code payload} in this connection's framing and writes it. */
    void send(final byte[] payload) throws IOException
    {
        write(framing == Framing.RAW ? payload : framing.encode(payload));
    }

    void send(final String text) throws IOException
    {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads exactly {@code n} bytes. */
    byte[] readExactly(final int n) throws IOException
    {
        final byte[] bytes = new byte[n];
        int done = 0;
        while (done < n)
        {
            final int read;
            try
            {
                read = in.read(bytes, done, n - done);
            }
            catch (final SocketTimeoutException e)
            {
                throw new AssertionError("timed out after " + READ_TIMEOUT_MILLIS + " ms waiting for byte " + done +
                    " of " + n + (done > 0 ? "; got so far: " + show(Arrays.copyOf(bytes, done)) : ""));
            }
            if (read < 0)
            {
                throw new EOFException("connection closed by the server after " + done + " of " + n +
                    " expected bytes" + (done > 0 ? ": " + show(Arrays.copyOf(bytes, done)) : ""));
            }
            done += read;
        }
        return bytes;
    }

    private int readByte(final int readSoFar) throws IOException
    {
        final int b;
        try
        {
            b = in.read();
        }
        catch (final SocketTimeoutException e)
        {
            throw new AssertionError("timed out after " + READ_TIMEOUT_MILLIS + " ms in the middle of a line, after " +
                readSoFar + " bytes of it");
        }
        if (b < 0)
        {
            throw new EOFException("connection closed by the server" +
                (readSoFar > 0 ? " in the middle of a line, after " + readSoFar + " bytes of it" : ""));
        }
        return b;
    }

    /** Reads the next frame's payload ({@code line} or {@code length} framing). */
    byte[] readFrame() throws IOException
    {
        if (framing == Framing.LENGTH)
        {
            final long length = Integer.toUnsignedLong(ByteBuffer.wrap(readExactly(4)).getInt());
            if (length > 16L << 20)
            {
                throw new AssertionError("the server sent a frame header announcing " + length + " bytes");
            }
            return readExactly((int)length);
        }
        if (framing == Framing.LINE)
        {
            final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            while (true)
            {
                final int b = readByte(line.size());
                if (b == Framing.NEWLINE)
                {
                    return line.toByteArray();
                }
                line.write(b);
            }
        }
        throw new IllegalStateException("raw framing has no frames");
    }

    String readText() throws IOException
    {
        return new String(readFrame(), StandardCharsets.UTF_8);
    }

    /** Asserts the next frame's payload is {@code expected} (in {@code raw}: the next bytes are). */
    void expect(final byte[] expected) throws IOException
    {
        final byte[] actual = framing == Framing.RAW ? readExactly(expected.length) : readFrame();
        if (!Arrays.equals(expected, actual))
        {
            throw new AssertionError("expected " + show(expected) + " but the server sent " + show(actual));
        }
    }

    void expect(final String expected) throws IOException
    {
        expect(expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts the exact error frame of PROTOCOL.md section 5 comes next (in raw: the bytes and a newline). */
    void expectError(final io.ioarena.protocol.ErrorCode code) throws IOException
    {
        final byte[] expected = code.frame(framing);
        final byte[] actual = readExactly(expected.length);
        if (!Arrays.equals(expected, actual))
        {
            throw new AssertionError("expected the error frame " + show(expected) + " but got " + show(actual));
        }
    }

    /** Asserts the server closes the connection (FIN) with nothing more to read. */
    void expectEof() throws IOException
    {
        expectClose(false);
    }

    /**
     * Asserts the server closes the connection with nothing more to read, by FIN or by reset: a server that closes
     * while bytes it will never read are still arriving resets the connection, which the kernel is entitled to do.
     */
    void expectClosed() throws IOException
    {
        expectClose(true);
    }

    private void expectClose(final boolean resetAllowed) throws IOException
    {
        final int b;
        try
        {
            b = in.read();
        }
        catch (final SocketTimeoutException e)
        {
            throw new AssertionError("expected the server to close the connection, but it stayed open for " +
                READ_TIMEOUT_MILLIS + " ms");
        }
        catch (final SocketException e)
        {
            if (resetAllowed)
            {
                return;
            }
            throw new AssertionError("expected a clean close (FIN) but the connection failed: " + e.getMessage());
        }
        if (b >= 0)
        {
            final byte[] more = in.readNBytes(Math.min(in.available(), 64));
            throw new AssertionError("expected the server to close the connection, but it sent more: " +
                show(concat(new byte[] {(byte)b}, more)));
        }
    }

    /**
     * Reads and discards until the server closes or resets the connection; returns how many bytes came. Fails if the
     * connection is still open after {@code timeoutMillis}, or after more than {@code maxBytes}.
     */
    long drainUntilClosed(final long maxBytes, final long timeoutMillis) throws IOException
    {
        final long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        final byte[] sink = new byte[65536];
        long total = 0;
        while (System.nanoTime() < deadline)
        {
            final int n;
            try
            {
                n = in.read(sink);
            }
            catch (final SocketTimeoutException e)
            {
                continue;
            }
            catch (final SocketException e)
            {
                return total; // reset: closed, too
            }
            if (n < 0)
            {
                return total;
            }
            total += n;
            if (total > maxBytes)
            {
                throw new AssertionError("the server sent " + total + " bytes to a connection it should have " +
                    "closed after at most " + maxBytes);
            }
        }
        throw new AssertionError("the server did not close the connection within " + timeoutMillis + " ms");
    }

    void shutdownOutput() throws IOException
    {
        socket.shutdownOutput();
    }

    /** Closes with SO_LINGER 0, so the server sees a reset (RST) rather than a FIN. */
    void reset() throws IOException
    {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }

    static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A short printable view of bytes for failure messages. */
    static String show(final byte[] bytes)
    {
        final boolean text = isPrintable(bytes);
        final int shown = Math.min(bytes.length, 80);
        final String head = text ? "\"" + new String(bytes, 0, shown, StandardCharsets.ISO_8859_1)
            .replace("\n", "\\n").replace("\r", "\\r") + "\"" :
            "0x" + HexFormat.of().formatHex(bytes, 0, shown);
        return head + (bytes.length > shown ? "... (" + bytes.length + " bytes)" : "");
    }

    private static boolean isPrintable(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            if ((b < 0x20 && b != '\n' && b != '\r') || b > 0x7E)
            {
                return false;
            }
        }
        return true;
    }
}
