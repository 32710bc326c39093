package plenary.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import com.fasterxml.jackson.databind.JsonNode;
import plenary.editing.ChangeJson;
import plenary.editing.Submission;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;
import plenary.editing.Commit;
import plenary.editing.CommitHash;
import plenary.negotiation.Actor;
import plenary.negotiation.Command;
import plenary.negotiation.EventJson;
import plenary.people.Meeting;
import plenary.people.Role;
import plenary.store.DocumentRepository;
import plenary.store.OperationLog;
import plenary.store.PeopleRepository;
import plenary.store.TestStore;
import plenary.view.NegotiationSnapshot;
import plenary.view.NegotiationViews;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A document in a real store (H2 file or PostgreSQL) and its sequencer deployed the way the
 * server deploys it ({@link Sequencers} on a real Vert.x), spoken to over the event bus exactly as
 * {@code LiveConnection} and {@code Negotiator} speak to it. A {@link Node} is one process: its own
 * Vert.x, its own {@link OperationLog} over the DataSource it is given (a failing one, a second pool).
 */
final class SequencerRig implements AutoCloseable {
    static final String DRAFT = """
            # Fail-stop draft

            *Recalling* the first paragraph,

            1. *Calls upon* cities to act;
            2. *Encourages* regions to report;
            3. *Invites* networks to share;
            """;
    static final Actor CHAIR = new Actor("u-chair", "Chair", Role.CHAIR, null);

    final TestStore store;
    final String documentId;
    final Document created;
    /** The operative clauses, in order. */
    final List<String> operative;
    /** The document as stored, read through the real pool (never the failing one). */
    final DocumentRepository repository;
    private final SequencerSettings settings;
    private final List<Node> nodes = new ArrayList<>();

    SequencerRig(TestStore.Kind kind, Path dir, SequencerSettings settings) {
        this.store = TestStore.open(kind, dir);
        this.settings = settings;
        DataSource real = store.database().dataSource();
        this.repository = new DocumentRepository(real, store.database().durability(), Clock.systemUTC());
        new PeopleRepository(real, Clock.systemUTC()).createMeeting(new Meeting("m-1", "Fail-stop", Instant.now()));
        RandomIds ids = RandomIds.seeded(11);
        this.created = new MarkdownImporter(ids).read("doc-" + kind.name().toLowerCase(java.util.Locale.ROOT), DRAFT);
        repository.create(created, "m-1");
        this.documentId = created.id();
        this.operative = created.clauses().stream().filter(c -> c.kind() == ClauseKind.OPERATIVE).map(Clause::id)
                .toList();
    }

    /** A "process" whose sequencers write through {@code dataSource}; its sequencer for the document is started. */
    Node node(DataSource dataSource) {
        Node node = new Node(new OperationLog(dataSource, store.database().durability()));
        nodes.add(node);
        return node;
    }

    String textOf(Document document, String clauseId) {
        return document.clause(clauseId).orElseThrow().text();
    }

    String originalText(String clauseId) {
        return textOf(created, clauseId);
    }

    /** The document as a fresh load reads it from the store now. */
    Document stored() {
        return repository.find(documentId).orElseThrow();
    }

    /** The revisions in the operation log, in order. */
    List<Long> loggedRevisions() {
        return repository.log().commits(documentId, 0, Long.MAX_VALUE, Integer.MAX_VALUE).stream()
                .map(Commit::revision).toList();
    }

    /** The log's hash chain recomputed from the genesis must be the one stored with each commit. */
    void assertHashChainIntact() {
        String previous = CommitHash.genesis(documentId);
        for (Commit commit : repository.log().commits(documentId, 0, Long.MAX_VALUE, Integer.MAX_VALUE)) {
            previous = CommitHash.next(previous, commit);
            assertEquals(previous, commit.hash(), "hash of revision " + commit.revision());
        }
    }

    /** One column of the document's head row, as stored. */
    long head(String column) {
        return single("SELECT " + column + " FROM documents WHERE id = ?");
    }

