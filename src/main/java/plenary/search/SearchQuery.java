package plenary.search;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

import java.util.HashSet;
import java.util.Set;

/**
 * Reads what a person typed in the search box: words (all of them must match), "exact phrases",
 * OR, -exclusions, trailing wildcards (right*), fuzzy (~); a slash is a character (A/RES/70/1), never
 * a regular expression. Refuses, with a reason, what it cannot
 * run: an empty or over-long query, one made only of wildcards (it would match everything), a
 * syntax error, a field name (filters are parameters, not query syntax), or one that expands to
 * too many terms.
 */
public final class SearchQuery {
    public static final int MAX_LENGTH = 500;

    private SearchQuery() {
    }

    public static Query parse(String text) {
        if (text == null || text.isBlank()) {
            throw new QueryException("the query is empty: type some words to look for");
        }
        if (text.length() > MAX_LENGTH) {
            throw new QueryException("the query is " + text.length() + " characters long; at most " + MAX_LENGTH
                    + " are accepted");
        }
        if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new QueryException("the query has no letter or digit: wildcards alone would match everything");
        }
        QueryParser parser = new QueryParser(IndexFields.TEXT, new SearchAnalyzer());
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(false);
        // A run of Chinese characters is one "word" to the parser and several to ICU: keep them in order.
        parser.setSplitOnWhitespace(true);
        parser.setAutoGeneratePhraseQueries(true);
        Query query;
        try {
            query = parser.parse(slashesAsCharacters(text));
        } catch (ParseException e) {
            throw new QueryException("the query cannot be read: " + firstLine(e.getMessage()));
        } catch (IndexSearcher.TooManyClauses e) {
            throw new QueryException("the query expands to too many terms; be more specific");
        } catch (RuntimeException e) {
            throw new QueryException("the query cannot be read: " + e.getClass().getSimpleName());
        }
        Set<String> fields = new HashSet<>();
        boolean[] regex = {false};
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                fields.add(field);
                return true;
            }

            @Override
            public void visitLeaf(Query leaf) {
                regex[0] |= leaf instanceof org.apache.lucene.search.RegexpQuery;
            }

            @Override
            public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        if (regex[0]) {
            // "/.*x/" would walk every term of the index; words, phrases and wildcards cover what people type.
            throw new QueryException("regular expressions (/…/) are not supported; use words, \"phrases\" or word*");
        }
        fields.remove(IndexFields.TEXT);
        if (!fields.isEmpty()) {
            throw new QueryException("only the text can be searched (not " + String.join(", ", fields)
                    + "); use the document, meeting and kind filters for the rest");
        }
        return query;
    }

    /**
     * Escapes every slash that is not escaped already. To the parser a slash opens a regular
     * expression, and it builds the expression's automaton while parsing, before any check of ours:
     * 350 slashes took minutes and ran out of memory (SearchQueryTest, seed 20561494069614). People
     * type slashes in document symbols (A/RES/70/1), which now find them.
     */
    static String slashesAsCharacters(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                out.append(c).append(text.charAt(++i)); // an escape pair, kept as it is
            } else if (c == '/') {
                out.append("\\/");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
