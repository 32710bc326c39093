package plenary.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Java (server) and web/js/text-op.js (browser) must compute identical results, or replicas
 * diverge. Java writes seeded vectors to target/ot-vectors.json; node recomputes them with the
 * JS module, then writes its own seeded vectors to target/ot-vectors-from-js.json, which Java
 * recomputes here. Node is required (see {@link NodeJs}).
 */
@Tag("integration")
class TextOpCrossLanguageTest {

    private static final int CASES = 2_000;
    private static final int EDGES = 1_000;
    private static final Path SCRIPT = Path.of("src/test/js/check-text-op-vectors.mjs");
    private static final Path MODULE = Path.of("web/js/text-op.js");

    @Test
    void javaAndJavaScriptAgreeBothWays() throws Exception {
        Path node = NodeJs.find("to check that web/js/text-op.js agrees with the Java OT implementation");
        assertTrue(Files.isRegularFile(SCRIPT), "missing " + SCRIPT.toAbsolutePath());
        assertTrue(Files.isRegularFile(MODULE), "missing " + MODULE.toAbsolutePath());

        long seed = Property.seed();
        String replay = " (seed=" + seed + ", replay with -Dplenary.seed=" + seed + ")";
        SplittableRandom r = new SplittableRandom(seed);
        ObjectNode doc = OtVectors.JSON.createObjectNode();
        doc.put("generator", "java");
        doc.put("seed", Long.toString(seed)); // a string: JS numbers cannot hold every long
        ArrayNode cases = doc.putArray("cases");
        for (int i = 0; i < CASES; i++) {
            cases.add(OtVectors.randomCase(r));
        }
        ArrayNode edges = doc.putArray("edges");
        for (int i = 0; i < EDGES; i++) {
            edges.add(OtVectors.randomEdge(r));
        }
        ArrayNode malformed = doc.putArray("malformed");
        OtVectors.MALFORMED.forEach(json -> malformed.add(OtVectors.malformed(json)));

        Path target = Files.createDirectories(Path.of("target"));
        Path javaVectors = target.resolve("ot-vectors.json");
        Path jsVectors = target.resolve("ot-vectors-from-js.json");
        Files.deleteIfExists(jsVectors);
        OtVectors.JSON.writeValue(javaVectors.toFile(), doc);

        Process p = new ProcessBuilder(node.toString(), SCRIPT.toString(), javaVectors.toString())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("node did not finish within 2 minutes" + replay + "\n" + output);
        }
        assertEquals(0, p.exitValue(), () -> "node rejected the Java vectors" + replay + ":\n" + output);
        System.out.print(output);

        JsonNode js = OtVectors.JSON.readTree(jsVectors.toFile());
        assertEquals("javascript", js.path("generator").asText(), "unexpected " + jsVectors);
        int checked = 0;
        for (Iterator<JsonNode> it = OtVectors.elements(js, "cases"); it.hasNext(); checked++) {
            JsonNode c = it.next();
            ObjectNode actual;
            try {
                actual = OtVectors.expectCase(c);
            } catch (RuntimeException e) {
                throw new AssertionError("Java threw on JavaScript case " + checked + replay + ": "
                        + OtVectors.show(c), e);
            }
            String diff = OtVectors.firstDifference(c.get("expect"), actual);
            if (diff != null) {
                fail("JavaScript case " + checked + " disagrees" + replay + ": " + diff
                        + "\ninput: " + OtVectors.show(c));
            }
        }
        assertTrue(checked >= CASES, "node wrote only " + checked + " cases");
        int edgesChecked = 0;
        for (Iterator<JsonNode> it = OtVectors.elements(js, "edges"); it.hasNext(); edgesChecked++) {
            JsonNode e = it.next();
            String diff = OtVectors.firstDifference(e.get("expect"), OtVectors.expectEdge(e));
            if (diff != null) {
                fail("JavaScript edge case " + edgesChecked + " disagrees" + replay + ": " + diff
                        + "\ninput: " + OtVectors.show(e));
            }
        }
        for (Iterator<JsonNode> it = OtVectors.elements(js, "malformed"); it.hasNext(); ) {
            JsonNode m = it.next();
            assertEquals(m.get("error").textValue(), OtVectors.malformedError(m.get("json").textValue()),
                    "parser message for " + m.get("json") + replay);
        }
        System.out.println("Java agrees with " + checked + " JavaScript cases and " + edgesChecked + " edge cases");
    }
}
