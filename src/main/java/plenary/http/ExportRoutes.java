package plenary.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import plenary.document.Document;
import plenary.document.MarkdownExporter;
import plenary.live.SequencerRequest;
import plenary.live.Sequencers;
import plenary.people.Action;
import plenary.people.Principal;
import plenary.render.Edition;
import plenary.render.HtmlEdition;
import plenary.render.PdfEdition;
import plenary.render.Variant;
import plenary.store.DocumentRepository;
import plenary.view.NegotiationSnapshot;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /api/documents/{id}/export?format=md|html|pdf&variant=clean|compilation}: the text as a
 * file to keep. HTML and PDF are rendered from an edition the document's sequencer hands over (text
 * and negotiation at one moment). Every export is rendered on a {@link WorkQueue} of its own, after
 * the role is checked: a long PDF holds one of its threads, never the shared pool, and requests
 * beyond what it lets wait are refused with 503 and Retry-After rather than piling up in memory.
 */
final class ExportRoutes {
    static final int RETRY_AFTER_SECONDS = 2;
    /** The sequencer hands over an edition in milliseconds; this is for one that does not answer. */
    private static final long EDITION_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final DocumentRepository documents;
    private final Access access;
    private final Sequencers sequencers;
    private final MarkdownExporter markdown = new MarkdownExporter();
    private final WorkQueue exports;

    ExportRoutes(Vertx vertx, DocumentRepository documents, Access access, Sequencers sequencers, WorkLimits work) {
        this.vertx = vertx;
        this.documents = documents;
        this.access = access;
        this.sequencers = sequencers;
        this.exports = WorkQueue.shared(vertx, "plenary-exports", "exports", WorkQueue.halfTheCores(),
                WorkQueue.halfTheCores() + work.exportsWaiting(), RETRY_AFTER_SECONDS);
    }

    void mount(Router router) {
        router.get("/api/documents/:id/export").handler(this::export);
    }

    private void export(RoutingContext ctx) {
        Principal me = Access.principal(ctx);
        String id = DocumentIds.documentId(ctx);
        String format = ctx.queryParams().get("format") == null ? "md" : ctx.queryParams().get("format");
        String variantName = ctx.queryParams().get("variant") == null ? "clean" : ctx.queryParams().get("variant");
        if (!format.equals("md") && !format.equals("html") && !format.equals("pdf")) {
            throw new ProblemException(Problem.badRequest(
                    "unknown export format '" + format + "'; supported: md, html, pdf"));
        }
        Variant variant = Variant.fromWireName(variantName).orElseThrow(() -> new ProblemException(
                Problem.badRequest("unknown variant '" + variantName + "'; supported: clean, compilation")));
        if (format.equals("md") && variant == Variant.COMPILATION) {
            throw new ProblemException(Problem.badRequest(
                    "the compilation text is exported as html or pdf; Markdown holds the clean text only"));
        }
        blocking(() -> access.document(me, id, Action.EXPORT))
                .compose(meeting -> exports.submit(() -> render(id, format, variant)))
                .onSuccess(file -> send(ctx, file, format, variant))
                .onFailure(failure -> WorkQueue.fail(ctx, failure));
    }

    private static void send(RoutingContext ctx, Rendered file, String format, Variant variant) {
        String suffix = variant == Variant.COMPILATION ? "-compilation" : "";
        ctx.response()
                .putHeader("Content-Type", contentType(format))
                .putHeader("Content-Disposition", "attachment; filename=\""
                        + ExportFileName.of(file.document(), suffix, format) + "\"")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (format.equals("html")) {
            // The renderer escapes every script; the page's own policy stops one anyway, should it slip through.
            ctx.response().putHeader("Content-Security-Policy", HtmlEdition.CONTENT_SECURITY_POLICY);
        }
        ctx.response().end(Buffer.buffer(file.bytes()));
    }

    /** The file and the document it was made from, which also names it. */
    private record Rendered(Document document, byte[] bytes) {
    }

    /**
     * Markdown from the store; HTML and PDF from the sequencer's edition, whose text also names the
     * file. Runs on an export thread, which waits for the edition: asking for it only once the
     * export has its thread keeps waiting exports from holding editions in memory.
     */
    private Rendered render(String id, String format, Variant variant) throws Exception {
        if (format.equals("md")) {
            Document document = documents.find(id).orElseThrow(() -> DocumentIds.unknown(id));
            return new Rendered(document, markdown.write(document).getBytes(StandardCharsets.UTF_8));
        }
        // Built here, from the sequencer's immutable snapshot: the writer's loop only hands over references.
        NegotiationSnapshot snapshot = await(sequencers.<NegotiationSnapshot>request(id, new SequencerRequest.View())
                .map(Message::body));
        Edition edition = Edition.of(snapshot.document(), snapshot.negotiation());
        return new Rendered(edition.document(), format.equals("pdf")
                ? PdfEdition.render(edition, variant)
                : HtmlEdition.render(edition, variant).getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(EDITION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new ProblemException(Problem.unavailable("the document did not hand over its text in time; try again"));
        }
    }

    private static String contentType(String format) {
        return switch (format) {
            case "md" -> "text/markdown; charset=utf-8";
            case "pdf" -> "application/pdf";
            default -> "text/html; charset=utf-8";
        };
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }
}
