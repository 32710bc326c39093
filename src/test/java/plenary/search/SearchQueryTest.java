package plenary.search;

import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What people type in the search box: every string is either a query or a refusal with a reason. */
class SearchQueryTest {
    private static final int CASES = 5_000;
    private static final String[] ALPHABETS = {
            "abcdeéèçñüßAZ", "αβγδεΥπενθυμίζοντας", "ПризываетЖщ", "الحكوماتتدعو", "地方政府鼓励", "0123456789",
            "\uD83C\uDFDB\uD83D\uDE00", "ـ\u200B\u00AD"};
    private static final String[] SYNTAX = {"+", "-", "&&", "||", "!", "(", ")", "{", "}", "[", "]", "^", "\"", "~",
            "*", "?", ":", "\\", "/", " AND ", " OR ", " NOT ", " TO ", "text:", "title:", "~0.5", "^2"};
    private static final String[] SPACES = {" ", "  ", "\t", "\n", "\u00A0", "\u3000"};

    @Test
    void everyStringIsAQueryOrARefusal() {
        long seed = Long.getLong("plenary.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < CASES; i++) {
            String text = randomText(random);
            try {
                Query query = SearchQuery.parse(text);
                assertNotNull(query, () -> "null query for " + quote(text));
            } catch (QueryException refused) {
                assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank(), "a refusal says why");
            } catch (Throwable other) {
                fail("case " + i + " of seed " + seed + " (rerun with -Dplenary.seed=" + seed + "): " + quote(text)
                        + " threw " + other, other);
            }
        }
    }

    @Test
    void ordinarySyntaxIsAccepted() {
        for (String ok : new String[]{"declaration", "Déclaration de Graz", "\"exact phrase\"", "right*", "rihgts~",
                "cities OR regions", "cities -regions", "(cities OR regions) AND data", "地方政府", "UN-Habitat",
                "text:cities", "x".repeat(SearchQuery.MAX_LENGTH)}) {
            assertNotNull(SearchQuery.parse(ok), ok);
        }
    }

    @Test
    void wildcardAndFuzzyTermsAreFoldedLikeTheIndexedText() {
        // The index holds "призывает", "declaration", "oeuvre": what people type must reach those terms.
        assertEquals("text:призыва*", SearchQuery.parse("Призыва*").toString());
        assertEquals("text:declar*", SearchQuery.parse("Déclar*").toString());
        assertEquals("text:oeuvr?", SearchQuery.parse("Œuvr?").toString());
        assertEquals("text:interdependant~2", SearchQuery.parse("Interdépendant~").toString());
    }

    /**
     * A slash opened a regular expression, whose automaton the parser built before any check: "/.*x/"
     * could walk the whole index, and a run of 350 slashes ran the JVM out of memory after minutes
     * (seed 20561494069614). Slashes are characters now; document symbols have them.
     */
    @Test
    void slashesAreCharactersNeverRegularExpressions() {
        for (String text : new String[] {"/.*x/", "cities /reg.*/", "A/RES/70/1", "\t   " + "/".repeat(340) + "x",
                "x" + "/a".repeat(200), "\\/x/", "\"A/RES/70/1\"", "/(a|b)*c{1000}/"}) {
            try {
                Query query = SearchQuery.parse(text);
                query.visit(new org.apache.lucene.search.QueryVisitor() {
                    @Override
                    public void visitLeaf(Query leaf) {
                        assertFalse(leaf instanceof org.apache.lucene.search.RegexpQuery, text + " -> " + query);
                    }

                    @Override
                    public org.apache.lucene.search.QueryVisitor getSubVisitor(
                            org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
                        return this;
                    }
                });
            } catch (QueryException refused) {
                assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank(), text);
            }
        }
        assertEquals("text:\"a res 70 1\"", SearchQuery.parse("A/RES/70/1").toString(), "a symbol is a phrase of its parts");
    }

    @Test
    void emptyQueriesAreRefused() {
        refused(null, "empty");
        refused("", "empty");
        refused(" \t\n", "empty");
    }

    @Test
    void overLongQueriesAreRefusedWithTheirLength() {
        refused("x".repeat(SearchQuery.MAX_LENGTH + 1), "501 characters long; at most 500");
    }

    @Test
    void wildcardsAloneAreRefused() {
        refused("*", "no letter or digit");
        refused("?*", "no letter or digit");
        refused("* ? ~ \"\"", "no letter or digit");
    }

    @Test
    void syntaxErrorsAreRefused() {
        refused("\"unclosed", "cannot be read");
        refused("a AND", "cannot be read");
        refused("(cities", "cannot be read");
        refused("*cities", "cannot be read");
        refused("[a TO", "cannot be read");
    }

    @Test
    void fieldNamesAreRefused() {
        refused("title:x", "only the text can be searched (not title)");
        refused("cities AND kind:adopted", "not kind");
        refused("reader:public", "not reader");
    }

    private static void refused(String text, String reason) {
        QueryException e = assertThrows(QueryException.class, () -> SearchQuery.parse(text), () -> quote(text));
        assertTrue(e.getMessage().contains(reason), () -> quote(text) + ": " + e.getMessage());
    }

    private static String randomText(SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        int pieces = random.nextInt(1, 40);
        for (int p = 0; p < pieces; p++) {
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> {
                    String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
                    int length = random.nextInt(1, 12);
                    for (int c = 0; c < length; c++) {
                        int at = alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())));
                        out.appendCodePoint(alphabet.codePointAt(at));
                    }
                }
                case 4, 5, 6 -> out.append(SYNTAX[random.nextInt(SYNTAX.length)]);
                case 7, 8 -> out.append(SPACES[random.nextInt(SPACES.length)]);
                default -> {
                    // A long run: of one syntax character, nested brackets, or one letter.
                    String unit = random.nextBoolean() ? SYNTAX[random.nextInt(SYNTAX.length)] : "a(";
                    out.append(unit.repeat(random.nextInt(1, 300)));
                }
            }
        }
        return out.toString();
    }

    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        return "\"" + (text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + " chars)" : text) + "\"";
    }
}
