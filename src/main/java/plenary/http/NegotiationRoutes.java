package plenary.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import plenary.amendment.AmendmentKind;
import plenary.deliberation.BallotChoice;
import plenary.deliberation.BallotKind;
import plenary.deliberation.CommentTarget;
import plenary.deliberation.IndicativePosition;
import plenary.deliberation.MajorityRule;
import plenary.deliberation.Phase;
import plenary.deliberation.Stance;
import plenary.deliberation.VoteSubject;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.negotiation.Command;
import plenary.negotiation.Negotiation;
import plenary.negotiation.Recorded;
import plenary.negotiation.Visibility;
import plenary.negotiation.Wire;
import plenary.people.Action;
import plenary.store.DocumentRepository;
import plenary.view.NegotiationJson;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * REST routes of a document's negotiation: amendments, comments, indicative and formal votes,
 * phases, paragraph statuses, the silence procedure, adoption and the audit log. Each route reads
 * its body into one {@link Command}; {@link Negotiator} checks the policy and has the document's
 * sequencer decide it, so REST and the live socket see one order of events.
 */
final class NegotiationRoutes {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Vertx vertx;
    private final DocumentRepository documents;
    private final Negotiator negotiator;
    private final Supplier<String> ids;

    NegotiationRoutes(Vertx vertx, DocumentRepository documents, Negotiator negotiator, Supplier<String> ids) {
        this.vertx = vertx;
        this.documents = documents;
        this.negotiator = negotiator;
        this.ids = ids;
    }

    void mount(Router router) {
        String doc = "/api/documents/:id";
        router.get(doc + "/negotiation").handler(this::state);
        router.put(doc + "/phases/:phase").handler(this::setPhase);

        router.post(doc + "/amendments").handler(this::draft);
        router.get(doc + "/amendments/:aid").handler(ctx -> read(ctx, "amendment", param(ctx, "aid")));
        router.get(doc + "/amendments/:aid/diff").handler(this::diff);
        router.post(doc + "/amendments/:aid/table").handler(ctx -> amendment(ctx, new Command.TableAmendment(param(ctx, "aid"))));
        router.post(doc + "/amendments/:aid/withdraw").handler(ctx -> amendment(ctx, new Command.WithdrawAmendment(param(ctx, "aid"))));
        router.post(doc + "/amendments/:aid/cosponsors").handler(ctx -> amendment(ctx, new Command.Cosponsor(param(ctx, "aid"))));
        router.post(doc + "/amendments/:aid/accept").handler(ctx -> amendment(ctx, new Command.AcceptAmendment(
                param(ctx, "aid"), RequestFields.optional(optionalBody(ctx), "text"))));
        router.post(doc + "/amendments/:aid/reject").handler(ctx -> amendment(ctx, new Command.RejectAmendment(
                param(ctx, "aid"), RequestFields.required(JsonBody.object(ctx), "reason"))));
        router.post(doc + "/amendments/:aid/indicative").handler(ctx -> amendment(ctx, new Command.IndicativeVote(
                param(ctx, "aid"), RequestFields.choice(JsonBody.object(ctx), "position", IndicativePosition.class, null))));
        router.post(doc + "/compromises").handler(this::compromise);
        router.get(doc + "/conflicts").handler(this::conflicts);

        router.post(doc + "/comments").handler(this::comment);
        router.patch(doc + "/comments/:cid").handler(ctx -> comment(ctx, new Command.EditComment(param(ctx, "cid"),
                RequestFields.required(JsonBody.object(ctx), "body")), param(ctx, "cid")));
        router.delete(doc + "/comments/:cid").handler(ctx -> comment(ctx, new Command.DeleteComment(param(ctx, "cid")),
                param(ctx, "cid")));
        router.post(doc + "/comments/:cid/resolve").handler(ctx -> comment(ctx,
                new Command.ResolveThread(param(ctx, "cid")), null));

        router.put(doc + "/clauses/:cid/status").handler(this::setStatus);

        router.post(doc + "/votes").handler(this::callVote);
        router.get(doc + "/votes/:vid").handler(ctx -> read(ctx, "vote", param(ctx, "vid")));
        router.post(doc + "/votes/:vid/presence").handler(ctx -> vote(ctx, new Command.RegisterPresence(param(ctx, "vid"))));
        router.post(doc + "/votes/:vid/open").handler(ctx -> vote(ctx, new Command.OpenVote(param(ctx, "vid"))));
        router.post(doc + "/votes/:vid/ballots").handler(ctx -> vote(ctx, new Command.CastBallot(param(ctx, "vid"),
                RequestFields.choice(JsonBody.object(ctx), "choice", BallotChoice.class, null))));
        router.post(doc + "/votes/:vid/close").handler(ctx -> vote(ctx, new Command.CloseVote(param(ctx, "vid"))));

        router.post(doc + "/silence").handler(this::startSilence);
        router.post(doc + "/silence/breaks").handler(this::breakSilence);
        router.post(doc + "/adopt").handler(this::adopt);
        router.get(doc + "/audit").handler(this::audit);
    }

