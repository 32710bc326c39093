package plenary.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import plenary.live.SequencerRequest;
import plenary.live.Sequencers;
import plenary.negotiation.Actor;
import plenary.negotiation.Command;
import plenary.negotiation.CommandAction;
import plenary.people.Action;
import plenary.people.Membership;
import plenary.people.Principal;
import plenary.people.Role;
import plenary.store.PeopleRepository;
import plenary.view.NegotiationSnapshot;
import plenary.view.NegotiationViews;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * Carries a negotiation request to the document's sequencer: checks the permission policy for the
 * command's action, says who is acting (role, delegation), and turns a refusal into problem JSON.
 * The sequencer decides; this class only delivers and answers.
 */
final class Negotiator {

    private final Vertx vertx;
    private final PeopleRepository people;
    private final Access access;
    private final Sequencers sequencers;
    /** Views are built here, two at a time at most, apart from the pool that serves the database. */
    private final WorkerExecutor views;
    /** Views built once per state and class of readers, shared by the routers of every event loop. */
    private final ViewCache cache;

    Negotiator(Vertx vertx, PeopleRepository people, Access access, Sequencers sequencers) {
        this.vertx = vertx;
        this.people = people;
        this.access = access;
        this.sequencers = sequencers;
        this.views = vertx.createSharedWorkerExecutor("plenary-views", 2);
        this.cache = ViewCache.of(vertx);
    }

    /** Who is acting in a document, with the meeting id. */
    record Acting(Actor actor, String meetingId) {
    }

    /** Who is acting in a document, once the policy allowed {@code action} ({@link Access#documentSeat}). */
    Future<Acting> acting(RoutingContext ctx, String documentId, Action action) {
        Principal me = Access.principal(ctx);
        return vertx.executeBlocking(() -> {
            Access.Seat seat = access.documentSeat(me, documentId, action);
            return new Acting(new Actor(me.userId(), me.displayName(), seat.grant().role(), seat.delegation()),
                    seat.grant().meetingId());
        }, false);
    }

    /** The delegations that may vote in a meeting: those its delegates speak for. */
    Future<List<String>> electorate(String meetingId) {
        return vertx.executeBlocking(() -> people.members(meetingId).stream()
                .filter(m -> m.role() == Role.DELEGATE).map(Membership::delegation).filter(Objects::nonNull)
                .distinct().sorted().toList(), false);
    }

    /**
     * Checks the command's action against the policy, then has the sequencer decide it; answers
     * {@code status} with the view {@code what}/{@code viewId} as it is afterwards (null: the bare outcome).
     */
    void run(RoutingContext ctx, String documentId, Command command, int status, String what, String viewId) {
        acting(ctx, documentId, CommandAction.of(command))
                .compose(acting -> withElectorate(command, acting)
                        .compose(c -> send(documentId, c, acting.actor()))
                        .compose(applied -> what == null ? Future.succeededFuture(applied.encode())
                                : view(documentId, what, viewId, acting.actor())))
                .onSuccess(body -> ctx.response().setStatusCode(status)
                        .putHeader("Content-Type", "application/json").end(body))
                .onFailure(ctx::fail);
    }

    /** A vote's electorate is the meeting's delegations at the moment it is called. */
    private Future<Command> withElectorate(Command command, Acting acting) {
        if (command instanceof Command.CallVote call) {
            return electorate(acting.meetingId()).map(list -> new Command.CallVote(call.id(), call.subject(),
                    call.subjectId(), call.question(), call.rule(), call.ballot(), call.quorum(), list));
        }
        return Future.succeededFuture(command);
    }

    Future<JsonObject> send(String documentId, Command command, Actor actor) {
        return sequencers.<JsonObject>request(documentId, new SequencerRequest.Negotiate(command, actor))
                .recover(e -> Future.failedFuture(e instanceof io.vertx.core.eventbus.ReplyException re
                        && re.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT
                        ? new ProblemException(Problem.unavailable("the document did not answer in time; the request "
                                + "may still be carried out: reload before trying again"))
                        : e))
                .compose(reply -> {
                    JsonObject outcome = reply.body();
                    if ("applied".equals(outcome.getString("outcome"))) {
                        return Future.succeededFuture(outcome);
                    }
                    return Future.failedFuture(new ProblemException(refusal(outcome)));
                });
    }

    /**
     * A view for this person, built here (on the views' own workers) from the sequencer's snapshot,
     * or one already built for a reader who sees the same ({@link ViewCache}); a 404 when it is not
     * there for them.
     */
    Future<String> view(String documentId, String what, String id, Actor viewer) {
        return sequencers.<NegotiationSnapshot>request(documentId, new SequencerRequest.View())
                .compose(reply -> {
                    NegotiationSnapshot snapshot = reply.body();
                    return cache.view(documentId, snapshot, what, id, viewer, parts -> views.executeBlocking(() -> {
                        JsonNode view = NegotiationViews.of(snapshot, what, id, viewer, parts);
                        return view == null ? null : view.toString();
                    }, false));
                })
                .compose(view -> view != null ? Future.succeededFuture(view)
                        : Future.failedFuture(new ProblemException(Problem.notFound("no " + what + " " + id))));
    }

    private static Problem refusal(JsonObject outcome) {
        String code = outcome.getString("code", "refused");
        String message = outcome.getString("message");
        return switch (outcome.getString("kind", "CONFLICT")) {
            case "NOT_FOUND" -> new Problem(404, "not-found", "Not found", message);
            case "FORBIDDEN" -> new Problem(403, "forbidden", "Not allowed", message);
            case "INVALID" -> new Problem(422, "invalid-request", "The request cannot be carried out as written", message);
            default -> new Problem(409, code, "Refused in the current state of the negotiation", message);
        };
    }
}
