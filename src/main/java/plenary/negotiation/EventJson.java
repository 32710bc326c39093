package plenary.negotiation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * The JSON form of events, as stored in the negotiation log and sent to clients. Enums are written
 * in their wire spelling ({@link Wire}), the same as everywhere else in the API.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = mapper();

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        SimpleModule wire = new SimpleModule("wire-enums");
        @SuppressWarnings({"rawtypes", "unchecked"})
        StdSerializer<Enum> names = new StdSerializer<>(Enum.class) {
            @Override
            public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(Wire.name(value));
            }
        };
        wire.addSerializer(Enum.class, names);
        wire.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description,
                                                              JsonDeserializer<?> deserializer) {
                return new WireEnum(type);
            }
        });
        return new ObjectMapper().registerModule(wire)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public static JsonNode encode(Event event) {
        return MAPPER.valueToTree(event);
    }

    public static String text(Event event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
    }

    public static Event decode(String json) {
        try {
            return MAPPER.readValue(json, Event.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a stored event is not readable: " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    private static final class WireEnum extends StdDeserializer<Enum<?>> {
        private final JavaType type;

        WireEnum(JavaType type) {
            super(type);
            this.type = type;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Enum<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            Object value = Wire.parse((Class) type.getRawClass(), text).orElse(null);
            if (value == null) {
                throw context.weirdStringException(text, type.getRawClass(), "not one of the known values");
            }
            return (Enum<?>) value;
        }
    }
}
