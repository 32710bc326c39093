package plenary.http;

import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/** Reads and checks the ids in request paths, so a malformed one is a 400 everywhere alike. */
final class DocumentIds {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private DocumentIds() {
    }

    static String documentId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !ID.matcher(id).matches()) {
            throw new ProblemException(Problem.badRequest("a document id is 1 to 64 letters, digits, '-' or '_'"));
        }
        return id;
    }

    static long revision(RoutingContext ctx) {
        String value = ctx.pathParam("rev");
        try {
            long revision = Long.parseLong(value);
            if (revision >= 0) {
                return revision;
            }
        } catch (NumberFormatException e) {
            // fall through to the problem below
        }
        throw new ProblemException(Problem.badRequest("a revision is a non-negative integer, not '" + value + "'"));
    }

    static ProblemException unknown(String id) {
        return new ProblemException(Problem.notFound("no document " + id));
    }
}
