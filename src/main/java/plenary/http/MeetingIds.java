package plenary.http;

import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/** Reads meeting and user ids from paths; a malformed one is a 400. */
final class MeetingIds {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private MeetingIds() {
    }

    static String meeting(RoutingContext ctx) {
        return id(ctx, "meetingId", "a meeting id");
    }

    static String user(RoutingContext ctx) {
        return id(ctx, "userId", "a user id");
    }

    static String id(RoutingContext ctx, String param, String what) {
        String id = ctx.pathParam(param);
        if (id == null || !ID.matcher(id).matches()) {
            throw new ProblemException(Problem.badRequest(what + " is 1 to 64 letters, digits, '-' or '_'"));
        }
        return id;
    }
}
