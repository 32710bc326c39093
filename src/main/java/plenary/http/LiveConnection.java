package plenary.http;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.jackson.DatabindCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.editing.ChangeJson;
import plenary.editing.Submission;
import plenary.live.LiveAddresses;
import plenary.live.SequencerRequest;
import plenary.live.Sequencers;
import plenary.metrics.Meters;
import plenary.people.Action;
import plenary.people.Decision;
import plenary.people.PermissionPolicy;
import plenary.people.Principal;
import plenary.people.Role;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One browser's live socket on one document: reads its messages, checks them, passes them to the
 * document's sequencer, and forwards the sequencer's broadcast frames as they are (encoded once for
 * everyone). Protocol: see {@code web/docs/live-protocol.md}.
 */
final class LiveConnection {
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CLAUSE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /** The longest a clause may be (DocumentState's limit): no caret lies beyond it. */
    private static final long MAX_CARET = 100_000;
    /** Vert.x's own mapper: it reads a {@code JsonObject} into a tree without writing it out as text. */
    private static final ObjectMapper JSON = DatabindCodec.mapper();
    static final short CLOSE_RESYNC = 4000;

    static final short CLOSE_ACCESS_CHANGED = 4001;
    /** How long a join may wait for its answer before the client is told to reconnect. */
    static final long JOIN_DEADLINE_MILLIS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveConnection.class);

    /**
     * Who is on this socket, in which meeting and role, as read at the upgrade; {@code roleMark} is
     * {@link CurrentRoles#now()} taken before that read. On every message the membership is checked
     * against {@link CurrentRoles}: once it has changed, nothing more is done.
     */
    /** @param delegation the delegation a delegate speaks for, whose own frames it receives; else null */
    record Viewer(Principal principal, String meetingId, Role role, String delegation, String tokenHash, long roleMark) {
    }

    private final ServerWebSocket socket;
    private final EventBus bus;
    private final DeliveryOptions delivery;
    /** The socket's event loop: everything this connection does runs on it. */
    private final Context loop;
    private final Sequencers sequencers;
    private final String documentId;
    private final Viewer viewer;
    private final String connectionId = UUID.randomUUID().toString();
    private final LiveLimits limits;
    private final TokenBucket bucket;
    private final CurrentRoles roles;
    /** Whether this socket is counted among its document's joined sockets (plenary.live.sockets). */
    private boolean counted;
    private final Meters meters;
    private String clientId;
    private String author;
    /** This event loop's sockets and their shared consumers. */
    private final LiveFanout fanout;
    private boolean watchingAccess;
    private boolean following;
    private boolean closed;

    /**
     * @param sequencers the documents' writers: a join goes through them (in a cluster the writer may
     *                   be starting on another node); submissions and presence go straight to the
     *                   writer's address, with the send timeout they give (in a cluster short enough
     *                   that a writer that died is noticed before its lease ends)
     */
    LiveConnection(ServerWebSocket socket, EventBus bus, Sequencers sequencers, String documentId, LiveLimits limits,
                   Viewer viewer) {
        this.sequencers = sequencers;
        this.delivery = sequencers.delivery();
        this.socket = socket;
        this.bus = bus;
        this.documentId = documentId;
        this.viewer = viewer;
        this.limits = limits;
        this.bucket = new TokenBucket(limits.burst(), limits.messagesPerSecond());
        // Made on the upgrade's context: its Vert.x instance holds the roles its routes record.
        this.roles = CurrentRoles.of(Vertx.currentContext().owner());
        this.meters = Meters.of(Vertx.currentContext().owner());
        this.fanout = LiveFanout.of(Vertx.currentContext());
        this.loop = Vertx.currentContext();
    }

    void start() {
        // A sign-out, or a changed or revoked membership, ends this socket at once.
        fanout.watchAccess(viewer.principal().userId(), this);
        watchingAccess = true;
        socket.setWriteQueueMaxSize(limits.outboundQueueBytes());
        FrameAssembler assembler = new FrameAssembler(limits, new FrameAssembler.Messages() {
            @Override
            public void text(String text) {
                onText(text);
            }

            @Override
            public void binary() {
                error(null, "unsupported-message", "send JSON text messages, not binary");
            }

            @Override
            public void tooLarge() {
                error(null, "message-too-large", "messages are limited to " + limits.maxMessageBytes() + " bytes");
            }

            @Override
            public void fail(short code, String reason) {
                close(code, reason);
            }
        });
        socket.frameHandler(assembler::frame);
        socket.closeHandler(v -> onClose());
        // Netty refuses a frame that breaks RFC 6455, or one longer than the hard limit, before it is
        // read, and reports it only here, with the close code that fits (1002, 1009). Anything else
        // that ends the connection is the server's problem (1011).
        socket.exceptionHandler(e -> {
            if (!closed && !socket.isClosed()) {
                short code = e instanceof CorruptedWebSocketFrameException corrupt
                        ? (short) corrupt.closeStatus().code() : (short) 1011;
                try {
                    String reason = code == 1011 ? "connection error" : String.valueOf(e.getMessage());
                    socket.close(code, reason.substring(0, Math.min(reason.length(), 120)));
                } catch (IllegalStateException alreadyClosed) {
                    // closed meanwhile: nothing left to tell the client
                }
            }
            onClose();
        });
    }

    /** A whole text message, within the limit and valid UTF-8 (see {@link FrameAssembler}). */
    private void onText(String text) {
        if (closed) {
            return; // frames read after the server closed this socket are not carried out
        }
        if (!bucket.tryTake()) {
            error(null, "rate-limited", "too many messages; at most " + (int) limits.messagesPerSecond()
                    + " per second");
            return;
        }
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            error(null, "malformed-json", "the message is not a JSON object");
            return;
        }
        Object seq = message.getValue("seq") instanceof Number number ? number : null;
        // Checked here rather than by the socket's close alone, which comes a moment later: after a
        // demotion or removal has been answered, no message of the old role is carried out.
        if (!roles.unchangedSince(viewer.meetingId(), viewer.principal().userId(), viewer.roleMark())) {
            error(seq, "forbidden", "your role in this meeting has changed: reconnect");
            close(CLOSE_ACCESS_CHANGED, "access changed: sign in or reconnect");
            return;
        }
        if (!roles.sessionHolds(viewer.tokenHash())) {
            error(seq, "unauthenticated", "your session has ended: sign in again");
            close(CLOSE_ACCESS_CHANGED, "signed out");
            return;
        }
        String badText = LiveMessageText.problem(message);
        if (badText != null) {
            error(seq, "invalid-text", "the message contains " + badText
                    + ", which no text may hold; nothing of it was applied");
            return;
        }
        Object type = message.getValue("type");
        if (!(type instanceof String kind)) {
            error(null, "unknown-type", "every message needs a string \"type\"");
            return;
        }
        try {
            Action action = switch (kind) {
                case "submit" -> Action.EDIT_TEXT;
                case "join", "presence", "ping" -> Action.READ;
                default -> null;
            };
            if (action == null) {
                error(message.getValue("seq"), "unknown-type", "unknown message type '" + kind + "'");
                return;
            }
            // The same policy as every REST route, asked again for every message.
            Decision decision = PermissionPolicy.decide(viewer.principal(), viewer.role(), action);
            if (decision != Decision.ALLOW) {
                error(message.getValue("seq"), "forbidden", "your role in this meeting does not allow " + kind);
                return;
            }
            switch (kind) {
                case "join" -> join(message);
                case "submit" -> submit(message);
                case "presence" -> presence(message);
                default -> send(new JsonObject().put("type", "pong").put("t", message.getValue("t")));
            }
        } catch (ClassCastException e) {
            error(message.getValue("seq"), "invalid-message", "a field has the wrong type");
        }
    }

    private void join(JsonObject message) {
        if (clientId != null) {
            error(null, "invalid-message", "this socket has already joined");
            return;
        }
        // Check every field before changing anything, so a bad join leaves the socket as it was.
        Object id = message.getValue("clientId");

        Object since = message.getValue("since");
        Object hash = message.getValue("hash");
        if (!(id instanceof String clientIdText) || !CLIENT_ID.matcher(clientIdText).matches()) {
            error(null, "invalid-message", "join needs a clientId of 1 to 64 letters, digits, '-' or '_'");
            return;
        }
        if (since != null && !(since instanceof Number number && number.longValue() == number.doubleValue())) {
            error(null, "invalid-message", "since must be an integer revision, or -1");
            return;
        }
        if (hash != null && !(hash instanceof String text && HASH.matcher(text).matches())) {
            error(null, "invalid-message", "hash must be the 64 hex digits of the last commit seen");
            return;
        }
        clientId = clientIdText;
        author = viewer.principal().displayName();
        long from = since == null ? -1L : ((Number) since).longValue();
        // Subscribe before asking for the catch-up, so no frame falls between the two.
        following = true;
        // Whatever holds a join up (a writer's node that stops answering in a cluster, say), the
        // client hears within a minute and reconnects, rather than waiting for an answer for ever.
        Vertx vertx = loop.owner();
        long deadline = vertx.setTimer(JOIN_DEADLINE_MILLIS, t -> {
            if (!closed) {
                LOG.warn("document {}: a join got no answer within {} s; the client is told to reconnect",
                        documentId, JOIN_DEADLINE_MILLIS / 1000);
                closeForResync("the document did not answer the join in time");
            }
        });
        fanout.follow(documentId, this)
                // Through the registry: in a cluster the writer may be starting on another node, or
                // gone with its lease not yet ended, and the join waits for the next one.
                .compose(v -> onThisLoop(sequencers.<JsonObject>request(documentId,
                        new SequencerRequest.Join(from, (String) hash, viewer.principal().userId(), clientId))))
                .onSuccess(reply -> {
                    if (!closed && !counted) {
                        counted = true;
                        meters.socketsChanged(documentId, 1);
                    }
                    send(reply.body().copy().put("type", "joined").put("connectionId", connectionId));
                    presenceUpdate(null, null);
                })
                .onFailure(e -> closeForResync("the document is not available: " + e.getMessage()))
                .onComplete(done -> vertx.cancelTimer(deadline));
    }

    /**
     * The same outcome, handed over on this socket's event loop: the registry's futures complete on
     * whichever loop deployed the sequencer, and this socket's state is confined to its own.
     */
    private <T> Future<T> onThisLoop(Future<T> elsewhere) {
        Promise<T> here = Promise.promise();
        elsewhere.onComplete(done -> loop.runOnContext(v -> here.handle(done)));
        return here.future();
    }

    private void submit(JsonObject message) {
        if (clientId == null) {
            error(message.getValue("seq"), "not-joined", "send a join message first");
            return;
        }
        Object seq = message.getValue("seq");
        JsonObject change = message.getJsonObject("change");
        if (!(seq instanceof Number number) || !isWhole(number) || number.longValue() < 0 || change == null) {
            error(seq, "invalid-message", "submit needs a non-negative integer seq and a change object");
            return;
        }
        // Decoded here, on this socket's event loop, so the document's writer gets a typed change.
        Submission submission;
        try {
            JsonNode tree = JSON.valueToTree(change);
            submission = new Submission(clientId, number.longValue(), author, viewer.principal().userId(),
                    ChangeJson.decode(tree), ChangeJson.declaredSpan(tree));
        } catch (IllegalArgumentException e) { // InvalidOperationException, or a value Jackson cannot read
            error(seq, "invalid-change", e.getMessage());
            return;
        }
        bus.<JsonObject>request(LiveAddresses.requests(documentId), new SequencerRequest.Submit(submission), delivery)
                .onComplete(reply -> submitted(seq, reply));
    }

    private void submitted(Object seq, io.vertx.core.AsyncResult<io.vertx.core.eventbus.Message<JsonObject>> reply) {
        if (reply.failed()) {
            error(seq, "unavailable", "the document's sequencer did not answer; resubmit after reconnecting");
            return;
        }
        JsonObject outcome = reply.result().body();
        switch (outcome.getString("outcome")) {
            case "duplicate" -> send(new JsonObject().put("type", "ack").put("seq", outcome.getLong("seq"))
                    .put("revision", outcome.getLong("revision")).put("duplicate", true));
            case "rejected" -> error(seq, outcome.getString("code"), outcome.getString("message"));
            // Applied and durable: said at once to the author, without waiting for the tick;
            // the commit itself follows in order in the next ops frame.
            default -> send(new JsonObject().put("type", "saved").put("seq", outcome.getLong("seq"))
                    .put("revision", outcome.getLong("revision")));
        }
    }

    private void presence(JsonObject message) {
        if (clientId == null) {
            error(null, "not-joined", "send a join message first");
            return;
        }
        Object clause = message.getValue("clauseId");
        Object caret = message.getValue("caret");
        if (clause != null && !(clause instanceof String id && CLAUSE_ID.matcher(id).matches()) || caret != null
                && !(caret instanceof Number n && isWhole(n) && n.longValue() >= 0 && n.longValue() <= MAX_CARET)) {
            error(null, "invalid-message", "presence takes a clauseId (1 to 64 letters, digits, '-' or '_') or null,"
                    + " and a caret offset from 0 to " + MAX_CARET + " or null");
            return;
        }
        presenceUpdate((String) clause, caret == null ? null : ((Number) caret).intValue());
    }

    /** An integer literal in the JSON: 1.5, 1.0 and 1e0 are not, so no two spellings share a seq. */
    private static boolean isWhole(Number number) {
        return number instanceof Integer || number instanceof Long;
    }

    /** Tells the room where this reader is. The client id stays private: presence names the connection. */
    private void presenceUpdate(String clauseId, Integer caret) {
        bus.<JsonObject>request(LiveAddresses.requests(documentId), new SequencerRequest.Presence(connectionId,
                        author, viewer.principal().userId(), viewer.role() == null ? null : viewer.role().wireName(),
                        clauseId, caret), delivery)
                .onSuccess(reply -> {
                    if ("rejected".equals(reply.body().getString("outcome"))) {
                        error(null, reply.body().getString("code"), reply.body().getString("message"));
                    }
                });
    }

    /**
     * A broadcast frame of the document ({@link LiveFanout}); {@code onlyFor}, when set, is the one
     * delegation whose delegates may have it.
     */
    void frame(SharedText frame, String onlyFor) {
        // A delegation's own business goes only to its delegates, and not after a demotion or a
        // sign-out has been answered (the socket's close comes a moment later).
        if (onlyFor == null || onlyFor.equals(viewer.delegation())
                && roles.unchangedSince(viewer.meetingId(), viewer.principal().userId(), viewer.roleMark())
                && roles.sessionHolds(viewer.tokenHash())) {
            forward(frame);
        }
    }

    /** An access event of this socket's person ({@link LiveEvents}): ends the socket if it is about it. */
    void accessChanged(JsonObject event) {
        boolean mine = "signed-out".equals(event.getString("event"))
                ? viewer.tokenHash().equals(event.getString("tokenHash"))
                : viewer.meetingId().equals(event.getString("meetingId"));
        if (mine) {
            close(CLOSE_ACCESS_CHANGED, "access changed: sign in or reconnect");
        }
    }

    private void forward(SharedText frame) {
        if (canQueue()) {
            frame.writeTo(socket);
        }
    }

    private void error(Object seq, String code, String message) {
        send(new JsonObject().put("type", "error").put("code", code).put("message", message).put("seq", seq));
    }

    private void send(JsonObject message) {
        if (canQueue()) {
            socket.writeTextMessage(message.encode());
        }
    }

    /**
     * Back-pressure: whether the socket can take one more message. A client that cannot keep up is
     * closed for resync, not buffered without end. Replies (its {@code joined}, an ack, an error, a
     * pong) are not dropped either: the client would wait for them for ever (an unanswered join, an
     * edit never acknowledged); it reconnects and learns on joining how far its submissions got.
     */
    private boolean canQueue() {
        if (closed) {
            return false;
        }
        if (socket.isClosed()) {
            onClose();
            return false;
        }
        if (socket.writeQueueFull()) {
            closeForResync("too far behind; reconnect and resynchronise");
            return false;
        }
        return true;
    }

    private void closeForResync(String reason) {
        close(CLOSE_RESYNC, "resync: " + reason);
    }

    private void close(short code, String reason) {
        if (!closed) {
            socket.close(code, reason.substring(0, Math.min(reason.length(), 120)));
            onClose();
        }
    }

    private void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        if (counted) {
            meters.socketsChanged(documentId, -1);
        }
        if (watchingAccess) {
            fanout.unwatchAccess(viewer.principal().userId(), this);
        }
        if (following) {
            fanout.unfollow(documentId, this);
            bus.send(LiveAddresses.requests(documentId), new SequencerRequest.Leave(connectionId));
        }
    }
}
