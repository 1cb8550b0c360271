package io.ioarena.protocol.chat;

/**
 * What a server must do for one chat command, as decided by {@link ChatSession}. Payloads are unframed: the server
 * frames them in its connection's framing. Room membership and delivery are the server's own (that is where the I/O
 * models differ); everything else about a command is decided here, once for every server.
 */
public sealed interface ChatAction
{
    /** Send {@code payload} to this connection; then, if {@code close}, close it (after {@code QUIT}). */
    record Reply(byte[] payload, boolean close) implements ChatAction
    {
    }

    /** Add this connection to {@code room}'s members, then send {@code reply} to it. */
    record Join(String room, byte[] reply) implements ChatAction
    {
    }

    /** Remove this connection from {@code room}'s members, then send {@code reply} to it. */
    record Leave(String room, byte[] reply) implements ChatAction
    {
    }

    /** Send {@code payload} to every member of {@code room}, this connection included. */
    record Deliver(String room, byte[] payload) implements ChatAction
    {
    }
}
