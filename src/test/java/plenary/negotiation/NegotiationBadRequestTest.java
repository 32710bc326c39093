package plenary.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.AdjustableClock;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.http.TestPeople;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue item 14: bad or out-of-order requests get a clear error and change nothing. Every refusal
 * here goes to a real server over real HTTP; around each one the test reads the negotiation (its
 * {@code seq} counts events), the document (revision, clause texts and statuses) and the audit log,
 * and requires all three to be exactly as they were. Each test works on a document of its own.
 */
@Tag("integration")
class NegotiationBadRequestTest {
    private static final String GRAZ = "City of Graz";
    private static final String VIENNA = "City of Vienna";
    private static final String LYON = "City of Lyon";
    private static final String DRAFT = "# Draft\n\n1. *Calls upon* everyone to act;\n\n2. *Encourages* cities to report;\n";

    /** The server's time: deadlines and the comment edit window are passed by moving it on, not by waiting. */
    private static final AdjustableClock CLOCK = new AdjustableClock();
    private static final Duration COMMENT_EDIT_WINDOW = Duration.ofMinutes(1);

    @TempDir
    static Path dir;

    private static RunningServer server;
    private static HttpTestClient http;
    private static String meetingId;
    private static String chair;
    private static String rapporteur;
    private static String graz;
    private static String vienna;
    private static String lyon;

    /** One meeting: a chair, the rapporteur the test server makes, and three delegations. */
    @BeforeAll
    static void setUp() throws Exception {
        // A short comment edit window, so the window can be seen closing within a test.
        server = RunningServer.startWith(dir, Map.of(), CLOCK, "--no-samples", "--comment-edit-seconds",
                Long.toString(COMMENT_EDIT_WINDOW.toSeconds()));
        http = server.http();
        rapporteur = server.token();
        meetingId = as(rapporteur, () -> HttpTestClient.json(http.get("/api/meetings")))
                .get("meetings").get(0).get("id").asText();
        String admin = TestPeople.signIn(http, "admin", TestPeople.ADMIN_PASSWORD);
        chair = member(admin, "chair", null, "chair");
        graz = member(admin, "delegate", GRAZ, "graz");
        vienna = member(admin, "delegate", VIENNA, "vienna");
        lyon = member(admin, "delegate", LYON, "lyon");
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
    }

    // ---- tabling ----------------------------------------------------------------------------

    /** Tabling waits for the chair: neither tabling a draft nor drafting-and-tabling at once gets through. */
    @Test
    void tablingWhileTablingIsClosed() {
        Doc d = newDocument();
        String draft = draftAmendment(d, graz, d.clause1(), "*Calls upon* all cities to act;", false);

        JsonNode problem = refused(d, 409, "tabling-closed", graz, () -> http.postJson(d.path("/amendments/" + draft + "/table"), "{}"));
        assertTrue(problem.get("detail").asText().contains("not opened"), problem::toString);
        // Drafting and tabling in one request is refused as a whole: no draft is left behind either.
        refused(d, 409, "tabling-closed", graz, () -> http.postJson(d.path("/amendments"),
                amendmentBody(d.clause1(), "*Calls upon* every town to act;", true)));
        assertEquals(List.of(draft), amendmentIds(d, graz), "only the first draft exists, for its sponsor");
        assertEquals("draft", amendment(d, graz, draft).get("state").asText());
    }

