package plenary.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict wire-form parser and the serializer. */
class TextOpJsonTest {

    private static String parseError(String json) {
        return assertThrows(InvalidOperationException.class, () -> TextOpJson.parse(json)).getMessage();
    }

    private static String listError(Object... items) {
        return assertThrows(InvalidOperationException.class,
                () -> TextOpJson.fromList(Arrays.asList(items))).getMessage();
    }

    @Test
    void parsesAndSerializesTheWireForm() {
        TextOp op = TextOpJson.parse("[5, \"abc\", -3]");
        assertEquals(List.of(new Component.Retain(5), new Component.Insert("abc"), new Component.Delete(3)),
                op.components());
        assertEquals("[5,\"abc\",-3]", TextOpJson.toJsonString(op));
        assertEquals(List.of(5, "abc", -3), TextOpJson.toList(op));
        assertEquals("[]", TextOpJson.toJsonString(TextOp.NOOP));
    }

    @Test
    void astralCharactersSurviveTheRoundTrip() {
        TextOp op = TextOpJson.parse("[\"\\ud83d\\ude00 \u0645\u0631\u062d\u0628\u0627 \u4f60\u597d\"]");
        assertEquals(op, TextOpJson.parse(TextOpJson.toJsonString(op)));
        assertEquals(op, TextOpJson.fromJson(TextOpJson.toJson(op)));
    }

    @Test
    void nonCanonicalInputIsNormalized() {
        assertEquals("[2,\"xy\",-3]", TextOpJson.toJsonString(TextOpJson.parse("[1, 1, -1, \"x\", -2, \"y\", 4]")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {}                   | operation must be a JSON array, got object
            "abc"                | operation must be a JSON array, got string
            5                    | operation must be a JSON array, got number
            null                 | operation must be a JSON array, got null
            true                 | operation must be a JSON array, got boolean
            [0]                  | component 0 is zero; retain and delete counts must be non-zero
            [1, -0]              | component 1 is zero; retain and delete counts must be non-zero
            [1.5]                | component 0 is not an integer; retain and delete counts must be integers
            [1.0]                | component 0 is not an integer; retain and delete counts must be integers
            [2, 1e3]             | component 1 is not an integer; retain and delete counts must be integers
            [[1]]                | component 0 is a nested array; components must be integers or strings
            [3, "a", ["b"]]      | component 2 is a nested array; components must be integers or strings
            [{}]                 | component 0 is an object; components must be integers or strings
            [null]               | component 0 is null; components must be integers or strings
            [true]               | component 0 is a boolean; components must be integers or strings
            [""]                 | component 0 is an empty insert; inserts must be non-empty strings
            [2147483648]         | component 0 is out of range; counts are limited to 2147483647 code units
            [-2147483648]        | component 0 is out of range; counts are limited to 2147483647 code units
            [99999999999999999999] | component 0 is out of range; counts are limited to 2147483647 code units
            """)
    void rejectsMalformedWireForms(String json, String expected) {
        assertEquals(expected, parseError(json));
    }

    @Test
    void largestCountsAreAccepted() {
        assertEquals("[2147483647,-2147483647]",
                TextOpJson.toJsonString(TextOpJson.parse("[2147483647, -2147483647]")));
    }

    @Test
    void rejectsInvalidJsonText() {
        assertEquals(true, parseError("[1, ").startsWith("operation is not valid JSON: "));
        assertEquals(true, parseError("[1] [2]").startsWith("operation is not valid JSON: "));
    }

    @Test
    void rejectsAMissingNode() {
        assertEquals("operation must be a JSON array, got missing", assertThrows(
                InvalidOperationException.class, () -> TextOpJson.fromJson(null)).getMessage());
        assertEquals("operation must be a JSON array, got object", assertThrows(
                InvalidOperationException.class,
                () -> TextOpJson.fromJson(JsonNodeFactory.instance.objectNode())).getMessage());
    }

    @Test
    void plainListsAreCheckedTheSameWay() {
        assertEquals(TextOpJson.parse("[5, \"a\", -3]"), TextOpJson.fromList(List.of(5L, "a", BigInteger.valueOf(-3))));
        assertEquals("component 0 is not an integer; retain and delete counts must be integers", listError(1.0));
        assertEquals("component 1 is not an integer; retain and delete counts must be integers",
                listError(1, new BigDecimal("2")));
        assertEquals("component 0 is zero; retain and delete counts must be non-zero", listError(0));
        assertEquals("component 0 is a nested array; components must be integers or strings", listError(List.of(1)));
        assertEquals("component 0 is an object; components must be integers or strings", listError(Map.of()));
        assertEquals("component 0 is null; components must be integers or strings", listError((Object) null));
        assertEquals("component 0 is a boolean; components must be integers or strings", listError(false));
        assertEquals("component 0 is a Character; components must be integers or strings", listError('x'));
        assertEquals("component 0 is out of range; counts are limited to 2147483647 code units",
                listError(Long.MIN_VALUE));
        assertEquals("operation must be a JSON array, got null", assertThrows(
                InvalidOperationException.class, () -> TextOpJson.fromList(null)).getMessage());
    }
}
