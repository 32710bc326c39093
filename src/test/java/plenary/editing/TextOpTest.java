package plenary.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Edge cases of TextOp, one behaviour per test. */
class TextOpTest {

    private static final String EMOJI = "\uD83D\uDE00"; // 😀, one code point, two code units

    private static TextOp op(String wire) {
        return TextOpJson.parse(wire);
    }

    private static String message(Runnable r) {
        return assertThrows(InvalidOperationException.class, r::run).getMessage();
    }

    // --- normalization ---

    @Test
    void emptyArrayIsTheNoop() {
        assertEquals(TextOp.NOOP, op("[]"));
        assertTrue(op("[]").isNoop());
        assertEquals("", TextOp.NOOP.apply(""));
        assertEquals("abc", TextOp.NOOP.apply("abc"));
    }

    @Test
    void trailingRetainIsDropped() {
        assertEquals(op("[2, \"x\"]"), op("[2, \"x\", 7]"));
        assertEquals(TextOp.NOOP, op("[7]"));
        assertEquals("[2, \"x\"]", op("[2, \"x\", 3, 4]").toString());
    }

    @Test
    void adjacentComponentsOfOneTypeMerge() {
        assertEquals("[3, \"ab\", -5]", op("[1, 2, \"a\", \"b\", -2, -3]").toString());
    }

    @Test
    void insertGoesBeforeAnAdjacentDelete() {
        assertEquals("[1, \"xy\", -4]", op("[1, -2, \"x\", -2, \"y\"]").toString());
        assertEquals("[\"xy\", -2]", op("[\"x\", -2, \"y\"]").toString());
    }

    @Test
    void builderIgnoresZeroLengthButComponentsRejectThem() {
        assertEquals(TextOp.NOOP, TextOp.builder().retain(0).insert("").delete(0).build());
        assertThrows(InvalidOperationException.class, () -> new Component.Retain(0));
        assertThrows(InvalidOperationException.class, () -> new Component.Delete(-1));
        assertThrows(InvalidOperationException.class, () -> new Component.Insert(""));
        assertThrows(InvalidOperationException.class, () -> TextOp.builder().retain(-1));
    }

    @Test
    void mergingPastTheCountLimitIsRejected() {
        String m = message(() -> TextOp.builder().delete(Integer.MAX_VALUE).delete(1));
        assertEquals("merged delete of 2147483648 code units exceeds 2147483647", m);
    }

    @Test
    void componentsListIsUnmodifiable() {
        TextOp o = op("[1, \"x\"]");
        assertThrows(UnsupportedOperationException.class, () -> o.components().clear());
    }

    // --- lengths ---

    @Test
    void spanAndDelta() {
        TextOp o = op("[5, \"abc\", -3]");
        assertEquals(8, o.spanLength());
        assertEquals(0, o.targetLengthDelta());
        assertEquals(-2, op("[-2]").targetLengthDelta());
        assertEquals(2, op("[\"" + EMOJI + "\"]").targetLengthDelta());
    }

    // --- apply ---

    @Test
    void appliesRetainInsertDelete() {
        assertEquals("helloabcrld", op("[5, \"abc\", -3]").apply("hello world"));
        assertEquals("xhello", op("[\"x\"]").apply("hello"));
        assertEquals("", op("[-5]").apply("hello"));
        assertEquals("abc", op("[\"abc\"]").apply(""));
    }

    @Test
    void rejectsAnOperationLongerThanTheText() {
        assertEquals("operation spans 12 code units but clause text has 10",
                message(() -> op("[10, -2]").apply("0123456789")));
        assertEquals("operation spans 1 code units but clause text has 0",
                message(() -> op("[-1]").apply("")));
    }

    @Test
    void operationExactlyAsLongAsTheTextIsFine() {
        assertEquals("0123456789!", op("[10, \"!\"]").apply("0123456789"));
    }

