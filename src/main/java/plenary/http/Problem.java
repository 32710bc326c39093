package plenary.http;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem detail. {@code type} is a short slug resolved against {@code /problems/}, so
 * clients can switch on it; {@code title} is the same for every problem of a type, {@code detail}
 * says what happened this time.
 */
public record Problem(int status, String type, String title, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public JsonObject toJson(String instance) {
        JsonObject json = new JsonObject()
                .put("type", "/problems/" + type)
                .put("title", title)
                .put("status", status);
        if (detail != null) {
            json.put("detail", detail);
        }
        if (instance != null) {
            json.put("instance", instance);
        }
        return json;
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "The request is malformed", detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "not-found", "No such resource", detail);
    }

    public static Problem unsupportedMediaType(String detail) {
        return new Problem(415, "unsupported-media-type", "Unsupported content type", detail);
    }

    public static Problem tooLarge(long limit) {
        return new Problem(413, "payload-too-large", "Request body too large",
                "the body is larger than the limit of " + limit + " bytes");
    }

    public static Problem unprocessable(String detail) {
        return new Problem(422, "unprocessable-content", "The content cannot be used", detail);
    }

    public static Problem methodNotAllowed() {
        return new Problem(405, "method-not-allowed", "Method not allowed", null);
    }

    public static Problem internal() {
        return new Problem(500, "internal", "Internal server error",
                "the server failed; the error is logged and nothing was changed by this request");
    }

    /** A browser page of another origin tried to act with this server's session (see {@link OriginCheck}). */
    public static Problem origin(String detail) {
        return new Problem(403, "origin", "Request from another origin refused", detail);
    }

    public static Problem unavailable(String detail) {
        return new Problem(503, "unavailable", "Service unavailable", detail);
    }
}
