package io.ioarena.load;

/** What the connections of one client thread share: the message codec, the recorders and the counters. */
record ThreadContext(Payload payload, ThreadRecorders recorders, ThreadStats stats, ChatRooms rooms)
{
}
