package plenary.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.deliberation.Phase;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.ClauseStatus;
import plenary.document.Document;
import plenary.document.MarkdownImporter;
import plenary.document.RandomIds;
import plenary.editing.Change;
import plenary.editing.ChangeJson;
import plenary.editing.Commit;
import plenary.editing.CommitHash;
import plenary.editing.DocumentState;
import plenary.editing.Outcome;
import plenary.editing.Submission;
import plenary.editing.TextOp;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.live.LiveAddresses;
import plenary.live.SequencerRequest;
import plenary.live.LiveTestClient;
import plenary.live.SequencerSettings;
import plenary.live.Sequencers;
import plenary.negotiation.Actor;
import plenary.negotiation.Command;
import plenary.negotiation.Event;
import plenary.negotiation.Recorded;
import plenary.negotiation.Transition;
import plenary.people.Role;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upgrading a store written before the hash chain: the database is built at Flyway version 4 and
 * filled as the code before V5 wrote it (operations without author or hash, snapshots every 100
 * revisions with client marks keyed by the bare client id, negotiation events), then opened as the
 * server opens it. V5 adds the columns and the head's negotiation sequence, V6 (Java) chains the
 * hashes document by document, over pages of 1,000 rows. Each chain must be exactly
 * {@link CommitHash} over the commits in order, and the server must then load, serve and extend
 * every document (its sequencer refuses a history whose hashes do not chain).
 */
@Tag("integration")
class HashBackfillMigrationTest {
    private static final String DRAFT = """
            # Before the chain

            *Recalling* the first paragraph,

            1. *Calls upon* cities to act;
            2. *Encourages* regions to report;
            3. *Invites* networks to share;
            """;
    private static final int OLD_SNAPSHOT_EVERY = 100;

    @TempDir
    Path dir;

    /** A document as the old code left it: what it wrote, and the hashes V6 must give its commits. */
    private record Old(Document head, List<Commit> commits, List<String> hashes, int events) {
    }