    @Test
    void rejectsCuttingASurrogatePair() {
        String text = "a" + EMOJI + "b";
        assertEquals("operation boundary at code unit 2 splits a surrogate pair in the clause text",
                message(() -> op("[2, \"x\"]").apply(text)));
        assertEquals("operation boundary at code unit 2 splits a surrogate pair in the clause text",
                message(() -> op("[1, -1]").apply(text)));
        assertEquals("operation boundary at code unit 2 splits a surrogate pair in the clause text",
                message(() -> op("[2, -2]").apply(text)));
        // Whole pairs are fine, as are boundaries next to them.
        assertEquals("ab", op("[1, -2]").apply(text));
        assertEquals("a" + EMOJI + "x" + "b", op("[3, \"x\"]").apply(text));
        assertEquals(EMOJI + EMOJI, op("[\"" + EMOJI + "\"]").apply(EMOJI));
    }

    @Test
    void aTrailingRetainIsImplicitSoItCannotCutAPair() {
        // [2] normalizes to [], which keeps the whole text: nothing is cut.
        assertEquals("a" + EMOJI, op("[2]").apply("a" + EMOJI));
    }

    @Test
    void rejectsInsertingAnUnpairedSurrogate() {
        assertEquals("insert at code unit 1 contains an unpaired surrogate at offset 1",
                message(() -> op("[1, \"x\\ud83d\"]").apply("abc")));
        assertEquals("insert at code unit 0 contains an unpaired surrogate at offset 0",
                message(() -> op("[\"\\ude00y\"]").apply("abc")));
    }

    @Test
    void validateAgainstReportsTheLengthProblemFirst() {
        assertEquals("operation spans 5 code units but clause text has 3",
                message(() -> op("[\"\\ud83d\", 5, \"x\"]").validateAgainst("abc")));
    }

    @Test
    void combiningMarksAreOrdinaryCodeUnits() {
        // e + COMBINING ACUTE: two code units, two separate positions (no grapheme logic here).
        assertEquals("e", op("[1, -1]").apply("e\u0301"));
    }

    // --- compose ---

    @Test
    void composeDeletesWhatWasJustInserted() {
        TextOp a = op("[\"abc\"]");
        TextOp b = op("[1, -1]");
        assertEquals(op("[\"ac\"]"), a.compose(b));
    }

    @Test
    void composeWithImplicitRetains() {
        TextOp a = op("[2, -1]");
        TextOp b = op("[5, \"!\"]");
        assertEquals(op("[2, -1, 3, \"!\"]"), a.compose(b));
        assertEquals("abdef!gh", a.compose(b).apply("abcdefgh"));
    }

    @Test
    void composeOfAnOperationTooLongForTheIntermediateTextFailsOnApply() {
        TextOp a = op("[-2]");
        TextOp b = op("[3, \"x\"]");
        assertThrows(InvalidOperationException.class, () -> a.compose(b).apply("abcd"));
        assertThrows(InvalidOperationException.class, () -> b.apply(a.apply("abcd")));
    }

    // --- transform ---

    @Test
    void tieBreakLeftPutsOwnInsertFirst() {
        TextOp mine = op("[1, \"M\"]");
        TextOp theirs = op("[1, \"T\"]");
        assertEquals(op("[1, \"M\"]"), mine.transform(theirs, Side.LEFT));
        assertEquals(op("[2, \"M\"]"), mine.transform(theirs, Side.RIGHT));
        String s = "ab";
        assertEquals("aMTb", mine.transform(theirs, Side.LEFT).apply(theirs.apply(s)));
        assertEquals("aMTb", theirs.transform(mine, Side.RIGHT).apply(mine.apply(s)));
    }