    /** A tabling window with a deadline closes by itself: a request after the deadline is refused. */
    @Test
    void tablingAfterTheDeadline() {
        Doc d = newDocument();
        Instant deadline = CLOCK.instant().plus(Duration.ofHours(1));
        ok(chair, () -> http.putJson(d.path("/phases/tabling"), "{\"open\":true,\"deadline\":\"" + deadline + "\"}"));
        // Before the deadline tabling works, so the refusal below is the deadline's doing.
        String tabled = draftAmendment(d, graz, d.clause1(), "*Calls upon* all cities to act;", true);
        String late = draftAmendment(d, graz, d.clause2(), "*Encourages* cities to report yearly;", false);
        CLOCK.advance(Duration.ofHours(1).plusSeconds(1));
        assertTrue(CLOCK.instant().isAfter(deadline));
        assertFalse(negotiation(d).get("phases").get("tabling").get("open").asBoolean(), "past its deadline");

        JsonNode problem = refused(d, 409, "tabling-closed", graz, () -> http.postJson(d.path("/amendments/" + late + "/table"), "{}"));
        assertTrue(problem.get("detail").asText().contains("deadline"), problem::toString);
        // Co-sponsoring is part of tabling, and closes with it.
        refused(d, 409, "tabling-closed", vienna, () -> http.postJson(d.path("/amendments/" + tabled + "/cosponsors"), "{}"));
        assertEquals("draft", amendment(d, graz, late).get("state").asText());
        assertEquals(0, amendment(d, graz, tabled).get("cosponsors").size());
    }

    // ---- formal votes -----------------------------------------------------------------------

    /**
     * A formal vote in order: called (register stage), opened, one ballot per delegation present,
     * closed. Every step out of that order is refused, and the count shows only the ballots that counted.
     */
    @Test
    void formalVoteOutOfOrder() {
        Doc d = newDocument();
        refused(d, 409, "voting-closed", chair, () -> callVote(d));
        ok(chair, () -> http.putJson(d.path("/phases/voting"), "{\"open\":true}"));
        String vote = ok(chair, () -> callVote(d)).get("id").asText();
        String votePath = "/votes/" + vote;
        ok(graz, () -> http.postJson(d.path(votePath + "/presence"), "{}"));
        ok(vienna, () -> http.postJson(d.path(votePath + "/presence"), "{}"));

        // Still taking the presence register: no ballots yet, and nothing to close.
        JsonNode early = refused(d, 409, "vote-not-open", graz, () -> ballot(d, vote, "yes"));
        assertTrue(early.get("detail").asText().contains("not open yet"), early::toString);
        refused(d, 409, "vote-not-open", chair, () -> http.postJson(d.path(votePath + "/close"), "{}"));

        ok(chair, () -> http.postJson(d.path(votePath + "/open"), "{}"));
        refused(d, 409, "vote-not-in-register", chair, () -> http.postJson(d.path(votePath + "/open"), "{}"));
        // Lyon missed the register: it can neither register late nor vote.
        refused(d, 409, "register-closed", lyon, () -> http.postJson(d.path(votePath + "/presence"), "{}"));
        refused(d, 409, "not-present", lyon, () -> ballot(d, vote, "yes"));

        ok(graz, () -> ballot(d, vote, "yes"));
        // Voting twice: neither a changed nor the same choice is taken.
        refused(d, 409, "already-voted", graz, () -> ballot(d, vote, "no"));
        refused(d, 409, "already-voted", graz, () -> ballot(d, vote, "yes"));

        ok(chair, () -> http.postJson(d.path(votePath + "/close"), "{}"));
        JsonNode late = refused(d, 409, "vote-not-open", vienna, () -> ballot(d, vote, "no"));
        assertTrue(late.get("detail").asText().contains("closed"), late::toString);
        refused(d, 409, "vote-not-open", chair, () -> http.postJson(d.path(votePath + "/close"), "{}"));

        JsonNode result = ok(graz, () -> http.get(d.path(votePath))).get("result");
        assertEquals(1, result.get("tally").get("yes").asInt(), result::toString);
        assertEquals(0, result.get("tally").get("no").asInt(), result::toString);
        assertEquals(2, result.get("present").asInt(), result::toString);
    }

    /** The straw poll takes one position per delegation: the same one again is refused, a new one replaces it. */
    @Test
    void indicativeVoteTwiceWithTheSamePosition() {
        Doc d = openForTabling();
        String amendment = draftAmendment(d, graz, d.clause1(), "*Calls upon* all cities to act;", true);

        ok(vienna, () -> indicative(d, amendment, "support"));
        refused(d, 409, "already-voted", vienna, () -> indicative(d, amendment, "support"));
        assertEquals("support", positions(d, amendment).get(VIENNA).asText());
        // Changing one's mind is allowed: the refusal above was about repeating a position.
        ok(vienna, () -> indicative(d, amendment, "oppose"));
        assertEquals("oppose", positions(d, amendment).get(VIENNA).asText());
        assertEquals(1, positions(d, amendment).size());
    }

