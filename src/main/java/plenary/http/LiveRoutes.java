package plenary.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import plenary.editing.Change;
import plenary.editing.ChangeJson;
import plenary.editing.Commit;
import plenary.live.Sequencers;
import plenary.people.Action;
import plenary.people.Principal;
import plenary.store.DocumentRepository;
import plenary.view.DocumentJson;

import java.util.List;

/** The live socket of a document and the history its operation log gives. */
final class LiveRoutes {
    private static final int MAX_HISTORY_PAGE = 500;

    private final Vertx vertx;
    private final DocumentRepository documents;
    private final Access access;
    private final Sequencers sequencers;
    private final LiveLimits limits;
    private final CurrentRoles roles;

    LiveRoutes(Vertx vertx, DocumentRepository documents, Access access, Sequencers sequencers, LiveLimits limits) {
        this.vertx = vertx;
        this.documents = documents;
        this.access = access;
        this.sequencers = sequencers;
        this.limits = limits;
        this.roles = CurrentRoles.of(vertx);
    }

    void mount(Router router) {
        router.get("/api/documents/:id/live").handler(this::upgrade);
        router.get("/api/documents/:id/revisions/:rev").handler(this::revision);
        router.get("/api/documents/:id/history").handler(this::history);
    }

    /** The upgrade itself needs READ; each message is then checked again, with its own action. */
    private void upgrade(RoutingContext ctx) {
        Authenticated auth = Authenticator.of(ctx).orElse(null);
        Principal me = Access.principal(ctx);
        String id = DocumentIds.documentId(ctx);
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            // Not an upgrade (a plain GET, or an HTTP/2 one): answer like any other route, after
            // the same access check, so a foreign document still looks unknown.
            vertx.executeBlocking(() -> access.documentRole(me, id, Action.READ), false)
                    .onSuccess(grant -> ctx.fail(new ProblemException(new Problem(426, "upgrade-required",
                            "WebSocket upgrade required", "this is the live socket of document " + id
                            + "; open it as a WebSocket (see /docs/live-protocol.md)"))))
                    .onFailure(ctx::fail);
            return;
        }
        // Held until the sequencer is ready: the upgrade must not race the request's end.
        ctx.request().pause();
        Context here = vertx.getOrCreateContext();
        long roleMark = roles.now(); // before the role is read: a change after the read then counts
        vertx.executeBlocking(() -> access.documentSeat(me, id, Action.READ), false)
                .compose(seat -> sequencers.ensure(id).map(seat))
                // Back on the request's own event loop: the sequencer's deployment may complete on
                // another one, and an upgrade made from there raced the connection's close
                // ("Result is already complete") and blocked that loop during the handshake.
                .onComplete(checked -> here.runOnContext(v -> accept(ctx, checked, me, auth, roleMark)));
    }

    private void accept(RoutingContext ctx, AsyncResult<Access.Seat> checked, Principal me, Authenticated auth,
                        long roleMark) {
        if (ctx.response().closed()) {
            return; // the client left while it was checked: there is nobody to answer or upgrade
        }
        if (checked.failed()) {
            ctx.request().resume();
            ctx.fail(checked.cause());
            return;
        }
        Access.Grant grant = checked.result().grant();
        String delegation = checked.result().delegation();
        String id = DocumentIds.documentId(ctx);
        Future<ServerWebSocket> upgraded = ctx.request().toWebSocket();
        // Vert.x (5.0.7) fails the handshake from the request's exception handler when the connection
        // is lost, and then fails it again when it reads the request's end, already queued: an
        // unhandled "Promise already completed" for every client that left at that moment. Without
        // the handler, a lost connection fails the handshake once, at the end ("Invalid request").
        ctx.request().exceptionHandler(null);
        upgraded
                .onSuccess(socket -> {
                    AccessLog.upgraded(ctx);
                    new LiveConnection(socket, vertx.eventBus(), sequencers, id, limits, new LiveConnection.Viewer(me,
                            grant.meetingId(), grant.role(), delegation, auth.tokenHash(), roleMark)).start();
                })
                .onFailure(failure -> {
                    if (!ctx.response().closed()) {
                        ctx.fail(failure instanceof ProblemException ? failure : new ProblemException(
                                Problem.badRequest("the WebSocket upgrade failed: " + failure.getMessage())));
                    }
                });
    }

    private void revision(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String id = DocumentIds.documentId(ctx);
        long revision = DocumentIds.revision(ctx);
        vertx.executeBlocking(() -> {
            access.document(me, id, Action.READ);
            return documents.at(id, revision).orElseThrow(() -> DocumentIds.unknown(id));
        }, false)
                .onSuccess(document -> {
                    if (document.revision() != revision) {
                        ctx.fail(new ProblemException(Problem.notFound("document " + id + " has no revision "
                                + revision + "; its newest is " + document.revision())));
                        return;
                    }
                    json(ctx, DocumentJson.document(document));
                })
                .onFailure(ctx::fail);
    }

    /** The logged changes after {@code after}, oldest first, a page at a time. */
    private void history(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String id = DocumentIds.documentId(ctx);
        long after = queryLong(ctx, "after", 0, 0);
        int limit = (int) queryLong(ctx, "limit", 100, 1);
        int page = Math.min(limit, MAX_HISTORY_PAGE);
        vertx.executeBlocking(() -> {
            access.document(me, id, Action.READ);
            return documents.log().commits(id, after, Long.MAX_VALUE, page + 1);
        }, false).onSuccess(commits -> json(ctx, historyPage(commits, page))).onFailure(ctx::fail);
    }

    /** One more than a page is read, so {@code next} appears only when something follows. */
    private static JsonObject historyPage(List<Commit> read, int page) {
        List<Commit> commits = read.size() > page ? read.subList(0, page) : read;
        JsonArray revisions = new JsonArray();
        for (Commit commit : commits) {
            JsonObject revision = new JsonObject()
                    .put("revision", commit.revision())
                    .put("author", commit.author())
                    .put("at", commit.at().toString())
                    .put("type", ChangeJson.encode(commit.change()).get("type").asText())
                    .put("clauseId", commit.change().clauseId());
            if (commit.change() instanceof Change.SetClauseStatuses statuses) {
                revision.put("clauseIds", new JsonArray(statuses.clauseIds())).put("status", statuses.status().wireName());
            }
            revisions.add(revision);
        }
        JsonObject body = new JsonObject().put("revisions", revisions);
        if (read.size() > page) {
            body.put("next", commits.getLast().revision());
        }
        return body;
    }

    private static long queryLong(RoutingContext ctx, String name, long fallback, long min) {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new ProblemException(Problem.badRequest("query parameter " + name + " must be an integer >= " + min));
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
}