    @Test
    void v6ChainsTheHashesOfOldCommitsAndTheServerLoadsThem() throws Exception {
        String url = Database.h2Url(dir);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("4").load()
                .migrate();
        Map<String, Old> old = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO meetings (id, name, created_at) VALUES ('m-old', 'Before', CURRENT_TIMESTAMP)");
            }
            // Across V6's page of 1,000 rows, exactly one page, a few rows, none; and one with a negotiation.
            old.put("long", writeOld(c, "doc-long", 2_345, false, 1));
            old.put("page", writeOld(c, "doc-page", 1_000, false, 2));
            old.put("short", writeOld(c, "doc-short", 7, false, 3));
            old.put("none", writeOld(c, "doc-none", 0, false, 4));
            old.put("negotiated", writeOld(c, "doc-negotiated", 12, true, 5));
        }

        try (Database database = Database.open(dir, null, null, null)) {
            OperationLog log = new OperationLog(database.dataSource(), database.durability());
            try (Connection c = database.dataSource().getConnection()) {
                // V6 is what this test is about; later versions (V7: invitations) follow it.
                List<String> applied = appliedMigrations(c);
                assertEquals(List.of("1", "2", "3", "4", "5", "6"), applied.subList(0, Math.min(6, applied.size())),
                        applied::toString);
                for (Old o : old.values()) {
                    List<String> stored = new ArrayList<>();
                    List<String> authors = new ArrayList<>();
                    try (PreparedStatement q = c.prepareStatement(
                            "SELECT hash, author_id FROM operations WHERE document_id = ? ORDER BY revision")) {
                        q.setString(1, o.head().id());
                        try (ResultSet rs = q.executeQuery()) {
                            while (rs.next()) {
                                stored.add(rs.getString(1));
                                authors.add(rs.getString(2));
                            }
                        }
                    }
                    assertEquals(o.hashes(), stored, "the chain of " + o.head().id());
                    assertTrue(authors.stream().allMatch(java.util.Objects::isNull), "old rows name no account");
                    assertEquals(o.events(), headSeq(c, o.head().id()), "V5 fills the head's negotiation sequence");
                }
            }

            // The server's sequencer loads each (snapshot hash, chain checked on replay) and extends it.
            Vertx vertx = Vertx.vertx();
            try {
                Sequencers sequencers = new Sequencers(vertx, log, SequencerSettings.DEFAULTS, RandomIds.seeded(9),
                        Clock.systemUTC());
                for (Old o : old.values()) {
                    String id = o.head().id();
                    sequencers.ensure(id).await(30, TimeUnit.SECONDS);
                    JsonObject joined = request(vertx, id, new SequencerRequest.Join(-1L, null, "u-new", "new"));
                    long revision = o.commits().size();
                    assertEquals(revision, joined.getLong("revision"), id);
                    assertEquals(o.hashes().isEmpty() ? CommitHash.genesis(id) : o.hashes().getLast(),
                            joined.getString("hash"), id);
                    String clause = o.head().clauses().stream().filter(cl -> cl.kind() == ClauseKind.OPERATIVE)
                            .filter(cl -> cl.status() == ClauseStatus.BRACKETED).findFirst().orElseThrow().id();
                    long version = o.head().clause(clause).orElseThrow().version();
                    JsonObject applied = request(vertx, id, new SequencerRequest.Submit(new Submission("new", 1L, "New",
                            "u-new", new Change.TextEdit(clause, version, TextOp.builder().insert("New ").build()), -1)));
                    assertEquals("applied", applied.getString("outcome"), id + ": " + applied.encode());
                    assertEquals(revision + 1, applied.getLong("revision"));
                    Commit next = log.commits(id, revision, revision + 1, 1).getFirst();
                    String previous = o.hashes().isEmpty() ? CommitHash.genesis(id) : o.hashes().getLast();
                    assertEquals(CommitHash.next(previous, next), next.hash(), "the chain goes on from V6's hashes");
                    if (o.events() > 0) {
                        // A negotiation write is fenced on the head's negotiation sequence, which V5 filled in.
                        JsonObject voting = request(vertx, id, new SequencerRequest.Negotiate(
                                new Command.SetPhase(Phase.VOTING, true, null), new Actor("u-chair", "Chair", Role.CHAIR, null)));
                        assertEquals("applied", voting.getString("outcome"), voting.encode());
                        assertEquals(o.events() + 1, voting.getLong("seq"));
                    }
                }
            } finally {
                vertx.close().await(30, TimeUnit.SECONDS);
            }
        }

        // And the whole server serves them, and takes live edits on them.
        try (RunningServer server = RunningServer.start(dir, "--no-samples")) {
            for (Old o : old.values()) {
                String id = o.head().id();
                JsonNode served = server.getJson("/api/documents/" + id);
                assertEquals(o.commits().size() + 1, served.get("revision").asLong(), id);
                for (JsonNode clause : served.get("clauses")) {
                    String clauseId = clause.get("id").asText();
                    String before = o.head().clause(clauseId).orElseThrow().text();
                    assertTrue(clause.get("text").asText().endsWith(before), id + " " + clauseId);
                }
            }
            String id = old.get("long").head().id();
            LiveTestClient client = new LiveTestClient(HttpClient.newHttpClient(),
                    URI.create("ws://127.0.0.1:" + server.port() + "/api/documents/" + id + "/live"), "after-upgrade")
                    .withToken(server.token()).connect();
            try {
                long revision = client.revision();
                String clause = old.get("long").head().clauses().stream()
                        .filter(cl -> cl.kind() == ClauseKind.OPERATIVE).findFirst().orElseThrow().id();
                client.edit(clause, TextOp.builder().insert("Live ").build());
                client.await(() -> client.idle() && client.revision() == revision + 1, 10_000, "the live edit");
                assertEquals(List.of(), client.errors());
                assertTrue(HttpTestClient.json(server.get("/api/documents/" + id)).get("clauses").toString()
                        .contains("Live "));
            } finally {
                client.close();
            }
        }
    }

    /**
     * Writes a document and {@code commits} changes into the pre-V5 schema with the statements the
     * old code used; with {@code negotiated}, a phase opened and a paragraph agreed besides.
     */
    private static Old writeOld(Connection c, String id, int commits, boolean negotiated, long seed)
            throws SQLException {
        RandomIds ids = RandomIds.seeded(seed);
        Document document = new MarkdownImporter(ids).read(id, DRAFT);
        Instant now = Instant.parse("2026-01-15T10:00:00Z");
        try (PreparedStatement head = c.prepareStatement("""
                INSERT INTO documents (id, title, status, revision, clause_count, meta, created_at, updated_at, meeting_id)
                VALUES (?, ?, ?, 0, ?, ?, ?, ?, 'm-old')""")) {
            head.setString(1, id);
            head.setString(2, document.title());
            head.setString(3, document.status().wireName());
            head.setInt(4, document.clauses().size());
            head.setString(5, SnapshotCodec.encodeMeta(document.meta()));
            head.setTimestamp(6, Timestamp.from(now));
            head.setTimestamp(7, Timestamp.from(now));
            head.executeUpdate();
        }
        snapshot(c, document, Map.of());

        DocumentState state = new DocumentState(document, ids); // reads and writes without hashes, as before
        SplittableRandom random = new SplittableRandom(seed);
        List<Commit> written = new ArrayList<>();
        Map<String, long[]> clients = new LinkedHashMap<>(); // bare client id -> {seq, revision}
        List<Recorded> events = new ArrayList<>();
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO operations (document_id, revision, clause_id, change_type, payload, client_id,
                                        client_seq, author, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < commits; i++) {
                Commit commit;
                if (negotiated && i == commits - 1) {
                    // The chair agrees a paragraph: the old decide() logged it with no client.
                    String clause = operative(state.document()).getLast();
                    commit = applied(state.submit(new Submission(null, 0, "Chair", null,
                            new Change.SetClauseStatus(clause, ClauseStatus.AGREED), -1), now.plusSeconds(i)));
                    events.add(new Recorded(2, now.plusSeconds(i).toString(), "u-chair", "Chair", null,
                            commit.revision(), new Event.ClauseStatusSet(clause, ClauseStatus.BRACKETED,
                            ClauseStatus.AGREED), new Transition("paragraph " + clause, "bracketed", "agreed")));
                } else {
                    String client = "typist-" + random.nextInt(3);
                    long seq = clients.containsKey(client) ? clients.get(client)[0] + 1 : 1;
                    commit = applied(state.submit(new Submission(client, seq, "Typist " + client, null,
                            change(state.document(), random, i), -1), now.plusSeconds(i)));
                    clients.put(client, new long[]{seq, commit.revision()});
                }
                written.add(commit);
                Payload change = new Payload(ChangeJson.encode(commit.change()));
                insert.setString(1, id);
                insert.setLong(2, commit.revision());
                insert.setString(3, commit.change().clauseId());
                insert.setString(4, change.type());
                insert.setString(5, change.text());
                insert.setString(6, commit.clientId());
                insert.setLong(7, commit.seq());
                insert.setString(8, commit.author());
                insert.setTimestamp(9, Timestamp.from(commit.at()));
                insert.addBatch();
                if (commit.revision() % OLD_SNAPSHOT_EVERY == 0) {
                    insert.executeBatch();
                    snapshot(c, state.document(), clients);
                }
            }
            insert.executeBatch();
        }
        if (negotiated) {
            events.addFirst(new Recorded(1, now.toString(), "u-chair", "Chair", null, 0,
                    new Event.PhaseSet(Phase.COMMENTS, true, null), new Transition("comments", "closed", "open")));
            NegotiationLog.insert(c, id, events);
        }
        try (PreparedStatement head = c.prepareStatement("UPDATE documents SET revision = ?, status = ? WHERE id = ?")) {
            head.setLong(1, state.revision());
            head.setString(2, state.document().status().wireName());
            head.setString(3, id);
            head.executeUpdate();
        }
        // What V6 must produce: the chain over the commits as they were logged (no account in old rows).
        List<String> hashes = new ArrayList<>();
        String previous = CommitHash.genesis(id);
        for (Commit commit : written) {
            assertNull(commit.authorId());
            previous = CommitHash.next(previous, commit);
            hashes.add(previous);
        }
        return new Old(state.document(), written, hashes, events.size());
    }

    /** A change as the log stores it: its type, and its canonical JSON. */
    private record Payload(String type, String text) {
        Payload(com.fasterxml.jackson.databind.node.ObjectNode node) {
            this(node.get("type").asText(), node.toString());
        }
    }

    /** Mostly typing; now and then a new paragraph, a move or a change of kind, so every change shape is hashed. */
    private static Change change(Document document, SplittableRandom random, int i) {
        List<String> operative = operative(document);
        if (i % 97 == 50) {
            return new Change.InsertClause(null, operative.get(random.nextInt(operative.size())), ClauseKind.OPERATIVE,
                    "*Notes* paragraph " + i + " «é»;");
        }
        if (i % 97 == 70 && operative.size() > 2) {
            return new Change.MoveClause(operative.getFirst(), operative.getLast());
        }
        if (i % 211 == 100) {
            Clause last = document.clauses().getLast();
            return new Change.SetKind(last.id(), last.kind() == ClauseKind.OPERATIVE ? ClauseKind.FREE_TEXT
                    : ClauseKind.OPERATIVE);
        }
        Clause clause = document.clause(operative.get(random.nextInt(operative.size()))).orElseThrow();
        String text = clause.text();
        int at = random.nextInt(text.length() + 1);
        if (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
            at--; // never between the two halves of a surrogate pair
        }
        if (random.nextInt(4) == 0 && at < text.length() - 2) {
            int length = Character.isHighSurrogate(text.charAt(at)) ? 2 : 1;
            return new Change.TextEdit(clause.id(), clause.version(), TextOp.builder().retain(at).delete(length).build());
        }
        TextOp op = TextOp.builder().retain(at).insert(random.nextInt(10) == 0 ? "🌍" : "x").build();
        return new Change.TextEdit(clause.id(), clause.version(), op);
    }

    private static List<String> operative(Document document) {
        return document.clauses().stream().filter(c -> c.kind() == ClauseKind.OPERATIVE)
                .filter(c -> c.status() == ClauseStatus.BRACKETED).map(Clause::id).toList();
    }

    private static Commit applied(Outcome outcome) {
        if (outcome instanceof Outcome.Applied applied) {
            return applied.commit();
        }
        throw new AssertionError("not applied: " + outcome);
    }

    /** A snapshot as the old code stored it: client marks keyed by the bare client id. */
    private static void snapshot(Connection c, Document document, Map<String, long[]> clients) throws SQLException {
        StringBuilder marks = new StringBuilder("{");
        clients.forEach((client, mark) -> marks.append(marks.length() > 1 ? "," : "").append('"').append(client)
                .append("\":{\"seq\":").append(mark[0]).append(",\"revision\":").append(mark[1]).append('}'));
        marks.append('}');
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO document_snapshots (document_id, revision, body, created_at, clients)
                VALUES (?, ?, ?, ?, ?)""")) {
            insert.setString(1, document.id());
            insert.setLong(2, document.revision());
            insert.setString(3, SnapshotCodec.encode(document));
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.setString(5, marks.toString());
            insert.executeUpdate();
        }
    }

    private static List<String> appliedMigrations(Connection c) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    private static long headSeq(Connection c, String id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT negotiation_seq FROM documents WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static JsonObject request(Vertx vertx, String documentId, SequencerRequest body) throws Exception {
        return vertx.eventBus().<JsonObject>request(LiveAddresses.requests(documentId), body)
                .await(30, TimeUnit.SECONDS).body();
    }
}
