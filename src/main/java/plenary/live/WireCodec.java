package plenary.live;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.util.function.Function;

/**
 * Passes an immutable object as it is to a consumer in this process (no JSON, no copy), and as
 * JSON to one on another node of a cluster: the sequencers' requests ({@link SequencerRequest}) and
 * what they answer with ({@link SequencerWire}).
 */
final class WireCodec<T> implements MessageCodec<T, T> {
    private final Class<T> type;
    private final Function<T, String> encode;
    private final Function<String, T> decode;

    private WireCodec(Class<T> type, Function<T, String> encode, Function<String, T> decode) {
        this.type = type;
        this.encode = encode;
        this.decode = decode;
    }

    /** Registers the codec for {@code type} once per Vert.x instance; later calls find it there. */
    static <T> void register(Vertx vertx, Class<T> type, Function<T, String> encode, Function<String, T> decode) {
        synchronized (WireCodec.class) {
            try {
                vertx.eventBus().registerDefaultCodec(type, new WireCodec<>(type, encode, decode));
            } catch (IllegalStateException registeredAlready) {
                // another sequencer of this instance did it first
            }
        }
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        Buffer json = Buffer.buffer(encode.apply(value));
        buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        return decode.apply(buffer.getString(pos + 4, pos + 4 + length, "UTF-8"));
    }

    @Override
    public T transform(T value) {
        return value;
    }

    @Override
    public String name() {
        return "wire:" + type.getName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
