package io.ioarena.vertx;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes a {@link Delivery} between local consumers as the same object. Vert.x's own {@code Buffer} codec copies the
 * buffer once for every consumer ({@code BufferMessageCodec.transform} is {@code b.copy()}), which for a room that
 * spans N event loops is N copies of every message; a {@code Delivery} is immutable, so sharing it is safe. The chat
 * event bus is never clustered, so there is no wire format.
 */
final class DeliveryCodec implements MessageCodec<Delivery, Delivery>
{
    @Override
    public void encodeToWire(final Buffer buffer, final Delivery delivery)
    {
        throw new UnsupportedOperationException("chat deliveries are local to one Vert.x instance");
    }

    @Override
    public Delivery decodeFromWire(final int pos, final Buffer buffer)
    {
        throw new UnsupportedOperationException("chat deliveries are local to one Vert.x instance");
    }

    @Override
    public Delivery transform(final Delivery delivery)
    {
        return delivery;
    }

    @Override
    public String name()
    {
        return "ioarena-chat-delivery";
    }

    @Override
    public byte systemCodecID()
    {
        return -1; // a user codec
    }
}