    long single(String sql) {
        try (Connection c = store.database().dataSource().getConnection();
             PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, documentId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            for (Node node : nodes) {
                node.close();
            }
        } finally {
            store.close();
        }
    }

    // ---- requests, as LiveConnection and Negotiator build them -----------------------------------------

    static SequencerRequest join(String clientId, String userId, long since, String hash) {
        return new SequencerRequest.Join(since, hash, userId, clientId);
    }

    /** A text edit inserting {@code text} at the start of the clause, written against {@code version}. */
    static SequencerRequest prepend(String clientId, String userId, long seq, String clauseId, long version,
                                    String text) {
        JsonObject change = new JsonObject().put("type", "text").put("clauseId", clauseId).put("version", version)
                .put("op", new JsonArray().add(text));
        JsonNode tree = DatabindCodec.mapper().valueToTree(change);
        return new SequencerRequest.Submit(new Submission(clientId, seq, "Typist " + userId, userId,
                ChangeJson.decode(tree), ChangeJson.declaredSpan(tree)));
    }

    static SequencerRequest negotiate(Command command, Actor actor) {
        return new SequencerRequest.Negotiate(command, actor);
    }


    /** One process: a Vert.x, the server's {@link Sequencers}, and a subscriber to the document's broadcasts. */
    final class Node implements AutoCloseable {
        final Vertx vertx = Vertx.vertx();
        final OperationLog log;
        private Sequencers sequencers;
        private final BlockingQueue<JsonObject> unread = new LinkedBlockingQueue<>();
        /** Every frame broadcast to the document's readers, in order. */
        final List<JsonObject> frames = new CopyOnWriteArrayList<>();
        private final MessageConsumer<String> broadcasts;

        private Node(OperationLog log) {
            this.log = log;
            broadcasts = vertx.eventBus().consumer(LiveAddresses.broadcasts(documentId), m -> {
                JsonObject frame = new JsonObject(m.body());
                frames.add(frame);
                unread.add(frame);
            });
            await(broadcasts.completion(), "subscribing to the broadcasts");
            start();
        }

        /** Deploys the document's sequencer as the server does, on first use. */
        void start() {
            sequencers = new Sequencers(vertx, log, settings, RandomIds.seeded(13), Clock.systemUTC());
            await(sequencers.ensure(documentId), "starting the sequencer");
        }

        /** Undeploys the sequencer (as a shutdown does) and starts a new one, which loads from the store. */
        void restart() {
            for (String id : List.copyOf(vertx.deploymentIDs())) {
                await(vertx.undeploy(id), "undeploying the sequencer");
            }
            start();
        }

        Future<JsonObject> send(SequencerRequest request) {
            return vertx.eventBus().<JsonObject>request(LiveAddresses.requests(documentId), request)
                    .map(io.vertx.core.eventbus.Message::body);
        }

        /** The negotiation state as {@code actor} reads it, built from the sequencer's snapshot as the API does. */
        Future<JsonObject> viewState(Actor actor) {
            return vertx.eventBus().<NegotiationSnapshot>request(LiveAddresses.requests(documentId),
                            new SequencerRequest.View())
                    .map(reply -> new JsonObject(NegotiationViews.of(reply.body(), "state", null, actor).toString()));
        }

        JsonObject request(SequencerRequest request) {
            return await(send(request), "the sequencer's answer to " + request.getClass().getSimpleName());
        }

        /** The next broadcast frame of {@code type}, skipping others; fails after {@code timeout}. */
        JsonObject awaitFrame(String type, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                JsonObject frame = left > 0 ? unread.poll(left, TimeUnit.NANOSECONDS) : null;
                if (frame == null) {
                    fail("no '" + type + "' frame within " + timeout + "; frames so far: " + frames);
                }
                if (type.equals(frame.getString("type"))) {
                    return frame;
                }
            }
        }

        List<JsonObject> framesOf(String type) {
            return frames.stream().filter(f -> type.equals(f.getString("type"))).toList();
        }

        @Override
        public void close() {
            await(vertx.close(), "closing Vert.x");
        }
    }

    static <T> T await(Future<T> future, String what) {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(what + " failed: " + e, e);
        }
    }
}