    // ---- amendments -------------------------------------------------------------------------

    /**
     * Two delegations rewrite the same words of one clause. Once the first is merged, merging the
     * second as tabled is refused; accepting it with a text that resolves the conflict is the way out.
     * Accepting an amendment that is already decided is refused too.
     */
    @Test
    void mergingAConflictingAmendmentNeedsAResolvedText() {
        Doc d = openForTabling();
        String first = draftAmendment(d, graz, d.clause1(), "*Calls upon* all cities to act;", true);
        String second = draftAmendment(d, vienna, d.clause1(), "*Calls upon* every member state to act;", true);
        ok(rapporteur, () -> http.postJson(d.path("/amendments/" + first + "/accept"), "{}"));
        assertEquals("*Calls upon* all cities to act;", clauseText(d, d.clause1()));
        assertEquals("conflicting", ok(rapporteur, () -> http.get(d.path("/amendments/" + second + "/diff")))
                .get("standing").asText());

        JsonNode problem = refused(d, 409, "amendment-conflicts", rapporteur,
                () -> http.postJson(d.path("/amendments/" + second + "/accept"), "{}"));
        assertTrue(problem.get("detail").asText().contains("resolved text"), problem::toString);
        refused(d, 409, "wrong-state", rapporteur, () -> http.postJson(d.path("/amendments/" + first + "/accept"), "{}"));
        assertEquals("*Calls upon* all cities to act;", clauseText(d, d.clause1()));

        String resolved = "*Calls upon* all cities and member states to act;";
        JsonNode accepted = ok(rapporteur, () -> http.postJson(d.path("/amendments/" + second + "/accept"),
                "{\"text\":\"" + resolved + "\"}"));
        assertEquals("accepted-with-changes", accepted.get("state").asText());
        assertEquals(resolved, clauseText(d, d.clause1()));
        // Accepting twice: the second time is out of order, and the merged text stays as it is.
        refused(d, 409, "wrong-state", rapporteur, () -> http.postJson(d.path("/amendments/" + second + "/accept"),
                "{\"text\":\"*Calls upon* nobody;\"}"));
        assertEquals(resolved, clauseText(d, d.clause1()));
    }

    /** Only the sponsoring delegation may withdraw its amendment, and only while it is pending. */
    @Test
    void withdrawingSomeoneElsesAmendment() {
        Doc d = openForTabling();
        String amendment = draftAmendment(d, graz, d.clause1(), "*Calls upon* all cities to act;", true);

        refused(d, 403, "forbidden", vienna, () -> http.postJson(d.path("/amendments/" + amendment + "/withdraw"), "{}"));
        assertEquals("tabled", amendment(d, graz, amendment).get("state").asText());
        ok(graz, () -> http.postJson(d.path("/amendments/" + amendment + "/withdraw"), "{}"));
        refused(d, 409, "amendment-closed", graz, () -> http.postJson(d.path("/amendments/" + amendment + "/withdraw"), "{}"));
    }

    // ---- comments ---------------------------------------------------------------------------

    /** A comment is its author's: others cannot edit or delete it, and the author only within the window. */
    @Test
    void editingSomeoneElsesCommentAndAfterTheWindow() {
        Doc d = newDocument();
        JsonNode comment = ok(graz, () -> comment(d, d.clause1(), "We support this paragraph."));
        String path = d.path("/comments/" + comment.get("id").asText());

        refused(d, 403, "forbidden", vienna, () -> patchJson(path, "{\"body\":\"Graz opposes it.\"}"));
        refused(d, 403, "forbidden", vienna, () -> http.delete(path));

        Instant windowEnd = Instant.parse(comment.get("postedAt").asText()).plus(COMMENT_EDIT_WINDOW);
        CLOCK.advance(COMMENT_EDIT_WINDOW.plusSeconds(1));
        assertTrue(CLOCK.instant().isAfter(windowEnd));
        refused(d, 409, "edit-window-closed", graz, () -> patchJson(path, "{\"body\":\"We support it strongly.\"}"));
        assertEquals("We support this paragraph.", ok(graz, () -> http.get(d.path("/negotiation")))
                .get("comments").get(0).get("body").asText());
    }

