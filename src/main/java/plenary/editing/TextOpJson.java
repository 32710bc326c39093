package plenary.editing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wire form of a {@link TextOp}: a JSON array where a positive integer retains, a string
 * inserts and a negative integer deletes, e.g. {@code [5, "abc", -3]}.
 *
 * <p>Parsing is strict about types, because the input comes from clients: a float (even
 * {@code 1.0}), zero, an empty string, a nested array or anything but an array is rejected
 * with a message naming the component. A non-canonical but well-typed array (a trailing
 * retain, adjacent deletes) is accepted and normalized. The messages are the same as those
 * of {@code validate} in web/js/text-op.js.
 */
public final class TextOpJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private TextOpJson() {
    }

    /** Parses JSON text in the wire form. */
    public static TextOp parse(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidOperationException("operation is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return fromJson(node);
    }

    public static TextOp fromJson(JsonNode node) {
        if (node == null || !node.isArray()) {
            String type = node == null ? "missing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
            throw new InvalidOperationException("operation must be a JSON array, got " + type);
        }
        TextOpBuilder b = TextOp.builder();
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            if (c.isTextual()) {
                insert(b, i, c.textValue());
            } else if (c.isIntegralNumber()) {
                count(b, i, c.bigIntegerValue());
            } else if (c.isNumber()) {
                throw notInteger(i);
            } else {
                throw wrongType(i, c.isArray() ? "a nested array"
                        : c.isObject() ? "an object"
                        : c.isBoolean() ? "a boolean"
                        : c.isNull() ? "null"
                        : "a " + c.getNodeType().name().toLowerCase(Locale.ROOT));
            }
        }
        return b.build();
    }

    /**
     * Reads the wire form already decoded into plain Java values, e.g. a Vert.x
     * {@code JsonArray.getList()}: Integer, Long, Short, Byte or BigInteger counts and Strings.
     */
    public static TextOp fromList(List<?> list) {
        if (list == null) {
            throw new InvalidOperationException("operation must be a JSON array, got null");
        }
        TextOpBuilder b = TextOp.builder();
        for (int i = 0; i < list.size(); i++) {
            Object c = list.get(i);
            switch (c) {
                case String s -> insert(b, i, s);
                case Integer n -> count(b, i, BigInteger.valueOf(n));
                case Long n -> count(b, i, BigInteger.valueOf(n));
                case Short n -> count(b, i, BigInteger.valueOf(n));
                case Byte n -> count(b, i, BigInteger.valueOf(n));
                case BigInteger n -> count(b, i, n);
                case Double d -> throw notInteger(i);
                case Float f -> throw notInteger(i);
                case BigDecimal d -> throw notInteger(i);
                case List<?> l -> throw wrongType(i, "a nested array");
                case Map<?, ?> m -> throw wrongType(i, "an object");
                case Boolean bool -> throw wrongType(i, "a boolean");
                case null -> throw wrongType(i, "null");
                default -> throw wrongType(i, "a " + c.getClass().getSimpleName());
            }
        }
        return b.build();
    }

    public static ArrayNode toJson(TextOp op) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(op.components().size());
        for (Component c : op.components()) {
            switch (c) {
                case Component.Retain r -> array.add(r.count());
                case Component.Insert i -> array.add(i.text());
                case Component.Delete d -> array.add(-d.count());
            }
        }
        return array;
    }

    public static String toJsonString(TextOp op) {
        try {
            return MAPPER.writeValueAsString(toJson(op));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + op, e);
        }
    }

    /** Plain values (Integer and String), e.g. for a Vert.x {@code new JsonArray(list)}. */
    public static List<Object> toList(TextOp op) {
        List<Object> list = new ArrayList<>(op.components().size());
        for (Component c : op.components()) {
            switch (c) {
                case Component.Retain r -> list.add(r.count());
                case Component.Insert i -> list.add(i.text());
                case Component.Delete d -> list.add(-d.count());
            }
        }
        return list;
    }

    private static void insert(TextOpBuilder b, int index, String s) {
        if (s.isEmpty()) {
            throw new InvalidOperationException("component " + index
                    + " is an empty insert; inserts must be non-empty strings");
        }
        b.insert(s);
    }

    private static void count(TextOpBuilder b, int index, BigInteger n) {
        if (n.signum() == 0) {
            throw new InvalidOperationException("component " + index
                    + " is zero; retain and delete counts must be non-zero");
        }
        if (n.abs().compareTo(BigInteger.valueOf(Component.MAX_COUNT)) > 0) {
            throw new InvalidOperationException("component " + index
                    + " is out of range; counts are limited to " + Component.MAX_COUNT + " code units");
        }
        int v = n.intValueExact();
        if (v > 0) {
            b.retain(v);
        } else {
            b.delete(-v);
        }
    }

    private static InvalidOperationException notInteger(int index) {
        return new InvalidOperationException("component " + index
                + " is not an integer; retain and delete counts must be integers");
    }

    private static InvalidOperationException wrongType(int index, String what) {
        return new InvalidOperationException("component " + index + " is " + what
                + "; components must be integers or strings");
    }
}
