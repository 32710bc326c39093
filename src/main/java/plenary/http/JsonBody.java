package plenary.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body that must be a JSON object. Every route that takes JSON reads it here, so
 * text no store can keep (NUL, lone surrogates, see {@link StorableText}) is refused here for all
 * of them, with a 422, before any route looks at it.
 */
final class JsonBody {
    private JsonBody() {
    }

    static JsonObject object(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ProblemException(Problem.unsupportedMediaType("send JSON with Content-Type: application/json"));
        }
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw new ProblemException(Problem.badRequest("the body is empty; send a JSON object"));
        }
        JsonObject object;
        try {
            object = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new ProblemException(Problem.badRequest("the body is not a JSON object"));
        }
        StorableText.problemIn(object).ifPresent(problem -> {
            throw new ProblemException(StorableText.refusal(problem));
        });
        return object;
    }

    /** A string field, or null; anything else than a string is a 400. */
    static String string(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new ProblemException(Problem.badRequest("field '" + field + "' must be a string"));
    }
}
