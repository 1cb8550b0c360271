package io.ioarena.load;

/** What the connections of one client thread share: the message codec, the recorders, the counters, the buffers. */
record ThreadContext(Payload payload, ThreadRecorders recorders, ThreadStats stats, ChatRooms rooms,
    ThreadBuffers buffers)
{
}