    private void state(RoutingContext ctx) {
        readView(ctx, "state", null, body -> body);
    }

    private void read(RoutingContext ctx, String what, String viewId) {
        readView(ctx, what, viewId, body -> body);
    }

    /** The word diff of an amendment against the current text, with its standing. */
    private void diff(RoutingContext ctx) {
        String aid = param(ctx, "aid");
        readView(ctx, "amendment", aid, body -> {
            JsonObject full = new JsonObject(body);
            JsonObject out = new JsonObject().put("id", aid).put("clauseId", full.getString("clauseId"))
                    .put("state", full.getString("state"));
            for (String field : new String[] {"standing", "stale", "proposal", "conflicts", "diff"}) {
                out.put(field, full.getValue(field));
            }
            return out.encode();
        });
    }

    /** The conflict groups alone: built without the rest of the state (amendments, comments, votes). */
    private void conflicts(RoutingContext ctx) {
        readView(ctx, "conflicts", null, body -> body);
    }

    /** A view for a reader of the document, shaped by {@code shape} into the answer. */
    private void readView(RoutingContext ctx, String what, String viewId, Function<String, String> shape) {
        String id = DocumentIds.documentId(ctx);
        negotiator.acting(ctx, id, Action.READ)
                .compose(acting -> negotiator.view(id, what, viewId, acting.actor()))
                .map(shape::apply)
                .onSuccess(body -> json(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private void setPhase(RoutingContext ctx) {
        String id = DocumentIds.documentId(ctx);
        Phase phase = Wire.parse(Phase.class, ctx.pathParam("phase")).orElseThrow(() -> new ProblemException(
                Problem.notFound("no phase '" + ctx.pathParam("phase") + "'; phases are tabling, comments, voting")));
        JsonObject body = JsonBody.object(ctx);
        if (body.getValue("open") == null) {
            throw new ProblemException(Problem.badRequest("field 'open' is required"));
        }
        negotiator.run(ctx, id, new Command.SetPhase(phase, RequestFields.flag(body, "open", false),
                RequestFields.optional(body, "deadline")), 200, "state", null);
    }

    private void draft(RoutingContext ctx) {
        String id = DocumentIds.documentId(ctx);
        JsonObject body = JsonBody.object(ctx);
        AmendmentKind kind = RequestFields.choice(body, "kind", AmendmentKind.class, AmendmentKind.MODIFY);
        String clauseKind = RequestFields.optional(body, "clauseKind");
        ClauseKind newKind = clauseKind == null ? null : ClauseKind.fromWireName(clauseKind).orElseThrow(
                () -> new ProblemException(Problem.badRequest("unknown clauseKind '" + clauseKind + "'")));
        String aid = "A-" + ids.get();
        negotiator.run(ctx, id, new Command.DraftAmendment(aid, kind, RequestFields.required(body, "clauseId"),
                RequestFields.optional(body, "after"), newKind, RequestFields.whole(body, "baseVersion"),
                RequestFields.optional(body, "baseText"), RequestFields.optional(body, "text"),
                RequestFields.optional(body, "rationale"), RequestFields.flag(body, "table", false)),
                201, "amendment", aid);
    }

    private void amendment(RoutingContext ctx, Command command) {
        String aid = param(ctx, "aid");
        negotiator.run(ctx, DocumentIds.documentId(ctx), command, 200, "amendment", aid);
    }

    private void compromise(RoutingContext ctx) {
        JsonObject body = JsonBody.object(ctx);
        String cid = "A-" + ids.get();
        negotiator.run(ctx, DocumentIds.documentId(ctx), new Command.Compromise(cid,
                RequestFields.required(body, "clauseId"), RequestFields.required(body, "text"),
                RequestFields.strings(body, "supersedes"), RequestFields.optional(body, "rationale")),
                201, "amendment", cid);
    }

    private void comment(RoutingContext ctx) {
        JsonObject body = JsonBody.object(ctx);
        String cid = "C-" + ids.get();
        String parentId = RequestFields.optional(body, "parentId");
        // A reply joins its parent's thread, so it needs no target of its own.
        String targetId = parentId == null ? RequestFields.required(body, "targetId")
                : java.util.Objects.requireNonNullElse(RequestFields.optional(body, "targetId"), "");
        negotiator.run(ctx, DocumentIds.documentId(ctx), new Command.PostComment(cid,
                RequestFields.choice(body, "target", CommentTarget.class, CommentTarget.CLAUSE), targetId, parentId,
                RequestFields.choice(body, "stance", Stance.class, Stance.NEUTRAL),
                RequestFields.required(body, "body")), 201, "comment", cid);
    }

    private void comment(RoutingContext ctx, Command command, String viewId) {
        String commentId = viewId != null ? viewId : param(ctx, "cid");
        negotiator.run(ctx, DocumentIds.documentId(ctx), command, 200, "comment", commentId);
    }

    private void setStatus(RoutingContext ctx) {
        JsonObject body = JsonBody.object(ctx);
        String clauseId = param(ctx, "cid");
        String status = RequestFields.required(body, "status");
        ClauseStatus next = ClauseStatus.fromWireName(status).orElseThrow(() -> new ProblemException(
                Problem.badRequest("status must be bracketed, agreed-ad-ref or agreed")));
        negotiator.run(ctx, DocumentIds.documentId(ctx), new Command.SetClauseStatus(clauseId, next), 200, null, null);
    }

    private void callVote(RoutingContext ctx) {
        JsonObject body = JsonBody.object(ctx);
        String vid = "V-" + ids.get();
        Long quorum = RequestFields.whole(body, "quorum");
        if (quorum != null && (quorum < 1 || quorum > 100_000)) {
            throw new ProblemException(Problem.badRequest("quorum must be a positive number of delegations"));
        }
        negotiator.run(ctx, DocumentIds.documentId(ctx), new Command.CallVote(vid,
                RequestFields.choice(body, "subject", VoteSubject.class, null), RequestFields.optional(body, "subjectId"),
                RequestFields.required(body, "question"),
                RequestFields.choice(body, "majority", MajorityRule.class, MajorityRule.SIMPLE),
                RequestFields.choice(body, "ballot", BallotKind.class, BallotKind.OPEN),
                quorum == null ? null : quorum.intValue(), null), 201, "vote", vid);
    }

    private void vote(RoutingContext ctx, Command command) {
        negotiator.run(ctx, DocumentIds.documentId(ctx), command, 200, "vote", param(ctx, "vid"));
    }

    private void startSilence(RoutingContext ctx) {
        JsonObject body = JsonBody.object(ctx);
        String sid = "S-" + ids.get();
        negotiator.run(ctx, DocumentIds.documentId(ctx), new Command.StartSilence(sid,
                RequestFields.strings(body, "clauseIds"), RequestFields.required(body, "deadline")),
                201, "silence", sid);
    }

    private void breakSilence(RoutingContext ctx) {
        JsonObject body = JsonBody.object(ctx);
        negotiator.run(ctx, DocumentIds.documentId(ctx), new Command.BreakSilence(
                RequestFields.required(body, "clauseId"), RequestFields.required(body, "reason")), 200, "state", null);
    }

    private void adopt(RoutingContext ctx) {
        String id = DocumentIds.documentId(ctx);
        negotiator.run(ctx, id, new Command.Adopt(), 200, "state", null);
    }

    /**
     * The audit log, oldest first, in pages: who, when, what, before → after, as this reader may see
     * it ({@link Visibility}). Whether an entry is a delegation's own business depends on what became
     * of its amendment since, so the whole durable log is folded to judge the page against it.
     */
    private void audit(RoutingContext ctx) {
        String id = DocumentIds.documentId(ctx);
        long after = longParam(ctx, "after", 0);
        int limit = (int) longParam(ctx, "limit", 500);
        if (after < 0 || limit < 1 || limit > 500) {
            throw new ProblemException(Problem.badRequest("after must be ≥ 0 and limit between 1 and 500"));
        }
        negotiator.acting(ctx, id, Action.READ_AUDIT)
                .compose(acting -> vertx.executeBlocking(() -> {
                    List<Recorded> log = documents.log().events(id, 0, Integer.MAX_VALUE);
                    Negotiation now = new Negotiation(Negotiation.DEFAULT_EDIT_WINDOW);
                    log.forEach(r -> now.apply(r.event()));
                    List<Recorded> page = log.stream().filter(r -> r.seq() > after).limit(limit + 1L).toList();
                    JsonArray entries = new JsonArray();
                    page.stream().limit(limit).forEach(r -> entries.add(new JsonObject(NegotiationJson.entry(r,
                            Visibility.entry(now, r, acting.actor())).toString())));
                    JsonObject out = new JsonObject().put("entries", entries);
                    if (page.size() > limit) {
                        out.put("next", page.get(limit - 1).seq());
                    }
                    return out.encode();
                }, false))
                .onSuccess(body -> json(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private static String param(RoutingContext ctx, String name) {
        String value = ctx.pathParam(name);
        if (value == null || !ID.matcher(value).matches()) {
            String what = switch (name) {
                case "aid" -> "amendment";
                case "vid" -> "vote";
                case "cid" -> ctx.request().path().contains("/clauses/") ? "clause" : "comment";
                default -> name;
            };
            // The same answer as for a well-formed id that does not exist: ids are not guessable either way.
            throw new ProblemException(Problem.notFound("no " + what + " with that id"));
        }
        return value;
    }

    private static long longParam(RoutingContext ctx, String name, long fallback) {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.badRequest(name + " must be a whole number"));
        }
    }

    /** An optional JSON body: none at all is fine, a malformed one is not. */
    private static JsonObject optionalBody(RoutingContext ctx) {
        if (ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
            return new JsonObject();
        }
        return JsonBody.object(ctx);
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
