package plenary.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import plenary.document.Document;
import plenary.document.DocumentException;
import plenary.document.MarkdownImporter;
import plenary.document.ParseBudget;
import plenary.live.LiveAddresses;
import plenary.people.Action;
import plenary.people.Decision;
import plenary.people.Meeting;
import plenary.people.PermissionPolicy;
import plenary.people.Principal;
import plenary.store.DocumentRepository;
import plenary.store.PeopleRepository;
import plenary.view.DocumentJson;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.function.Supplier;

/**
 * REST routes for outcome documents: create from Markdown, list, read (export: {@link ExportRoutes}).
 * Imports run on a {@link WorkQueue} of their own, each within a {@link ParseBudget} that ends at
 * {@link #IMPORT_DEADLINE} or when the client goes away.
 */
final class DocumentRoutes {
    /** How long one import may parse before it is refused with 422; a real draft takes milliseconds. */
    static final Duration IMPORT_DEADLINE = Duration.ofSeconds(10);
    /**
     * Imports are counted by their size in KiB, at least {@link #IMPORT_MIN_KIB} each: a script may
     * send a batch of ordinary drafts at once (160 of them on two cores by default), while the Markdown
     * held waiting stays within {@link WorkLimits#importsWaitingMib()} a thread (five drafts of 2 MiB).
     */
    static final int IMPORT_MIN_KIB = 64;
    static final int RETRY_AFTER_SECONDS = 5;

    private final Vertx vertx;
    private final DocumentRepository documents;
    private final PeopleRepository people;
    private final Access access;
    private final Supplier<String> ids;
    private final MarkdownImporter importer;
    private final WorkQueue imports;

    DocumentRoutes(Vertx vertx, DocumentRepository documents, PeopleRepository people, Access access,
                   Supplier<String> ids, WorkLimits work) {
        this.vertx = vertx;
        this.documents = documents;
        this.people = people;
        this.access = access;
        this.ids = ids;
        this.importer = new MarkdownImporter(ids);
        int threads = WorkQueue.halfTheCores();
        this.imports = WorkQueue.shared(vertx, "plenary-imports", "imports", threads,
                threads * work.importsWaitingMib() * 1024L, RETRY_AFTER_SECONDS);
    }

    void mount(Router router) {
        router.post("/api/documents").handler(this::create);
        router.get("/api/documents").handler(this::list);
        router.get("/api/documents/:id").handler(this::get);
    }

    /**
     * Imports a draft into {@code ?meeting=ID}, or into the one meeting where the person drafts. The
     * role is checked first, on the shared pool, so a person who may not import never takes a place
     * in the import queue; a client that leaves cancels its import, waiting or running.
     */
    private void create(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String meeting = ctx.queryParams().get("meeting");
        io.vertx.core.buffer.Buffer body = MarkdownBody.checked(ctx);
        ParseBudget budget = ParseBudget.within(IMPORT_DEADLINE);
        ctx.response().closeHandler(v -> budget.cancel());
        if (ctx.response().closed()) {
            budget.cancel(); // the client left while its body was read: the handler above will not run
        }
        blocking(() -> {
            String meetingId = meeting != null ? meeting : onlyDraftingMeeting(me);
            access.meeting(me, meetingId, Action.CREATE_DOCUMENT);
            return meetingId;
        }).compose(meetingId -> imports.submit(Math.max(IMPORT_MIN_KIB, body.length() / 1024), () -> {
            MarkdownImporter.Imported imported = importDraft(MarkdownBody.decode(body), budget);
            // Nobody would hear of a draft stored for a client that has gone.
            budget.check();
            documents.create(imported.document(), meetingId);
            return imported;
        })).onSuccess(imported -> {
            Document document = imported.document();
            vertx.eventBus().publish(LiveAddresses.CHANGED, document.id());
            // What may not have been read as its author meant, said rather than left to be found.
            JsonArray warnings = new JsonArray();
            imported.warnings().forEach(w -> warnings.add(new JsonObject().put("code", w.code()).put("message", w.message())));
            ctx.response()
                .setStatusCode(201)
                .putHeader("Location", "/api/documents/" + document.id())
                .putHeader("Content-Type", "application/json")
                .end(DocumentJson.document(document).put("warnings", warnings).encode());
        }).onFailure(failure -> WorkQueue.fail(ctx, failure));
    }

    private MarkdownImporter.Imported importDraft(String markdown, ParseBudget budget) {
        try {
            return importer.readWithWarnings(ids.get(), markdown, budget);
        } catch (DocumentException e) {
            throw new ProblemException(Problem.unprocessable(e.getMessage()));
        } catch (RuntimeException e) {
            // The parser gave up in a way of its own: the draft is refused, nothing is stored.
            throw new ProblemException(Problem.unprocessable("the Markdown could not be read: " + e.getClass().getSimpleName()));
        }
    }

    private String onlyDraftingMeeting(Principal me) {
        List<String> drafting = people.meetingsOf(me.userId()).stream().map(Meeting::id)
                .filter(m -> people.role(m, me.userId()).map(r -> PermissionPolicy.decide(me, r, Action.CREATE_DOCUMENT)
                        == Decision.ALLOW).orElse(false))
                .toList();
        if (drafting.size() != 1) {
            throw new ProblemException(Problem.badRequest(drafting.isEmpty()
                    ? "you draft in no meeting; name one with ?meeting=ID"
                    : "you draft in several meetings; name one with ?meeting=ID"));
        }
        return drafting.getFirst();
    }

    /** The documents of every meeting the person belongs to (all of them for an admin). */
    private void list(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String meeting = ctx.queryParams().get("meeting");
        blocking(() -> {
            Set<String> readable = me.admin() ? null
                    : people.meetingsOf(me.userId()).stream().map(Meeting::id).collect(Collectors.toSet());
            return documents.list().stream()
                    .filter(s -> readable == null || readable.contains(s.meetingId()))
                    .filter(s -> meeting == null || meeting.equals(s.meetingId()))
                    .toList();
        })
                .onSuccess(list -> {
                    JsonArray items = new JsonArray();
                    list.forEach(s -> items.add(DocumentJson.summary(s)));
                    json(ctx, new JsonObject().put("documents", items));
                })
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String id = DocumentIds.documentId(ctx);
        blocking(() -> {
            access.document(me, id, Action.READ);
            return documents.find(id).orElseThrow(() -> DocumentIds.unknown(id));
        })
                .onSuccess(document -> json(ctx, DocumentJson.document(document)))
                .onFailure(ctx::fail);
    }

    private <T> Future<T> blocking(Callable<T> work) {
        // Unordered: independent requests must not queue behind each other on one worker.
        return vertx.executeBlocking(work, false);
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
}