    @Test
    void insertInsideARangeTheOtherDeletedLandsAtItsStart() {
        TextOp ins = op("[3, \"X\"]");
        TextOp del = op("[1, -4]");
        assertEquals(op("[1, \"X\"]"), ins.transform(del, Side.LEFT));
        // The delete now steps over the X it never saw.
        assertEquals(op("[1, -2, 1, -2]"), del.transform(ins, Side.RIGHT));
        assertEquals("aXf", del.transform(ins, Side.RIGHT).apply(ins.apply("abcdef")));
    }

    @Test
    void overlappingDeletesDeleteOnce() {
        TextOp a = op("[1, -3]");
        TextOp b = op("[2, -3]");
        assertEquals(op("[1, -1]"), a.transform(b, Side.LEFT));
        assertEquals(op("[1, -1]"), b.transform(a, Side.RIGHT));
        assertEquals("af", a.transform(b, Side.LEFT).apply(b.apply("abcdef")));
    }

    @Test
    void insertAtADeletesStartStaysBeforeIt() {
        TextOp ins = op("[2, \"X\"]");
        TextOp del = op("[2, -2]");
        assertEquals(op("[2, \"X\"]"), ins.transform(del, Side.RIGHT));
        assertEquals(op("[2, \"X\"]"), ins.transform(del, Side.LEFT));
        assertEquals(op("[3, -2]"), del.transform(ins, Side.LEFT));
    }

    @Test
    void transformAgainstAnOperationBeyondOwnSpan() {
        assertEquals(op("[\"x\"]"), op("[\"x\"]").transform(op("[10, \"y\"]"), Side.RIGHT));
        assertEquals(op("[4, \"y\"]"), op("[2, \"y\"]").transform(op("[\"ab\"]"), Side.LEFT));
    }

    // --- transformPosition ---

    @Test
    void caretBeforeAnEditStays() {
        assertEquals(1, op("[3, \"xyz\"]").transformPosition(1, false));
        assertEquals(1, op("[3, -2]").transformPosition(1, true));
    }

    @Test
    void caretAfterAnEditShifts() {
        assertEquals(8, op("[3, \"xyz\"]").transformPosition(5, false));
        assertEquals(3, op("[1, -2]").transformPosition(5, false));
    }

    @Test
    void caretAtAnInsertPointFollowsOnlyItsOwnersTyping() {
        TextOp typing = op("[3, \"xyz\"]");
        assertEquals(6, typing.transformPosition(3, true));
        assertEquals(3, typing.transformPosition(3, false));
    }

    @Test
    void caretInsideADeletedRangeMovesToItsStart() {
        assertEquals(1, op("[1, -4]").transformPosition(3, false));
        assertEquals(1, op("[1, -4]").transformPosition(5, false));
        // The deleted range now starts after the Z inserted in front of it.
        assertEquals(2, op("[1, \"Z\", -4]").transformPosition(3, true));
        assertEquals(2, op("[1, \"Z\", -4]").transformPosition(3, false));
        // A caret at the insert point itself only follows its owner's typing.
        assertEquals(2, op("[1, \"Z\", -4]").transformPosition(1, true));
        assertEquals(1, op("[1, \"Z\", -4]").transformPosition(1, false));
    }

    @Test
    void caretBeyondTheOperationShiftsByItsDelta() {
        assertEquals(99, op("[\"ab\", 3, -3]").transformPosition(100, false));
    }

    @Test
    void negativeCaretIsRejected() {
        assertEquals("caret position must be a non-negative integer, got -1",
                message(() -> TextOp.NOOP.transformPosition(-1, false)));
    }

    // --- value semantics ---

    @Test
    void equalityFollowsTheCanonicalForm() {
        assertEquals(op("[1, 1, \"a\"]"), op("[2, \"a\", 9]"));
        assertEquals(op("[1, 1, \"a\"]").hashCode(), op("[2, \"a\", 9]").hashCode());
    }

    @Test
    void toStringEscapesNonAscii() {
        assertEquals("[\"\\ud83d\\ude00\\\"\"]", op("[\"" + EMOJI + "\\\"\"]").toString());
    }
}
