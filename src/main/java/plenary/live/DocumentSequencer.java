package plenary.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.document.Document;
import plenary.editing.ChangeJson;
import plenary.editing.Commit;
import plenary.editing.DocumentState;
import plenary.editing.InvalidOperationException;
import plenary.editing.Outcome;
import plenary.editing.Submission;
import plenary.store.OperationLog;
import plenary.view.DocumentJson;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one writer of one document, on one Vert.x context. Every change to the document's text or
 * structure arrives here through the event bus, is transformed and applied by {@link DocumentState},
 * written to the operation log (many changes per transaction while a write is in flight), and only
 * then acknowledged and broadcast, one coalesced frame per tick.
 */
public final class DocumentSequencer extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentSequencer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String documentId;
    private final OperationLog log;
    private final SequencerSettings settings;
    private final Supplier<String> ids;
    private final Clock clock;

    private DocumentState state;
    private long durableRevision;
    private Document durableDocument;
    private final ArrayDeque<Commit> recent = new ArrayDeque<>();
    private List<Pending> unwritten = new ArrayList<>();
    private boolean writing;
    private final List<Commit> unbroadcast = new ArrayList<>();
    private final List<Parked> parked = new ArrayList<>();
    private final Map<String, JsonObject> presence = new LinkedHashMap<>();
    /** Presence changes since the last tick, by connection: an entry, or {connectionId, left: true}. */
    private final Map<String, JsonObject> presenceChanges = new LinkedHashMap<>();
    private boolean tickScheduled;
    private MessageConsumer<JsonObject> consumer;

    /** A change applied in memory, not yet durable; {@code after} is the document it produced. */
    private record Pending(Commit commit, Message<JsonObject> request, Document after) {
    }

    private record Parked(long revision, Message<JsonObject> request, JsonObject reply) {
    }

    public DocumentSequencer(String documentId, OperationLog log, SequencerSettings settings, Supplier<String> ids,
                             Clock clock) {
        this.documentId = documentId;
        this.log = log;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(this::load, false).compose(loaded -> {
            state = loaded;
            durableRevision = loaded.revision();
            durableDocument = loaded.document();
            consumer = vertx.eventBus().consumer(LiveAddresses.requests(documentId), this::onRequest);
            return consumer.completion();
        });
    }

    private DocumentState load() {
        OperationLog.Stored stored = log.load(documentId, Long.MAX_VALUE)
                .orElseThrow(() -> new IllegalStateException("no document " + documentId));
        DocumentState loaded = new DocumentState(stored.snapshot(), ids);
        loaded.rememberClients(stored.clients());
        stored.after().forEach(loaded::replay);
        return loaded;
    }

    private void onRequest(Message<JsonObject> request) {
        JsonObject body = request.body();
        switch (body.getString("action", "")) {
            case "submit" -> submit(request, body);
            case "join" -> request.reply(join(body.getLong("since", -1L)));
            case "presence" -> {
                String connection = body.getString("connectionId");
                JsonObject entry = body.getJsonObject("presence");
                presence.put(connection, entry);
                presenceChanges.put(connection, entry.copy().put("connectionId", connection));
                scheduleTick();
            }
            case "leave" -> {
                String connection = body.getString("connectionId");
                if (presence.remove(connection) != null) {
                    presenceChanges.put(connection, new JsonObject().put("connectionId", connection).put("left", true));
                    scheduleTick();
                }
            }
            default -> request.fail(400, "unknown sequencer action");
        }
    }

    private void submit(Message<JsonObject> request, JsonObject body) {
        Submission submission;
        try {
            submission = new Submission(body.getString("clientId"), body.getLong("seq"), body.getString("author"),
                    ChangeJson.decode(JSON.readTree(body.getJsonObject("change").encode())));
        } catch (InvalidOperationException | com.fasterxml.jackson.core.JsonProcessingException e) {
            request.reply(rejected("invalid-change", e.getMessage()));
            return;
        }
        switch (state.submit(submission, clock.instant())) {
            case Outcome.Applied applied -> {
                unwritten.add(new Pending(applied.commit(), request, state.document()));
                writeUnwritten();
            }
            case Outcome.Duplicate duplicate -> {
                JsonObject reply = new JsonObject().put("outcome", "duplicate").put("seq", duplicate.seq())
                        .put("revision", duplicate.revision());
                if (duplicate.revision() > durableRevision) {
                    parked.add(new Parked(duplicate.revision(), request, reply)); // acked once durable
                } else {
                    request.reply(reply);
                }
            }
            case Outcome.Rejected rejected -> request.reply(rejected(rejected.code(), rejected.message()));
        }
    }

    /** Group commit: while one write is in flight, later changes gather for the next transaction. */
    private void writeUnwritten() {
        if (writing || unwritten.isEmpty()) {
            return;
        }
        List<Pending> batch = unwritten;
        unwritten = new ArrayList<>();
        writing = true;
        Document head = state.document();
        long first = batch.getFirst().commit().revision();
        boolean snapshotDue = head.revision() / settings.snapshotEvery() > (first - 1) / settings.snapshotEvery();
        Document snapshot = snapshotDue ? head : null;
        var clients = snapshotDue ? state.lastByClient() : null;
        List<Commit> commits = batch.stream().map(Pending::commit).toList();
        vertx.executeBlocking(() -> {
            log.append(documentId, commits, head, snapshot, clients);
            return null;
        }, false).onComplete(written -> {
            writing = false;
            if (written.succeeded()) {
                onDurable(batch);
            } else {
                onWriteFailed(batch, written.cause());
            }
        });
    }

    private void onDurable(List<Pending> batch) {
        for (Pending pending : batch) {
            Commit commit = pending.commit();
            durableRevision = commit.revision();
            durableDocument = pending.after();
            recent.addLast(commit);
            if (recent.size() > settings.catchUpLimit()) {
                recent.removeFirst();
            }
            unbroadcast.add(commit);
            pending.request().reply(new JsonObject().put("outcome", "applied").put("seq", commit.seq())
                    .put("revision", commit.revision()));
        }
        parked.removeIf(p -> {
            if (p.revision() <= durableRevision) {
                p.request().reply(p.reply());
                return true;
            }
            return false;
        });
        scheduleTick();
        writeUnwritten();
    }

    /**
     * The store refused a write. The in-memory state now holds changes nobody may rely on: refuse
     * them, reload the durable state and tell every client to resynchronise.
     */
    private void onWriteFailed(List<Pending> batch, Throwable cause) {
        LOG.error("document {}: writing {} changes failed; reloading from the store", documentId, batch.size(), cause);
        List<Pending> lost = new ArrayList<>(batch);
        lost.addAll(unwritten);
        unwritten = new ArrayList<>();
        lost.forEach(p -> p.request().reply(rejected("not-saved", "the change could not be saved; resynchronise")));
        parked.forEach(p -> p.request().reply(rejected("not-saved", "the change could not be saved; resynchronise")));
        parked.clear();
        writing = true; // hold new writes until the reload is done
        vertx.executeBlocking(this::load, false).onComplete(reloaded -> {
            writing = false;
            if (reloaded.succeeded()) {
                state = reloaded.result();
                durableRevision = state.revision();
                durableDocument = state.document();
            }
            vertx.eventBus().publish(LiveAddresses.broadcasts(documentId),
                    "{\"type\":\"resync\",\"reason\":\"the server could not save recent changes\"}");
        });
    }

    /**
     * What a (re)joining client needs: the ops it missed, or the whole document when it is new or too
     * far behind. Pending broadcasts go out first, so the next frame continues where this reply ends.
     */
    private JsonObject join(long since) {
        if (!unbroadcast.isEmpty()) {
            tick();
        }
        JsonObject reply = new JsonObject().put("revision", durableRevision).put("presence", presenceList());
        long oldestKept = recent.isEmpty() ? durableRevision : recent.getFirst().revision() - 1;
        if (since < 0 || since < oldestKept || since > durableRevision) {
            reply.put("document", DocumentJson.document(durableDocument));
        } else {
            ArrayNode ops = JSON.createArrayNode();
            for (Commit commit : recent) {
                if (commit.revision() > since) {
                    ops.add(ChangeJson.encode(commit));
                }
            }
            reply.put("ops", new JsonArray(ops.toString()));
        }
        return reply;
    }

    private JsonArray presenceList() {
        JsonArray people = new JsonArray();
        presence.forEach((connection, p) -> people.add(p.copy().put("connectionId", connection)));
        return people;
    }

    private void scheduleTick() {
        if (!tickScheduled) {
            tickScheduled = true;
            vertx.setTimer(settings.tickMillis(), t -> {
                tickScheduled = false;
                tick();
            });
        }
    }

    /** One frame per tick for all the ops committed since the last, and one for presence. */
    private void tick() {
        if (!unbroadcast.isEmpty()) {
            ObjectNode frame = JSON.createObjectNode().put("type", "ops");
            ArrayNode ops = frame.putArray("ops");
            unbroadcast.forEach(c -> ops.add(ChangeJson.encode(c)));
            unbroadcast.clear();
            vertx.eventBus().publish(LiveAddresses.broadcasts(documentId), frame.toString());
        }
        // Only what changed: a full list per change would cost O(people²) per join.
        if (!presenceChanges.isEmpty()) {
            JsonArray changes = new JsonArray(new ArrayList<>(presenceChanges.values()));
            presenceChanges.clear();
            vertx.eventBus().publish(LiveAddresses.broadcasts(documentId),
                    new JsonObject().put("type", "presence").put("changes", changes).encode());
        }
    }

    private static JsonObject rejected(String code, String message) {
        return new JsonObject().put("outcome", "rejected").put("code", code).put("message", message);
    }

    /** Stops taking requests, then lets a write in flight finish before the store is closed. */
    @Override
    public Future<?> stop() {
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        return unregistered.compose(v -> {
            io.vertx.core.Promise<Void> idle = io.vertx.core.Promise.promise();
            awaitIdle(idle, 500);
            return idle.future();
        });
    }

    private void awaitIdle(io.vertx.core.Promise<Void> idle, int triesLeft) {
        if (!writing || triesLeft == 0) {
            idle.complete();
        } else {
            vertx.setTimer(10, t -> awaitIdle(idle, triesLeft - 1));
        }
    }
}
