package io.ioarena.vertx;

import io.vertx.core.buffer.Buffer;

/**
 * A chat message on its way from the event loop that processed the {@code MSG} to the others: the room and the
 * complete outbound frame, built once; each loop copies it once into pooled direct memory for its own members.
 * Immutable; {@code origin} is the {@link ChatRooms} that sent it, which has already delivered it to its own members;
 * {@code stamp} is when it was processed on the server's clock: it goes to the members that joined before.
 */
record Delivery(ChatRooms origin, String room, Buffer frame, long stamp)
{
}
