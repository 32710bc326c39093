package plenary.amendment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The server's word segmentation and word diff against the vectors the browser's diff is checked
 * against too ({@code src/test/js/history/word-vectors.test.mjs}): Chinese, Japanese, Thai, Arabic
 * with its vowel signs, Russian, emoji sequences, Markdown marks. Issue 19: a Chinese paragraph was
 * one word, so inserting "、预算" struck out the whole paragraph and any two amendments to it clashed.
 */
class WordsVectorsTest {
    private static final JsonNode VECTORS = read();

    @Test
    void segmentsAsTheBrowserDoes() {
        for (JsonNode v : VECTORS.get("tokens")) {
            List<String> expected = new ArrayList<>();
            v.get("tokens").forEach(t -> expected.add(t.asText()));
            assertEquals(expected, Words.tokens(v.get("text").asText()), v.get("name").asText());
        }
    }

    @Test
    void diffsAsTheBrowserDoes() {
        for (JsonNode v : VECTORS.get("diffs")) {
            List<String> expected = new ArrayList<>();
            v.get("parts").forEach(p -> expected.add(p.get("kind").asText() + ":" + p.get("text").asText()));
            assertEquals(expected, normalised(WordDiff.between(v.get("from").asText(), v.get("to").asText())),
                    v.get("name").asText());
        }
    }

    /** Neighbours of one kind merged, each run of changes as its deletion then its insertion (the browser's form). */
    private static List<String> normalised(List<Segment> segments) {
        List<String> out = new ArrayList<>();
        StringBuilder deleted = new StringBuilder();
        StringBuilder inserted = new StringBuilder();
        StringBuilder equal = new StringBuilder();
        for (Segment s : segments) {
            if (s.kind() == Segment.Kind.EQUAL) {
                flushChanges(out, deleted, inserted);
                equal.append(s.text());
            } else {
                if (!equal.isEmpty()) {
                    out.add("equal:" + equal);
                    equal.setLength(0);
                }
                (s.kind() == Segment.Kind.DELETE ? deleted : inserted).append(s.text());
            }
        }
        flushChanges(out, deleted, inserted);
        if (!equal.isEmpty()) {
            out.add("equal:" + equal);
        }
        return out;
    }

    private static void flushChanges(List<String> out, StringBuilder deleted, StringBuilder inserted) {
        if (!deleted.isEmpty()) {
            out.add("delete:" + deleted);
            deleted.setLength(0);
        }
        if (!inserted.isEmpty()) {
            out.add("insert:" + inserted);
            inserted.setLength(0);
        }
    }

    private static JsonNode read() {
        try (InputStream in = WordsVectorsTest.class.getResourceAsStream("/plenary/words/vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException("the word vectors could not be read", e);
        }
    }
}
