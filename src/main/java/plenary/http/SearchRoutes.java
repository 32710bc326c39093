package plenary.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import plenary.document.Clause;
import plenary.people.Action;
import plenary.people.Decision;
import plenary.people.DelegationRules;
import plenary.people.Meeting;
import plenary.people.Membership;
import plenary.people.PermissionPolicy;
import plenary.people.Principal;
import plenary.search.Precedents;
import plenary.search.QueryException;
import plenary.search.Scope;
import plenary.search.Search;
import plenary.search.SearchHit;
import plenary.search.SearchIndex;
import plenary.search.SearchKind;
import plenary.search.SearchPage;
import plenary.search.SearchRequest;
import plenary.store.DocumentRepository;
import plenary.store.PeopleRepository;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code GET /api/search} and {@code GET /api/documents/{id}/clauses/{cid}/precedents}. A person
 * searches the meetings where the permission policy lets them read; within them, other
 * delegations' drafts (and comments on them) are never matched.
 */
final class SearchRoutes {
    private final Vertx vertx;
    private final DocumentRepository documents;
    private final PeopleRepository people;
    private final Access access;
    private final Search search;
    private final Precedents precedents;

    SearchRoutes(Vertx vertx, DocumentRepository documents, PeopleRepository people, Access access, SearchIndex index) {
        this.vertx = vertx;
        this.documents = documents;
        this.people = people;
        this.access = access;
        this.search = new Search(index);
        this.precedents = new Precedents(index);
    }

    void mount(Router router) {
        router.get("/api/search").handler(this::search);
        router.get("/api/documents/:id/clauses/:cid/precedents").handler(this::precedents);
    }

    private void search(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        var params = ctx.queryParams();
        SearchRequest request;
        try {
            String kind = params.get("kind");
            request = new SearchRequest(params.get("q"), params.get("document"), params.get("meeting"),
                    kind == null ? null : SearchKind.fromWireName(kind).orElseThrow(() -> new QueryException(
                            "unknown kind '" + kind + "'; use clause, amendment, comment or adopted")),
                    whole(params.get("page"), 1, "page"), whole(params.get("size"), 10, "size"));
        } catch (QueryException e) {
            throw new ProblemException(Problem.badRequest(e.getMessage()));
        }
        blocking(() -> search.run(request, scope(me)))
                .onSuccess(page -> json(ctx, page(page)))
                .onFailure(e -> ctx.fail(e instanceof QueryException q
                        ? new ProblemException(Problem.badRequest(q.getMessage())) : e));
    }

    private void precedents(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String id = DocumentIds.documentId(ctx);
        String clauseId = ctx.pathParam("cid");
        int limit;
        try {
            limit = whole(ctx.queryParams().get("limit"), 5, "limit");
        } catch (QueryException e) {
            throw new ProblemException(Problem.badRequest(e.getMessage()));
        }
        if (limit < 1 || limit > Precedents.MAX) {
            throw new ProblemException(Problem.badRequest("limit must be a whole number from 1 to " + Precedents.MAX));
        }
        blocking(() -> {
            access.document(me, id, Action.READ);
            Clause clause = documents.find(id).orElseThrow(() -> DocumentIds.unknown(id)).clause(clauseId)
                    .orElseThrow(() -> new ProblemException(Problem.notFound("no clause " + clauseId + " in document " + id)));
            return precedents.like(clause.text(), id, scope(me), limit);
        }).onSuccess(hits -> {
            JsonArray out = new JsonArray();
            hits.forEach(h -> out.add(hit(h)));
            json(ctx, new JsonObject().put("clauseId", clauseId).put("precedents", out));
        }).onFailure(ctx::fail);
    }

    /** The meetings this person may read, by the permission policy, with the delegation they speak for in each. */
    private Scope scope(Principal me) {
        List<Meeting> candidates = me.admin() ? people.meetings() : people.meetingsOf(me.userId());
        Set<String> readable = new HashSet<>();
        Map<String, String> delegations = new HashMap<>();
        for (Meeting meeting : candidates) {
            Membership membership = people.membership(meeting.id(), me.userId()).orElse(null);
            if (PermissionPolicy.decide(me, membership == null ? null : membership.role(), Action.READ)
                    == Decision.ALLOW) {
                readable.add(meeting.id());
                String delegation = membership == null ? null
                        : DelegationRules.spokenFor(membership.role(), membership.delegation());
                if (delegation != null) {
                    delegations.put(meeting.id(), delegation);
                }
            }
        }
        return new Scope(readable, me.userId(), delegations);
    }

    private static int whole(String value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new QueryException(name + " must be a whole number");
        }
    }

    private static JsonObject page(SearchPage page) {
        JsonArray results = new JsonArray();
        page.hits().forEach(h -> results.add(hit(h)));
        return new JsonObject().put("total", page.total()).put("page", page.page()).put("size", page.size())
                .put("results", results);
    }

    private static JsonObject hit(SearchHit h) {
        JsonArray snippet = new JsonArray();
        h.snippet().forEach(p -> snippet.add(new JsonObject().put("text", p.text()).put("match", p.match())));
        return new JsonObject().put("kind", h.kind().wireName()).put("documentId", h.documentId())
                .put("documentTitle", h.documentTitle()).put("meetingId", h.meetingId()).put("clauseId", h.clauseId())
                .put("number", h.number()).put("targetId", h.targetId()).put("label", h.label()).put("snippet", snippet)
                .put("score", h.score());
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
}
