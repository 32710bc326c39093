package plenary.live;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes an immutable object over this process's event bus as it is: no JSON, no copy, and no wire
 * form. Only for what a sequencer hands to a reader of its own process: the search feed's entries
 * ({@code SearchSource}), which it asks for only of a sequencer running beside it. What may cross
 * to another node of a cluster has a wire form ({@link WireCodec}).
 */
final class LocalObjectCodec<T> implements MessageCodec<T, T> {
    private final Class<T> type;

    private LocalObjectCodec(Class<T> type) {
        this.type = type;
    }

    /** Registers the codec for {@code type} once per Vert.x instance; later calls find it there. */
    static <T> void register(Vertx vertx, Class<T> type) {
        synchronized (LocalObjectCodec.class) {
            try {
                vertx.eventBus().registerDefaultCodec(type, new LocalObjectCodec<>(type));
            } catch (IllegalStateException registeredAlready) {
                // another sequencer of this instance did it first
            }
        }
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        throw new UnsupportedOperationException(type.getSimpleName() + " does not leave the process");
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException(type.getSimpleName() + " does not leave the process");
    }

    @Override
    public T transform(T value) {
        return value;
    }

    @Override
    public String name() {
        return "local:" + type.getName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
