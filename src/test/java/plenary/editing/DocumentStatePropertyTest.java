package plenary.editing;

import org.junit.jupiter.api.Test;
import plenary.document.Clause;
import plenary.document.ClauseKind;
import plenary.document.Document;
import plenary.document.DocumentMeta;
import plenary.document.DocumentStatus;
import plenary.document.RandomIds;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The sequencer's rules under random concurrency, without a network: clients edit replicas,
 * submissions and commits are delivered in random interleavings, and everyone must end with the
 * server's text. Seeded; a failure prints the seed and the steps.
 */
class DocumentStatePropertyTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void concurrentEditorsConvergeOnTheServerText() {
        Property.forAll("convergence", 10_000, (random, log) -> {
            Document start = document(random);
            DocumentState server = new DocumentState(start, RandomIds.seeded(random.nextLong()));
            int n = random.nextInt(2, 5);
            List<Sim> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                clients.add(new Sim("c" + i, start));
            }
            int steps = random.nextInt(5, 40);
            for (int s = 0; s < steps; s++) {
                step(random, server, clients, log, false);
            }
            while (clients.stream().anyMatch(c -> !c.quiet())) {
                step(random, server, clients, log, true);
            }
            Map<String, String> truth = texts(server.document());
            for (Sim c : clients) {
                assertEquals(truth, c.replica.texts(), c.id + " diverged");
            }
        });
    }

    @Test
    void structuralChangesKeepIdsAndTextsAndRenumber() {
        Property.forAll("structure", 10_000, (random, log) -> {
            Document start = document(random);
            DocumentState state = new DocumentState(start, RandomIds.seeded(random.nextLong()));
            Map<String, String> expected = texts(start);
            for (int s = 0; s < 20; s++) {
                List<Clause> clauses = state.document().clauses();
                String some = clauses.get(random.nextInt(clauses.size())).id();
                String other = random.nextInt(4) == 0 ? null : clauses.get(random.nextInt(clauses.size())).id();
                Change change = switch (random.nextInt(4)) {
                    case 0 -> new Change.InsertClause(null, other, ClauseKind.OPERATIVE, "new " + s);
                    case 1 -> clauses.size() > 1 ? new Change.DeleteClause(some) : new Change.MoveClause(some, null);
                    case 2 -> new Change.MoveClause(some, other);
                    default -> new Change.SetKind(some, ClauseKind.values()[random.nextInt(ClauseKind.values().length)]);
                };
                log.append(change).append('\n');
                long revision = state.revision();
                Outcome outcome = state.submit(new Submission("x", s + 1, "x", change), NOW);
                if (outcome instanceof Outcome.Applied applied) {
                    assertEquals(revision + 1, state.revision());
                    switch (applied.commit().change()) {
                        case Change.InsertClause insert -> expected.put(insert.clauseId(), insert.text());
                        case Change.DeleteClause delete -> expected.remove(delete.clauseId());
                        default -> { }
                    }
                } else {
                    assertInstanceOf(Outcome.Rejected.class, outcome);
                    assertEquals(revision, state.revision(), "a refused change changes nothing");
                }
                // Every surviving clause keeps its id and its text; numbers follow positions.
                assertEquals(expected, sortedLike(expected, texts(state.document())));
                assertNumbering(state.document());
            }
        });
    }

    private static void assertNumbering(Document document) {
        int operative = 0;
        List<String> numbers = document.numbers();
        for (int i = 0; i < numbers.size(); i++) {
            if (document.clauses().get(i).kind() == ClauseKind.OPERATIVE) {
                assertEquals(Integer.toString(++operative), numbers.get(i));
            }
        }
    }

    private static Map<String, String> sortedLike(Map<String, String> order, Map<String, String> actual) {
        Map<String, String> out = new LinkedHashMap<>();
        order.keySet().forEach(k -> out.put(k, actual.get(k)));
        assertEquals(order.keySet(), actual.keySet(), "the same clauses exist");
        return out;
    }

    /** One random event: a local edit, a submission reaching the server, or a commit reaching a client. */
    private static void step(SplittableRandom random, DocumentState server, List<Sim> clients, StringBuilder log,
                             boolean draining) {
        Sim c = clients.get(random.nextInt(clients.size()));
        int choice = draining ? 1 + random.nextInt(2) : random.nextInt(3);
        switch (choice) {
            case 0 -> {
                List<String> ids = new ArrayList<>(c.replica.texts().keySet());
                if (ids.isEmpty()) {
                    return;
                }
                String clause = ids.get(random.nextInt(ids.size()));
                if (random.nextInt(25) == 0 && ids.size() > 1) {
                    c.outbox.add(new Submission(c.id + "-structure", ++c.structuralSeq, c.id, new Change.DeleteClause(clause)));
                    log.append(c.id).append(" deletes ").append(clause).append('\n');
                    return;
                }
                TextOp op = Gen.op(random, c.replica.text(clause));
                log.append(c.id).append(" edits ").append(clause).append(' ').append(op).append('\n');
                c.replica.localEdit(clause, op);
                c.submitNext();
            }
            case 1 -> {
                Submission submission = c.outbox.poll();
                if (submission == null) {
                    return;
                }
                Outcome outcome = server.submit(submission, NOW);
                log.append("server ← ").append(submission.change()).append(" : ").append(outcome).append('\n');
                switch (outcome) {
                    case Outcome.Applied applied -> clients.forEach(x -> x.inbox.add(applied.commit()));
                    case Outcome.Rejected rejected -> {
                        if (submission.clientId().equals(c.id)) {
                            c.inbox.add(rejected); // a refused delete needs no answer in this model
                        }
                    }
                    case Outcome.Duplicate duplicate -> throw new AssertionError("no resubmissions here");
                }
            }
            default -> {
                Object message = c.inbox.poll();
                if (message != null) {
                    c.receive(message);
                }
            }
        }
    }

    /** A simulated client: its replica and its two queues. */
    private static final class Sim {
        final String id;
        final ClientReplica replica = new ClientReplica();
        final ArrayDeque<Submission> outbox = new ArrayDeque<>();
        final ArrayDeque<Object> inbox = new ArrayDeque<>();
        long structuralSeq; // deletes go under a second client id so they do not share the text sequence

        Sim(String id, Document start) {
            this.id = id;
            Map<String, Long> versions = new LinkedHashMap<>();
            start.clauses().forEach(c -> versions.put(c.id(), c.version()));
            replica.reset(texts(start), versions);
        }

        void submitNext() {
            ClientReplica.Inflight next = replica.nextSubmission();
            if (next != null) {
                outbox.add(new Submission(id, next.seq(), id,
                        new Change.TextEdit(next.clauseId(), next.version(), next.op())));
            }
        }

        void receive(Object message) {
            if (message instanceof Outcome.Rejected rejected) {
                assertEquals("clause-deleted", rejected.code(), rejected.message());
                replica.refused();
            } else {
                Commit commit = (Commit) message;
                Change change = commit.change();
                if (replica.isOwn(id, commit.clientId(), commit.seq())) {
                    replica.acknowledged(change.clauseId(), ((Change.TextEdit) change).baseVersion());
                } else if (change instanceof Change.TextEdit edit) {
                    replica.remoteText(edit.clauseId(), edit.baseVersion(), edit.op());
                } else if (change instanceof Change.DeleteClause delete) {
                    replica.remoteDelete(delete.clauseId());
                }
            }
            submitNext();
        }

        boolean quiet() {
            return outbox.isEmpty() && inbox.isEmpty() && replica.idle();
        }
    }

    private static Document document(SplittableRandom random) {
        List<Clause> clauses = new ArrayList<>();
        int n = random.nextInt(1, 5);
        for (int i = 0; i < n; i++) {
            clauses.add(Clause.fresh("k" + i, ClauseKind.OPERATIVE, Gen.text(random, 12)));
        }
        return new Document("d", "T", DocumentMeta.EMPTY, DocumentStatus.DRAFTING, 0, clauses);
    }

    static Map<String, String> texts(Document document) {
        Map<String, String> texts = new LinkedHashMap<>();
        document.clauses().forEach(c -> texts.put(c.id(), c.text()));
        return texts;
    }
}