    /** A resolved thread takes no replies, and resolving it again is out of order. */
    @Test
    void replyingToAResolvedThread() {
        Doc d = newDocument();
        String comment = ok(graz, () -> comment(d, d.clause1(), "Should this say 'all'?")).get("id").asText();
        ok(chair, () -> http.postJson(d.path("/comments/" + comment + "/resolve"), "{}"));

        refused(d, 409, "thread-resolved", vienna, () -> http.postJson(d.path("/comments"),
                "{\"parentId\":\"" + comment + "\",\"body\":\"Yes, it should.\"}"));
        refused(d, 409, "thread-resolved", chair, () -> http.postJson(d.path("/comments/" + comment + "/resolve"), "{}"));
    }

    // ---- unknown ids ------------------------------------------------------------------------

    /** Ids that do not exist, of every kind, are a 404 that says what was not found. */
    @Test
    void unknownIds() {
        Doc d = openForTabling();
        ok(chair, () -> http.putJson(d.path("/phases/voting"), "{\"open\":true}"));
        // Something real to stand next to the unknown ids, so "unchanged" covers real state.
        String amendment = draftAmendment(d, graz, d.clause1(), "*Calls upon* all cities to act;", true);

        // amendments
        refused(d, 404, "not-found", rapporteur, () -> http.postJson(d.path("/amendments/A-nope/accept"), "{}"));
        refused(d, 404, "not-found", rapporteur, () -> http.postJson(d.path("/amendments/A-nope/reject"), "{\"reason\":\"No.\"}"));
        refused(d, 404, "not-found", graz, () -> http.postJson(d.path("/amendments/A-nope/table"), "{}"));
        refused(d, 404, "not-found", vienna, () -> indicative(d, "A-nope", "support"));
        refused(d, 404, "not-found", graz, () -> http.get(d.path("/amendments/A-nope")));
        refused(d, 404, "not-found", rapporteur, () -> http.postJson(d.path("/compromises"), "{\"clauseId\":\""
                + d.clause1() + "\",\"text\":\"*Calls upon* all;\",\"supersedes\":[\"" + amendment + "\",\"A-nope\"]}"));
        // votes
        refused(d, 404, "not-found", graz, () -> ballot(d, "V-nope", "yes"));
        refused(d, 404, "not-found", graz, () -> http.postJson(d.path("/votes/V-nope/presence"), "{}"));
        refused(d, 404, "not-found", chair, () -> http.postJson(d.path("/votes/V-nope/open"), "{}"));
        refused(d, 404, "not-found", graz, () -> http.get(d.path("/votes/V-nope")));
        refused(d, 404, "not-found", chair, () -> http.postJson(d.path("/votes"),
                "{\"subject\":\"amendment\",\"subjectId\":\"A-nope\",\"question\":\"Adopt it?\"}"));
        // comments
        refused(d, 404, "not-found", graz, () -> patchJson(d.path("/comments/C-nope"), "{\"body\":\"Edited.\"}"));
        refused(d, 404, "not-found", graz, () -> http.delete(d.path("/comments/C-nope")));
        refused(d, 404, "not-found", chair, () -> http.postJson(d.path("/comments/C-nope/resolve"), "{}"));
        refused(d, 404, "not-found", vienna, () -> http.postJson(d.path("/comments"),
                "{\"parentId\":\"C-nope\",\"body\":\"A reply to nothing.\"}"));
        // clauses
        refused(d, 404, "not-found", rapporteur, () -> http.putJson(d.path("/clauses/K-nope/status"), "{\"status\":\"agreed\"}"));
        refused(d, 404, "not-found", graz, () -> http.postJson(d.path("/amendments"), amendmentBody("K-nope", "New text;", false)));
        refused(d, 404, "not-found", graz, () -> comment(d, "K-nope", "About nothing."));
        refused(d, 404, "not-found", chair, () -> http.postJson(d.path("/votes"),
                "{\"subject\":\"clause\",\"subjectId\":\"K-nope\",\"question\":\"Keep it?\"}"));
        // documents: the real one stays as it is
        refused(d, 404, "not-found", chair, () -> http.get("/api/documents/D-nope/negotiation"));
        refused(d, 404, "not-found", graz, () -> http.postJson("/api/documents/D-nope/amendments",
                amendmentBody(d.clause1(), "New text;", true)));
        refused(d, 404, "not-found", chair, () -> http.postJson("/api/documents/D-nope/adopt", "{}"));
        refused(d, 404, "not-found", chair, () -> http.putJson("/api/documents/D-nope/phases/tabling", "{\"open\":false}"));
    }

