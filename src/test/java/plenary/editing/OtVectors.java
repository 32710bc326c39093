package plenary.editing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The vector format shared with src/test/js/check-text-op-vectors.mjs. Each side computes
 * {@code expect} for a case with the same fields; the other side recomputes and compares.
 */
final class OtVectors {

    /** Non-ASCII escaped, so unpaired surrogates in edge cases survive as \\uXXXX. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** Malformed wire forms both sides must reject with the same message. */
    static final List<String> MALFORMED = List.of(
            "{}", "\"abc\"", "5", "null", "true", "[0]", "[1, -0]", "[1.5]", "[2, -2.5]", "[[1]]",
            "[3, \"a\", [\"b\"]]", "[{}]", "[null]", "[false]", "[\"\"]", "[2147483648]",
            "[-2147483648]", "[99999999999999999999]");

    private OtVectors() {
    }

    static ObjectNode randomCase(SplittableRandom r) {
        String text = Gen.text(r, 12);
        TextOp a = Gen.op(r, text);
        TextOp b = Gen.op(r, text);
        TextOp c = Gen.op(r, a.apply(text));
        List<Object> raw = Gen.wire(Gen.rawComponents(r, text));
        ObjectNode node = JSON.createObjectNode();
        node.put("text", text);
        node.set("a", TextOpJson.toJson(a));
        node.set("b", TextOpJson.toJson(b));
        node.set("c", TextOpJson.toJson(c));
        node.set("raw", JSON.valueToTree(raw));
        ArrayNode positions = node.putArray("positions");
        positions.add(Gen.boundary(r, text));
        positions.add(Gen.boundary(r, text));
        positions.add(text.length() + 1 + r.nextInt(3));
        node.set("expect", expectCase(node));
        return node;
    }

    static ObjectNode randomEdge(SplittableRandom r) {
        String text = Gen.text(r, 6);
        ObjectNode node = JSON.createObjectNode();
        node.put("text", text);
        node.set("op", JSON.valueToTree(Gen.unitWire(r, text)));
        node.set("expect", expectEdge(node));
        return node;
    }

    static ObjectNode malformed(String json) {
        ObjectNode node = JSON.createObjectNode();
        node.put("json", json);
        node.put("error", malformedError(json));
        return node;
    }

    /** Same fields, same order of computation, as expectCase in the node script. */
    static ObjectNode expectCase(JsonNode c) {
        String text = c.get("text").textValue();
        TextOp a = TextOpJson.fromJson(c.get("a"));
        TextOp b = TextOpJson.fromJson(c.get("b"));
        TextOp next = TextOpJson.fromJson(c.get("c"));
        TextOp raw = TextOpJson.fromJson(c.get("raw"));
        String applyA = a.apply(text);
        String applyB = b.apply(text);
        TextOp composeAC = a.compose(next);
        TextOp bAfterARight = b.transform(a, Side.RIGHT);
        TextOp aAfterBLeft = a.transform(b, Side.LEFT);
        ObjectNode e = JSON.createObjectNode();
        e.set("normalizedRaw", TextOpJson.toJson(raw));
        e.put("applyRaw", raw.apply(text));
        e.put("applyA", applyA);
        e.put("applyB", applyB);
        e.put("applyAC", next.apply(applyA));
        e.set("composeAC", TextOpJson.toJson(composeAC));
        e.put("applyComposeAC", composeAC.apply(text));
        e.set("aAfterBLeft", TextOpJson.toJson(aAfterBLeft));
        e.set("aAfterBRight", TextOpJson.toJson(a.transform(b, Side.RIGHT)));
        e.set("bAfterALeft", TextOpJson.toJson(b.transform(a, Side.LEFT)));
        e.set("bAfterARight", TextOpJson.toJson(bAfterARight));
        e.put("convergedViaA", bAfterARight.apply(applyA));
        e.put("convergedViaB", aAfterBLeft.apply(applyB));
        e.put("spanA", a.spanLength());
        e.put("deltaA", a.targetLengthDelta());
        e.put("spanRaw", raw.spanLength());
        e.put("deltaRaw", raw.targetLengthDelta());
        ArrayNode own = e.putArray("caretsOwn");
        ArrayNode other = e.putArray("caretsOther");
        for (JsonNode p : c.get("positions")) {
            own.add(a.transformPosition(p.intValue(), true));
            other.add(a.transformPosition(p.intValue(), false));
        }
        return reparsed(e);
    }

    static ObjectNode expectEdge(JsonNode edge) {
        ObjectNode e = JSON.createObjectNode();
        try {
            e.put("result", TextOpJson.fromJson(edge.get("op")).apply(edge.get("text").textValue()));
        } catch (InvalidOperationException ex) {
            e.put("error", ex.getMessage());
        }
        return e;
    }

    /** The parser's message, or null if it accepts the input. */
    static String malformedError(String json) {
        try {
            TextOpJson.parse(json);
            return null;
        } catch (InvalidOperationException e) {
            return e.getMessage();
        }
    }

    /**
     * The first field where {@code expected} and {@code actual} differ, or null. Numbers are
     * compared by value (a long 5 written by Java reads back as an int 5).
     */
    static String firstDifference(JsonNode expected, JsonNode actual) {
        Set<String> keys = new LinkedHashSet<>();
        expected.fieldNames().forEachRemaining(keys::add);
        actual.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            String x = show(expected.get(k));
            String y = show(actual.get(k));
            if (!x.equals(y)) {
                return "field " + k + ": JavaScript " + x + ", Java " + y;
            }
        }
        return null;
    }

    static String show(JsonNode node) {
        try {
            return node == null ? "(absent)" : JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode reparsed(ObjectNode node) {
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Iterator<JsonNode> elements(JsonNode doc, String field) {
        JsonNode array = doc.get(field);
        if (array == null || !array.isArray()) {
            throw new AssertionError("vector file has no array \"" + field + "\"");
        }
        return array.elements();
    }
}
