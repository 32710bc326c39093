package plenary.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Algebraic laws over 10,000 seeded random cases each; see {@link Property} for replay. */
class TextOpPropertyTest {

    private static final int CASES = 10_000;
    private static final int MAX_CODE_POINTS = 12;

    @Test
    void transformedOperationsConverge() {
        Property.forAll("TP1 convergence", CASES, (r, log) -> {
            String s = Gen.text(r, MAX_CODE_POINTS);
            TextOp a = Gen.op(r, s);
            TextOp b = Gen.op(r, s);
            log.append("text=").append(Gen.quote(s)).append("\na=").append(a).append("\nb=").append(b);
            for (Side side : Side.values()) {
                Side opposite = side == Side.LEFT ? Side.RIGHT : Side.LEFT;
                TextOp bAfterA = b.transform(a, opposite);
                TextOp aAfterB = a.transform(b, side);
                log.append("\nside=").append(side)
                        .append(" a'=").append(aAfterB).append(" b'=").append(bAfterA);
                // apply validates, so this also shows transformed ops never cut a surrogate pair.
                String viaA = bAfterA.apply(a.apply(s));
                String viaB = aAfterB.apply(b.apply(s));
                assertEquals(viaA, viaB, "replicas diverged");
                // Stronger: both paths are the same operation, so a server may store either.
                assertEquals(a.compose(bAfterA), b.compose(aAfterB), "composed paths differ");
            }
        });
    }

    @Test
    void composeAgreesWithSequentialApply() {
        Property.forAll("compose", CASES, (r, log) -> {
            String s = Gen.text(r, MAX_CODE_POINTS);
            TextOp a = Gen.op(r, s);
            String s1 = a.apply(s);
            TextOp b = Gen.op(r, s1);
            String s2 = b.apply(s1);
            TextOp c = Gen.op(r, s2);
            log.append("text=").append(Gen.quote(s)).append("\na=").append(a)
                    .append("\nb=").append(b).append("\nc=").append(c);
            TextOp ab = a.compose(b);
            log.append("\ncompose(a,b)=").append(ab);
            assertEquals(b.apply(s1), ab.apply(s));
            assertEquals(a.targetLengthDelta() + b.targetLengthDelta(), ab.targetLengthDelta());
            assertEquals(ab.compose(c), a.compose(b.compose(c)), "compose is not associative");
            assertEquals(c.apply(s2), ab.compose(c).apply(s));
        });
    }

    @Test
    void noopIsIdentityForTransformAndCompose() {
        Property.forAll("no-op transform", CASES, (r, log) -> {
            String s = Gen.text(r, MAX_CODE_POINTS);
            TextOp op = Gen.op(r, s);
            log.append("text=").append(Gen.quote(s)).append("\nop=").append(op);
            for (Side side : Side.values()) {
                assertEquals(op, op.transform(TextOp.NOOP, side));
                assertEquals(TextOp.NOOP, TextOp.NOOP.transform(op, side));
            }
            assertEquals(op, op.compose(TextOp.NOOP));
            assertEquals(op, TextOp.NOOP.compose(op));
            int pos = Gen.boundary(r, s);
            assertEquals(pos, TextOp.NOOP.transformPosition(pos, r.nextBoolean()));
        });
    }

    @Test
    void normalizationIsIdempotentAndPreservesMeaning() {
        Property.forAll("normalization", CASES, (r, log) -> {
            String s = Gen.text(r, MAX_CODE_POINTS);
            List<Component> raw = Gen.rawComponents(r, s);
            log.append("text=").append(Gen.quote(s)).append("\nraw=").append(Gen.wire(raw));
            TextOp once = TextOp.of(raw);
            log.append("\nnormalized=").append(once);
            assertEquals(once, TextOp.of(once.components()), "normalizing twice changed it");
            assertEquals(Gen.naiveApply(s, raw), once.apply(s), "normalizing changed the edit");
            assertCanonical(once);
        });
    }

    @Test
    void jsonRoundTrips() {
        Property.forAll("JSON round trip", CASES, (r, log) -> {
            String s = Gen.text(r, MAX_CODE_POINTS);
            List<Component> raw = Gen.rawComponents(r, s);
            TextOp op = TextOp.of(raw);
            log.append("text=").append(Gen.quote(s)).append("\nop=").append(op);
            String json = TextOpJson.toJsonString(op);
            log.append("\njson=").append(Gen.quote(json));
            assertEquals(op, TextOpJson.parse(json));
            assertEquals(op, TextOpJson.fromJson(TextOpJson.toJson(op)));
            assertEquals(op, TextOpJson.fromList(TextOpJson.toList(op)));
            assertEquals(op, TextOpJson.fromList(Gen.wire(raw)), "parser must normalize");
        });
    }

    @Test
    void transformPositionIsTransformOfAnEmptyInsert() {
        // A caret is an insert of nothing; using a one-character marker makes it visible.
        Property.forAll("transformPosition", CASES, (r, log) -> {
            String s = Gen.text(r, MAX_CODE_POINTS);
            TextOp op = Gen.op(r, s);
            int pos = Gen.boundary(r, s);
            boolean own = r.nextBoolean();
            log.append("text=").append(Gen.quote(s)).append("\nop=").append(op)
                    .append("\npos=").append(pos).append(" own=").append(own);
            TextOp caret = TextOp.builder().retain(pos).insert("\u0000").build();
            String marked = caret.transform(op, own ? Side.RIGHT : Side.LEFT).apply(op.apply(s));
            assertEquals(marked.indexOf('\u0000'), op.transformPosition(pos, own));
        });
    }

    static void assertCanonical(TextOp op) {
        List<Component> cs = op.components();
        if (!cs.isEmpty()) {
            assertFalse(cs.getLast() instanceof Component.Retain, "trailing retain");
        }
        for (int i = 1; i < cs.size(); i++) {
            Component prev = cs.get(i - 1);
            Component cur = cs.get(i);
            assertTrue(prev.getClass() != cur.getClass(), "adjacent components of one type");
            assertFalse(prev instanceof Component.Delete && cur instanceof Component.Insert,
                    "delete before insert");
        }
    }
}