    // ---- malformed requests -----------------------------------------------------------------

    /** Bodies that cannot be read, fields of the wrong type, values outside an enumeration: 400, and nothing happens. */
    @Test
    void malformedBodies() {
        Doc d = openForTabling();
        ok(chair, () -> http.putJson(d.path("/phases/voting"), "{\"open\":true}"));
        String amendment = draftAmendment(d, graz, d.clause1(), "*Calls upon* all cities to act;", true);
        String vote = ok(chair, () -> callVote(d)).get("id").asText();

        // not JSON, or not an object
        refused(d, 400, "bad-request", graz, () -> http.postJson(d.path("/comments"), "{\"targetId\": \"" + d.clause1()));
        refused(d, 400, "bad-request", graz, () -> http.postJson(d.path("/comments"), "[\"a comment\"]"));
        refused(d, 400, "bad-request", graz, () -> http.postJson(d.path("/amendments/" + amendment + "/indicative"), ""));
        refused(d, 415, "unsupported-media-type", graz, () -> http.post(d.path("/comments"), "text/plain",
                ("{\"targetId\":\"" + d.clause1() + "\",\"body\":\"Hi\"}").getBytes(StandardCharsets.UTF_8)));
        // wrong types and missing fields
        refused(d, 400, "bad-request", graz, () -> http.postJson(d.path("/comments"), "{\"targetId\":42,\"body\":\"Hi\"}"));
        refused(d, 400, "bad-request", graz, () -> http.postJson(d.path("/comments"), "{\"targetId\":\"" + d.clause1() + "\"}"));
        refused(d, 400, "bad-request", graz, () -> http.postJson(d.path("/amendments"), "{\"clauseId\":\"" + d.clause1()
                + "\",\"text\":\"*Calls upon* all;\",\"baseVersion\":\"1\"}"));
        refused(d, 400, "bad-request", graz, () -> http.postJson(d.path("/amendments"), "{\"clauseId\":\"" + d.clause1()
                + "\",\"text\":\"*Calls upon* all;\",\"table\":\"yes\"}"));
        refused(d, 400, "bad-request", chair, () -> http.putJson(d.path("/phases/tabling"), "{\"open\":\"no\"}"));
        refused(d, 400, "bad-request", chair, () -> http.putJson(d.path("/phases/tabling"), "{}"));
        refused(d, 400, "bad-request", rapporteur, () -> http.postJson(d.path("/amendments/" + amendment + "/reject"), "{}"));
        refused(d, 400, "bad-request", chair, () -> http.postJson(d.path("/votes"),
                "{\"subject\":\"document\",\"question\":\"Adopt?\",\"quorum\":0}"));
        // unknown enumeration values
        refused(d, 400, "bad-request", vienna, () -> indicative(d, amendment, "maybe"));
        refused(d, 400, "bad-request", graz, () -> ballot(d, vote, "perhaps"));
        refused(d, 400, "bad-request", rapporteur, () -> http.putJson(d.path("/clauses/" + d.clause1() + "/status"),
                "{\"status\":\"done\"}"));
        refused(d, 400, "bad-request", graz, () -> http.postJson(d.path("/comments"), "{\"targetId\":\"" + d.clause1()
                + "\",\"stance\":\"furious\",\"body\":\"Hi\"}"));
        refused(d, 400, "bad-request", graz, () -> http.postJson(d.path("/amendments"), "{\"clauseId\":\"" + d.clause1()
                + "\",\"kind\":\"rewrite\",\"text\":\"*Calls upon* all;\"}"));
        refused(d, 404, "not-found", chair, () -> http.putJson(d.path("/phases/lunch"), "{\"open\":true}"));
        // well-formed but unusable values
        refused(d, 422, "invalid-request", chair, () -> http.putJson(d.path("/phases/tabling"),
                "{\"open\":true,\"deadline\":\"tomorrow at six\"}"));
        refused(d, 422, "invalid-request", chair, () -> http.putJson(d.path("/phases/tabling"),
                "{\"open\":true,\"deadline\":\"" + CLOCK.instant().minusSeconds(60) + "\"}"));
        refused(d, 422, "invalid-request", graz, () -> comment(d, d.clause1(), "   "));
    }

