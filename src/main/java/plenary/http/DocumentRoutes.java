package plenary.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import plenary.document.Document;
import plenary.document.DocumentException;
import plenary.document.MarkdownExporter;
import plenary.document.MarkdownImporter;
import plenary.store.DocumentRepository;
import plenary.view.DocumentJson;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** REST routes for outcome documents: create from Markdown, list, read, export. */
final class DocumentRoutes {
    private final Vertx vertx;
    private final DocumentRepository documents;
    private final Supplier<String> ids;
    private final MarkdownImporter importer;
    private final MarkdownExporter exporter = new MarkdownExporter();

    DocumentRoutes(Vertx vertx, DocumentRepository documents, Supplier<String> ids) {
        this.vertx = vertx;
        this.documents = documents;
        this.ids = ids;
        this.importer = new MarkdownImporter(ids);
    }

    void mount(Router router) {
        router.post("/api/documents").handler(this::create);
        router.get("/api/documents").handler(this::list);
        router.get("/api/documents/:id").handler(this::get);
        router.get("/api/documents/:id/export").handler(this::export);
    }

    private void create(RoutingContext ctx) {
        String markdown = MarkdownBody.read(ctx);
        blocking(() -> {
            Document document = importDraft(markdown);
            documents.create(document);
            return document;
        }).onSuccess(document -> ctx.response()
                .setStatusCode(201)
                .putHeader("Location", "/api/documents/" + document.id())
                .putHeader("Content-Type", "application/json")
                .end(DocumentJson.document(document).encode()))
          .onFailure(ctx::fail);
    }

    private Document importDraft(String markdown) {
        try {
            return importer.read(ids.get(), markdown);
        } catch (DocumentException e) {
            throw new ProblemException(Problem.unprocessable(e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            // The parser gave up (pathological nesting, say): the draft is refused, nothing is stored.
            throw new ProblemException(Problem.unprocessable("the Markdown could not be read: " + e.getClass().getSimpleName()));
        }
    }

    private void list(RoutingContext ctx) {
        blocking(documents::list)
                .onSuccess(list -> {
                    JsonArray items = new JsonArray();
                    list.forEach(s -> items.add(DocumentJson.summary(s)));
                    json(ctx, new JsonObject().put("documents", items));
                })
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        String id = DocumentIds.documentId(ctx);
        blocking(() -> documents.find(id).orElseThrow(() -> DocumentIds.unknown(id)))
                .onSuccess(document -> json(ctx, DocumentJson.document(document)))
                .onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx) {
        String id = DocumentIds.documentId(ctx);
        String format = ctx.queryParams().get("format");
        if (format == null) {
            format = "md";
        }
        if (!format.equals("md")) {
            throw new ProblemException(Problem.badRequest("unknown export format '" + format + "'; supported: md"));
        }
        blocking(() -> documents.find(id).orElseThrow(() -> DocumentIds.unknown(id)))
                .onSuccess(document -> ctx.response()
                        .putHeader("Content-Type", "text/markdown; charset=utf-8")
                        .putHeader("Content-Disposition",
                                "attachment; filename=\"" + ExportFileName.of(document, "md") + "\"")
                        .end(exporter.write(document)))
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
