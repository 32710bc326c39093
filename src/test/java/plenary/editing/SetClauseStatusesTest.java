package plenary.editing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.document.Document;
import plenary.document.DocumentMeta;
import plenary.document.DocumentStatus;
import plenary.document.RandomIds;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several paragraphs agreed in one revision (a silence procedure's conclusion): its JSON form, as
 * logged and sent, and what the document state accepts.
 */
class SetClauseStatusesTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DocumentState state() {
        List<Clause> clauses = List.of(Clause.fresh("pp1", ClauseKind.PREAMBULAR, "Recalling its resolution,"),
                Clause.fresh("op1", ClauseKind.OPERATIVE, "Calls upon cities;"),
                Clause.fresh("op2", ClauseKind.OPERATIVE, "Decides to meet again."));
        return new DocumentState(new Document("d", "T", DocumentMeta.EMPTY, DocumentStatus.NEGOTIATING, 0, clauses),
                RandomIds.seeded(1));
    }

    private static Outcome decide(DocumentState state, Change change) {
        return state.submit(new Submission(null, 0, "the procedure", change), NOW);
    }

    @Test
    void itIsOneRevisionThatSetsEveryNamedParagraphAndNoOther() {
        DocumentState state = state();
        Outcome outcome = decide(state, new Change.SetClauseStatuses(List.of("op2", "pp1"), ClauseStatus.AGREED));
        Commit commit = assertInstanceOf(Outcome.Applied.class, outcome).commit();
        assertEquals(1, commit.revision());
        assertEquals(1, state.revision());
        assertEquals(List.of(ClauseStatus.AGREED, ClauseStatus.BRACKETED, ClauseStatus.AGREED),
                state.document().clauses().stream().map(Clause::status).toList());
        assertEquals(List.of("Recalling its resolution,", "Calls upon cities;", "Decides to meet again."),
                state.document().clauses().stream().map(Clause::text).toList(), "statuses only");
        // An agreed paragraph refuses typing, as after a single set-status.
        Outcome typed = state.submit(new Submission("c", 1, "Graz",
                new Change.TextEdit("op2", 0, TextOp.builder().insert("Also ").build())), NOW);
        assertEquals("paragraph-agreed", assertInstanceOf(Outcome.Rejected.class, typed).code());
    }

    @Test
    void itsJsonIsReadBackAsItWasWritten() throws Exception {
        Change change = new Change.SetClauseStatuses(List.of("pp1", "op1"), ClauseStatus.AGREED);
        JsonNode node = ChangeJson.encode(change);
        assertEquals("{\"type\":\"set-statuses\",\"clauseIds\":[\"pp1\",\"op1\"],\"status\":\"agreed\"}", node.toString());
        assertEquals(change, ChangeJson.decode(JSON.readTree(node.toString())));
        assertEquals("", change.clauseId(), "no one clause: the log's clause column is empty, as for the document's status");
        assertTrue(!change.typed(), "a decision, never a client's");
    }

    @Test
    void malformedOrWrongListsAreRefused() throws Exception {
        for (String bad : List.of("{\"type\":\"set-statuses\",\"status\":\"agreed\"}",
                "{\"type\":\"set-statuses\",\"clauseIds\":[],\"status\":\"agreed\"}",
                "{\"type\":\"set-statuses\",\"clauseIds\":\"op1\",\"status\":\"agreed\"}",
                "{\"type\":\"set-statuses\",\"clauseIds\":[1],\"status\":\"agreed\"}",
                "{\"type\":\"set-statuses\",\"clauseIds\":[\"op1\"],\"status\":\"settled\"}")) {
            assertThrows(InvalidOperationException.class, () -> ChangeJson.decode(JSON.readTree(bad)), bad);
        }
        DocumentState state = state();
        assertEquals("unknown-clause", assertInstanceOf(Outcome.Rejected.class,
                decide(state, new Change.SetClauseStatuses(List.of("op1", "op9"), ClauseStatus.AGREED))).code());
        assertEquals("invalid-change", assertInstanceOf(Outcome.Rejected.class,
                decide(state, new Change.SetClauseStatuses(List.of("op1", "op1"), ClauseStatus.AGREED))).code());
        assertEquals("invalid-change", assertInstanceOf(Outcome.Rejected.class,
                decide(state, new Change.SetClauseStatuses(List.of(), ClauseStatus.AGREED))).code());
        assertEquals(0, state.revision(), "nothing refused was applied");
        assertEquals(ClauseStatus.BRACKETED, state.document().clause("op1").orElseThrow().status());
    }
}