    // ---- adoption ---------------------------------------------------------------------------

    /**
     * An adopted document can be read and exported, nothing else: every later change of any kind is
     * 409 document-adopted and leaves text, negotiation and audit log as adoption left them.
     */
    @Test
    void afterAdoptionNothingChanges() {
        Doc d = openForTabling();
        String tabled = draftAmendment(d, graz, d.clause1(), "*Calls upon* all cities to act;", true);
        String draft = draftAmendment(d, graz, d.clause2(), "*Encourages* cities to report yearly;", false);
        String comment = ok(graz, () -> comment(d, d.clause1(), "We support this paragraph.")).get("id").asText();
        ok(chair, () -> http.putJson(d.path("/phases/voting"), "{\"open\":true}"));
        String vote = ok(chair, () -> callVote(d)).get("id").asText();
        ok(graz, () -> http.postJson(d.path("/votes/" + vote + "/presence"), "{}"));
        ok(chair, () -> http.postJson(d.path("/votes/" + vote + "/open"), "{}"));
        ok(chair, () -> http.postJson(d.path("/votes/" + vote + "/close"), "{}"));
        JsonNode adopted = ok(chair, () -> http.postJson(d.path("/adopt"), "{}"));
        assertFalse(adopted.get("adoption").isNull(), adopted::toString);
        String exportBefore = export(d);

        String a = d.path("/amendments/");
        // delegations
        refused(d, 409, "document-adopted", graz, () -> http.postJson(d.path("/amendments"),
                amendmentBody(d.clause1(), "*Calls upon* every town to act;", true)));
        refused(d, 409, "document-adopted", graz, () -> http.postJson(a + draft + "/table", "{}"));
        refused(d, 409, "document-adopted", vienna, () -> http.postJson(a + tabled + "/cosponsors", "{}"));
        refused(d, 409, "document-adopted", graz, () -> http.postJson(a + tabled + "/withdraw", "{}"));
        refused(d, 409, "document-adopted", vienna, () -> indicative(d, tabled, "support"));
        refused(d, 409, "document-adopted", vienna, () -> comment(d, d.clause1(), "Too late?"));
        refused(d, 409, "document-adopted", graz, () -> patchJson(d.path("/comments/" + comment), "{\"body\":\"Edited.\"}"));
        refused(d, 409, "document-adopted", graz, () -> ballot(d, vote, "yes"));
        refused(d, 409, "document-adopted", graz, () -> http.postJson(d.path("/silence/breaks"),
                "{\"clauseId\":\"" + d.clause1() + "\",\"reason\":\"We object.\"}"));
        // rapporteur
        refused(d, 409, "document-adopted", rapporteur, () -> http.putJson(d.path("/clauses/" + d.clause1() + "/status"),
                "{\"status\":\"agreed\"}"));
        refused(d, 409, "document-adopted", rapporteur, () -> http.postJson(a + tabled + "/accept", "{}"));
        refused(d, 409, "document-adopted", rapporteur, () -> http.postJson(a + tabled + "/reject", "{\"reason\":\"Late.\"}"));
        refused(d, 409, "document-adopted", rapporteur, () -> http.postJson(d.path("/compromises"), "{\"clauseId\":\""
                + d.clause1() + "\",\"text\":\"*Calls upon* all to act;\",\"supersedes\":[\"" + tabled + "\"]}"));
        // chair
        refused(d, 409, "document-adopted", chair, () -> callVote(d));
        refused(d, 409, "document-adopted", chair, () -> http.putJson(d.path("/phases/tabling"), "{\"open\":false}"));
        refused(d, 409, "document-adopted", chair, () -> http.putJson(d.path("/phases/comments"), "{\"open\":false}"));
        refused(d, 409, "document-adopted", chair, () -> http.postJson(d.path("/silence"),
                "{\"deadline\":\"" + CLOCK.instant().plusSeconds(3600) + "\"}"));
        refused(d, 409, "document-adopted", chair, () -> http.postJson(d.path("/comments/" + comment + "/resolve"), "{}"));
        refused(d, 409, "document-adopted", chair, () -> http.delete(d.path("/comments/" + comment)));
        refused(d, 409, "document-adopted", chair, () -> http.postJson(d.path("/adopt"), "{}"));

        // Reading and exporting still work, and show the adopted text.
        JsonNode state = ok(graz, () -> http.get(d.path("/negotiation")));
        assertEquals("adopted", state.get("documentStatus").asText());
        assertEquals(adopted.get("adoption"), state.get("adoption"));
        assertEquals("adopted", ok(graz, () -> http.get(d.path(""))).get("status").asText());
        assertEquals(exportBefore, export(d));
        assertTrue(exportBefore.contains("everyone to act"), exportBefore);
    }


    // ---- the check around every refusal -----------------------------------------------------

    /** What a refusal must leave alone: the negotiation, the document and the audit log. */
    private record Snapshot(JsonNode negotiation, JsonNode document, JsonNode audit) {
    }

    private static Snapshot snapshot(Doc d) {
        return new Snapshot(negotiation(d), ok(chair, () -> http.get(d.path(""))),
                ok(chair, () -> http.get(d.path("/audit"))).get("entries"));
    }

    /**
     * Sends {@code request} as {@code token} and requires a problem of {@code status} and
     * {@code type} with a detail that says what went wrong, and that nothing changed. Returns the problem.
     */
    private static JsonNode refused(Doc d, int status, String type, String token, Supplier<HttpResponse<String>> request) {
        Snapshot before = snapshot(d);
        HttpResponse<String> response = as(token, request);
        String what = response.request().method() + " " + response.uri().getPath() + " → " + response.statusCode()
                + " " + response.body();
        assertEquals(status, response.statusCode(), what);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), what);
        JsonNode problem = HttpTestClient.json(response);
        assertEquals("/problems/" + type, problem.path("type").asText(), what);
        assertEquals(status, problem.path("status").asInt(), what);
        assertFalse(problem.path("detail").asText().isBlank(), () -> "a clear error says what went wrong: " + what);

        Snapshot after = snapshot(d);
        assertEquals(before.negotiation().get("seq"), after.negotiation().get("seq"), () -> "no event after " + what);
        assertEquals(before.document().get("revision"), after.document().get("revision"), () -> "no revision after " + what);
        assertEquals(before.document(), after.document(), () -> "the document is unchanged after " + what);
        // "frame" counts live frames: the tick of the step before may publish one in between.
        assertEquals(HttpTestClient.withoutFrame(before.negotiation()), HttpTestClient.withoutFrame(after.negotiation()),
                () -> "the negotiation is unchanged after " + what);
        assertEquals(before.audit(), after.audit(), () -> "no audit entry after " + what);
        return problem;
    }

    /** Sends {@code request} as {@code token}, requires a 2xx JSON answer and returns it. */
    private static JsonNode ok(String token, Supplier<HttpResponse<String>> request) {
        HttpResponse<String> response = as(token, request);
        assertTrue(response.statusCode() >= 200 && response.statusCode() < 300,
                () -> response.request().method() + " " + response.uri() + " → " + response.statusCode() + " " + response.body());
        return HttpTestClient.json(response);
    }

    private static <T> T as(String token, Supplier<T> work) {
        return TestPeople.withToken(http, token, work);
    }

    // ---- setting the scene ------------------------------------------------------------------

    /** A document and the ids of its two operative clauses. */
    private record Doc(String id, String clause1, String clause2) {
        String path(String rest) {
            return "/api/documents/" + id + rest;
        }
    }

    private static String member(String admin, String role, String delegation, String username) {
        String password = "password-of-" + username;
        TestPeople.invite(http, admin, meetingId, role, delegation, username, password, username);
        return TestPeople.signIn(http, username, password);
    }

    private static Doc newDocument() {
        JsonNode created = ok(rapporteur, () -> http.post("/api/documents?meeting=" + meetingId, HttpTestClient.MARKDOWN,
                DRAFT.getBytes(StandardCharsets.UTF_8)));
        JsonNode clauses = created.get("clauses");
        assertEquals(2, clauses.size(), created::toString);
        assertEquals("*Calls upon* everyone to act;", clauses.get(0).get("text").asText());
        return new Doc(created.get("id").asText(), clauses.get(0).get("id").asText(), clauses.get(1).get("id").asText());
    }

    private static Doc openForTabling() {
        Doc d = newDocument();
        ok(chair, () -> http.putJson(d.path("/phases/tabling"), "{\"open\":true}"));
        return d;
    }

    private static String amendmentBody(String clauseId, String text, boolean table) {
        return "{\"clauseId\":\"" + clauseId + "\",\"text\":\"" + text + "\",\"table\":" + table + "}";
    }

    private static String draftAmendment(Doc d, String delegate, String clauseId, String text, boolean table) {
        JsonNode created = ok(delegate, () -> http.postJson(d.path("/amendments"), amendmentBody(clauseId, text, table)));
        assertEquals(table ? "tabled" : "draft", created.get("state").asText());
        return created.get("id").asText();
    }

    private static HttpResponse<String> comment(Doc d, String clauseId, String body) {
        return http.postJson(d.path("/comments"), "{\"targetId\":\"" + clauseId + "\",\"body\":\"" + body + "\"}");
    }

    private static HttpResponse<String> callVote(Doc d) {
        return http.postJson(d.path("/votes"), "{\"subject\":\"document\",\"question\":\"Adopt the draft?\"}");
    }

    private static HttpResponse<String> ballot(Doc d, String vote, String choice) {
        return http.postJson(d.path("/votes/" + vote + "/ballots"), "{\"choice\":\"" + choice + "\"}");
    }

    private static HttpResponse<String> indicative(Doc d, String amendment, String position) {
        return http.postJson(d.path("/amendments/" + amendment + "/indicative"), "{\"position\":\"" + position + "\"}");
    }

    private static HttpResponse<String> patchJson(String path, String json) {
        return http.send(http.request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    // ---- reading back -----------------------------------------------------------------------

    private static JsonNode negotiation(Doc d) {
        return ok(chair, () -> http.get(d.path("/negotiation")));
    }

    private static JsonNode amendment(Doc d, String viewer, String id) {
        return ok(viewer, () -> http.get(d.path("/amendments/" + id)));
    }

    private static List<String> amendmentIds(Doc d, String viewer) {
        JsonNode amendments = ok(viewer, () -> http.get(d.path("/negotiation"))).get("amendments");
        return StreamSupport.stream(amendments.spliterator(), false)
                .map(a -> a.get("id").asText()).toList();
    }

    private static JsonNode positions(Doc d, String amendment) {
        return amendment(d, vienna, amendment).get("indicative").get("positions");
    }

    private static String clauseText(Doc d, String clauseId) {
        for (JsonNode clause : ok(chair, () -> http.get(d.path(""))).get("clauses")) {
            if (clause.get("id").asText().equals(clauseId)) {
                return clause.get("text").asText();
            }
        }
        throw new AssertionError("no clause " + clauseId);
    }

    private static String export(Doc d) {
        HttpResponse<String> response = as(graz, () -> http.get(d.path("/export?format=md")));
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }
}
