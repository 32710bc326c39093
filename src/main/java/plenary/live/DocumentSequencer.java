package plenary.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.document.Document;
import plenary.editing.ChangeJson;
import plenary.editing.ClientMark;
import plenary.editing.Commit;
import plenary.editing.DocumentState;
import plenary.editing.Outcome;
import plenary.editing.Submission;
import plenary.search.Entries;
import plenary.search.SearchSource;
import plenary.store.OperationLog;
import plenary.view.DocumentJson;
import plenary.view.NegotiationSnapshot;
import plenary.metrics.Meters;
import plenary.negotiation.Actor;
import plenary.negotiation.Command;
import plenary.negotiation.Event;
import plenary.negotiation.Negotiation;
import plenary.negotiation.NegotiationException;
import plenary.negotiation.Recorded;
import plenary.negotiation.Verdict;
import plenary.editing.Change;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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
    private static final int MAX_DEFERRED = 10_000;
    private static final long RELOAD_RETRY_MILLIS = 1_000;
    /**
     * The threads that make the sequencers' changes durable, shared by every sequencer of the
     * process and used for nothing else, so a commit never waits behind REST reads, searches or
     * sign-ins on Vert.x's shared pool. Each sequencer has at most one write in flight; four at
     * once is as many as the store takes usefully (H2 commits to one file; PostgreSQL would take
     * more, but the connection pool's eight also serve every read).
     */
    static final String WRITERS = "plenary-log";
    private static final int WRITER_THREADS = 4;

    private final String documentId;
    private final OperationLog log;
    private final SequencerSettings settings;
    private final Supplier<String> ids;
    private final Clock clock;

    private DocumentState state;
    private NegotiationDesk desk;
    private final List<Recorded> unbroadcastEvents = new ArrayList<>();
    private final Set<String> touchedClauses = new HashSet<>();
    /** Whether a commit since the last tick added, removed, moved or re-kinded a clause. */
    private boolean restructured;
    private long silenceTimer = -1;
    /** Stops re-arming the silence timer when the clock jumps; nothing to stop on a clock that never jumps. */
    private Runnable stopFollowingJumps = () -> { };
    private long durableRevision;
    private Document durableDocument;
    private String durableHash;
    /** After a failed write: the state is being reloaded, and requests wait here for it. */
    private boolean reloading;
    private final List<Message<SequencerRequest>> deferred = new ArrayList<>();
    private final ArrayDeque<Commit> recent = new ArrayDeque<>();
    private List<Pending> unwritten = new ArrayList<>();
    private boolean writing;
    private final List<Commit> unbroadcast = new ArrayList<>();
    private final List<Timing> unbroadcastTimings = new ArrayList<>();
    private Meters meters;
    private WorkerExecutor writers;
    /** The last copy of the negotiation handed to readers, and the negotiation it was copied from. */
    private Negotiation viewCopy;
    private Negotiation viewCopyOf;
    private Counter committed;
    private Gauge queue;
    private final List<Parked> parked = new ArrayList<>();
    private final Map<String, JsonObject> presence = new LinkedHashMap<>();
    /** Presence changes since the last tick, by connection: an entry, or {connectionId, left: true}. */
    private final Map<String, JsonObject> presenceChanges = new LinkedHashMap<>();
    private boolean tickScheduled;
    /** Negotiation frames published so far: their numbers, and the one a state view is as of. */
    private long framesPublished;
    private MessageConsumer<SequencerRequest> consumer;
    /** Where this sequencer retires to when idle; null: it never does (a benchmark's own). */
    private final Sequencers registry;
    private long lastRequestMillis;
    private long idleCheck = -1;
    /** Decided to stop for idleness: every request from now on is sent back to ask again. */
    private boolean retired;
    /** In a cluster: how this node owns documents; null for a server alone. */
    private final Ownership ownership;
    /** The fencing token of this sequencer's lease, stated in every write ({@link OperationLog#UNLEASED} alone). */
    private final long ownerToken;
    /** Whether the lease was taken over from a writer that did not let go: its clients must resynchronise. */
    private final boolean takeover;
    /**
     * {@link System#nanoTime()} by which the lease has surely ended unless renewed, counted from
     * before each claim or renewal was sent: past it this sequencer steps down before it answers,
     * even if it was paused and has not yet learnt that another node took the document.
     */
    private volatile long leaseEndsNanos;
    private long renewal = -1;

    /**
     * A step applied in memory, not yet durable: a typed change, or a negotiation verdict (its text
     * changes and its events). {@code after} is the document it produced; {@code reply} is the
     * answer for a verdict (null: the usual acknowledgement of a typed change); {@code negotiationSeq}
     * is the negotiation's last event after it.
     */
    private record Pending(List<Commit> commits, List<Recorded> events, Message<SequencerRequest> request, Document after,
                           JsonObject reply, long negotiationSeq, long arrivedNanos) {
    }

    /** When a commit's request arrived and when the commit became durable, for the live latencies. */
    private record Timing(long arrivedNanos, long durableNanos) {
    }

    private record Parked(long revision, Message<SequencerRequest> request, JsonObject reply) {
    }

    public DocumentSequencer(String documentId, OperationLog log, SequencerSettings settings, Supplier<String> ids,
                             Clock clock) {
        this(documentId, log, settings, ids, clock, null, null);
    }

    /**
     * @param lease the lease this node took on the document, in a cluster ({@code ownership} set);
     *              null for a server alone
     */
    DocumentSequencer(String documentId, OperationLog log, SequencerSettings settings, Supplier<String> ids,
                      Clock clock, Sequencers registry, Claimed lease) {
        this.registry = registry;
        this.ownership = lease == null ? null : lease.ownership();
        this.ownerToken = lease == null ? OperationLog.UNLEASED : lease.token();
        this.takeover = lease != null && lease.takeover();
        this.leaseEndsNanos = lease == null ? 0 : lease.claimedNanos() + lease.ownership().lease().toNanos();
        this.documentId = documentId;
        this.log = log;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * A lease taken for this sequencer: its token, whether it was taken over, and
     * {@link System#nanoTime()} before the claim was sent.
     */
    record Claimed(Ownership ownership, long token, boolean takeover, long claimedNanos) {
    }

    /** What the store holds of the document, rebuilt in fresh objects off the sequencer's context. */
    private record Loaded(DocumentState state, NegotiationDesk desk, List<Commit> recent) {
    }

    @Override
    public Future<?> start() {
        meters = Meters.of(vertx);
        writers = vertx.createSharedWorkerExecutor(WRITERS, WRITER_THREADS);
        SequencerRequest.registerCodecs(vertx);
        committed = meters.opsCommitted(documentId);
        queue = Gauge.builder("plenary.sequencer.queue", this, s -> s.unwritten.size() + s.parked.size() + s.deferred.size())
                .description("changes applied in memory and waiting to be written, and answers waiting for a write")
                .tag("document", documentId).register(meters.registry());
        return vertx.executeBlocking(this::loadUnderLease, false).compose(loaded -> {
            adopt(loaded);
            followJumps();
            consumer = vertx.eventBus().consumer(LiveAddresses.requests(documentId), this::onRequest);
            lastRequestMillis = clock.millis();
            armIdleCheck();
            armRenewal();
            return consumer.completion();
        }).onSuccess(v -> {
            if (takeover) {
                // The clients of every node followed the writer that went: frames start again here.
                publish("{\"type\":\"resync\",\"reason\":\"another server now writes this document\"}");
            }
        }).onFailure(e -> writers.close()); // not deployed, so never stopped: let go of the pool here
    }

    /** In a cluster: renews the lease every third of its length, and steps down once it is lost. */
    private void armRenewal() {
        if (ownership == null) {
            return;
        }
        renewal = vertx.setPeriodic(Math.max(100, ownership.lease().toMillis() / 3), t -> {
            long sent = System.nanoTime();
            ownership.work().executeBlocking(() -> ownership.leases().renew(documentId, ownership.node(), ownerToken,
                    ownership.lease()), false).onComplete(renewed -> {
                if (retired) {
                    return;
                }
                if (renewed.succeeded() && renewed.result()) {
                    leaseEndsNanos = sent + ownership.lease().toNanos();
                } else if (renewed.succeeded()) {
                    stepDown("another node took the document");
                } else {
                    // The database did not answer: go on while the lease surely runs, and try again.
                    LOG.warn("document {}: renewing the lease failed: {}", documentId, renewed.cause().toString());
                }
            });
        });
    }

    /** Whether this node's lease has surely not ended (always, for a server alone). */
    private boolean leaseRunning() {
        return ownership == null || System.nanoTime() - leaseEndsNanos < 0;
    }

    /**
     * In a cluster, after the lease is lost or may be: stops answering at once (requests are sent
     * back to ask again, and reach the new owner), and tells this node's sockets to rejoin there.
     * Nothing more is written: a write still in flight is refused by its token.
     */
    private void stepDown(String why) {
        if (retired) {
            return;
        }
        LOG.warn("document {}: stepping down as its writer: {}", documentId, why);
        retired = true;
        publish("{\"type\":\"resync\",\"reason\":\"this document moved to another server\"}",
                new DeliveryOptions().setLocalOnly(true));
        registry.retire(documentId, deploymentID());
    }

    /** Publishes a frame to the document's sockets (on every node, unless the options say otherwise), and counts it. */
    private void publish(String frame) {
        publish(frame, new DeliveryOptions());
    }

    private void publish(String frame, DeliveryOptions options) {
        meters.framesPublished().increment();
        vertx.eventBus().publish(LiveAddresses.broadcasts(documentId), frame, options);
    }

    /**
     * The silence timer waits a delay computed from one reading of the clock; when the clock jumps
     * (a test moving time on), it is armed again from the new reading, on this context. During a
     * reload the reloaded state arms it.
     */
    private void followJumps() {
        if (clock instanceof ClockJumps jumps) {
            stopFollowingJumps = jumps.onJump(() -> context.runOnContext(v -> {
                if (!reloading && !retired) {
                    scheduleSilence();
                    retireIfIdle();
                }
            }));
        }
    }

    private Loaded load() {
        OperationLog.Stored stored = log.load(documentId, Long.MAX_VALUE)
                .orElseThrow(() -> new IllegalStateException("no document " + documentId));
        if (stored.snapshotHash() == null) {
            throw new IllegalStateException("document " + documentId + " has no hash at its snapshot, revision "
                    + stored.snapshot().revision());
        }
        DocumentState loaded = new DocumentState(stored.snapshot(), stored.snapshotHash(), ids);
        loaded.rememberClients(stored.clients());
        stored.after().forEach(loaded::replay);
        NegotiationDesk freshDesk = new NegotiationDesk(settings.commentEditWindow());
        freshDesk.load(settings.commentEditWindow(), log.events(documentId, 0, Integer.MAX_VALUE));
        return new Loaded(loaded, freshDesk, recentCommits(stored, loaded.revision()));
    }

    /**
     * Loads, then, in a cluster, renews the lease before the sequencer listens: a load that took
     * long on a busy machine must not leave it answering on a lease about to end.
     */
    private Loaded loadUnderLease() {
        Loaded loaded = load();
        if (ownership != null) {
            long sent = System.nanoTime();
            if (!ownership.leases().renew(documentId, ownership.node(), ownerToken, ownership.lease())) {
                throw new IllegalStateException("document " + documentId + ": another node took it during the load");
            }
            leaseEndsNanos = sent + ownership.lease().toNanos();
        }
        return loaded;
    }

    /**
     * The last commits, up to the catch-up limit, so that clients rejoining a freshly loaded
     * sequencer (after a restart, or on the node that took a dead writer's document over) catch up
     * with the ops they missed rather than a whole document each: those since the snapshot are
     * loaded already, older ones are read from the log.
     */
    private List<Commit> recentCommits(OperationLog.Stored stored, long head) {
        int keep = settings.catchUpLimit();
        List<Commit> after = stored.after();
        if (after.size() >= keep) {
            return after.subList(after.size() - keep, after.size());
        }
        long snapshot = stored.snapshot().revision();
        long from = Math.max(0, head - keep);
        List<Commit> out = new ArrayList<>(from < snapshot
                ? log.commits(documentId, from, snapshot, keep) : List.of());
        out.addAll(after);
        return out;
    }

    /** Takes a loaded state as the truth, on the sequencer's context. */
    private void adopt(Loaded loaded) {
        state = loaded.state();
        desk = loaded.desk();
        durableRevision = state.revision();
        durableDocument = state.document();
        durableHash = state.head();
        desk.numbered(durableDocument);
        recent.clear();
        recent.addAll(loaded.recent());
        scheduleSilence();
    }

    private void onRequest(Message<SequencerRequest> request) {
        if (!retired && !leaseRunning()) {
            stepDown("its lease may have ended (was this process paused?)");
        }
        if (retired) {
            request.fail(Sequencers.RETIRED, "this document's sequencer retired; ask again");
            return;
        }
        lastRequestMillis = clock.millis();
        if (reloading) {
            // The state in memory is being replaced: nothing may read or change it until then.
            if (deferred.size() < MAX_DEFERRED) {
                deferred.add(request);
            } else {
                refuse(request, "unavailable", "the document is being reloaded; try again");
            }
            return;
        }
        if (!(((Message<?>) request).body() instanceof SequencerRequest asked)) {
            request.fail(400, "not a sequencer request"); // only this process sends here; a bug if it happens
            return;
        }
        switch (asked) {
            case SequencerRequest.Submit submit -> submit(request, submit.submission());
            case SequencerRequest.Negotiate negotiate -> decide(negotiate.command(), negotiate.actor(), request);
            case SequencerRequest.View view -> view(request);
            // What the search index holds of this document, as durable now.
            // Only references are copied here: the entries are built on the search feed's worker.
            case SequencerRequest.SearchEntries entries -> request.reply(new SearchSource(durableDocument,
                    desk.durable().copy(), durableRevision, desk.durable().seq()));
            case SequencerRequest.Join join -> join(request, join);
            case SequencerRequest.Presence where -> presence(request, where);
            case SequencerRequest.Leave leave -> {
                String connection = leave.connectionId();
                if (presence.remove(connection) != null) {
                    presenceChanges.put(connection, new JsonObject().put("connectionId", connection).put("left", true));
                    scheduleTick();
                }
            }
        }
    }

    private void submit(Message<SequencerRequest> request, Submission submission) {
        long arrived = System.nanoTime();
        if (!submission.change().typed()) {
            request.reply(rejected("forbidden", "statuses change through the negotiation API, not by typing"));
            return;
        }
        switch (state.submit(submission, clock.instant())) {
            case Outcome.Applied applied -> {
                unwritten.add(new Pending(List.of(applied.commit()), List.of(), request, state.document(), null,
                        desk.negotiation().seq(), arrived));
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

    /**
     * A negotiation command: decided against the state now, its text changes applied like any edit,
     * and the changes and events written in one transaction before the answer.
     */
    private void decide(Command command, Actor actor, Message<SequencerRequest> request) {
        Instant now = clock.instant();
        Verdict verdict;
        try {
            verdict = desk.negotiation().decide(command, actor, now, state.document());
        } catch (NegotiationException e) {
            if (request != null) {
                request.reply(rejected(e.code(), e.getMessage()).put("kind", e.kind().name()));
            } else if ("silence-running".equals(e.code())) {
                scheduleSilence(); // the timer fired a little early
            }
            return;
        }
        List<Commit> commits = new ArrayList<>();
        for (Change change : verdict.changes()) {
            switch (state.submit(new Submission(null, 0, actor.name(), actor.userId(), change, -1), now)) {
                case Outcome.Applied applied -> commits.add(applied.commit());
                case Outcome.Rejected refused when commits.isEmpty() -> {
                    // Nothing applied yet: a clean refusal (a sub-paragraph with no parent, say).
                    if (request != null) {
                        request.reply(rejected(refused.code(), refused.message()).put("kind", "CONFLICT"));
                    }
                    return;
                }
                // Verdicts with several changes only set statuses of clauses that exist; failing half-way is a bug.
                default -> throw new IllegalStateException("a decided change was refused half-way: " + change);
            }
        }
        List<Recorded> recorded = desk.record(verdict, actor, now, state.revision());
        JsonObject reply = new JsonObject().put("outcome", "applied").put("revision", state.revision())
                .put("seq", desk.negotiation().seq());
        unwritten.add(new Pending(commits, recorded, request, state.document(), reply, desk.negotiation().seq(),
                System.nanoTime()));
        writeUnwritten();
        if (recorded.stream().anyMatch(r -> r.event() instanceof Event.SilenceStarted)) {
            scheduleSilence();
        }
    }

    /**
     * Looks for idleness a few times per idle timeout (and whenever the clock jumps): a sequencer
     * holds its document, its recent commits and its negotiation in memory for as long as it runs.
     */
    private void armIdleCheck() {
        long idle = settings.idleTimeout().toMillis();
        if (registry != null && idle > 0) {
            idleCheck = vertx.setPeriodic(Math.clamp(idle / 4, 1_000, 60_000), t -> retireIfIdle());
        }
    }

    /**
     * Retires when nobody is in the document (no presence), nothing is in flight (writes, answers
     * waiting for one, a frame not yet sent, a reload) and no silence deadline is pending, and no
     * request came for the idle timeout. All it holds is then durable and is loaded again on demand.
     */
    private void retireIfIdle() {
        if (retired || registry == null || settings.idleTimeout().isZero()) {
            return;
        }
        boolean quiet = presence.isEmpty() && unwritten.isEmpty() && !writing && parked.isEmpty()
                && deferred.isEmpty() && !reloading && !tickScheduled && unbroadcast.isEmpty()
                && unbroadcastEvents.isEmpty() && silenceTimer < 0;
        if (quiet && clock.millis() - lastRequestMillis >= settings.idleTimeout().toMillis()) {
            retired = true;
            registry.retire(documentId, deploymentID());
        }
    }

    /** Concludes a running silence procedure at its deadline, as the procedure itself. */
    private void scheduleSilence() {
        if (silenceTimer >= 0) {
            vertx.cancelTimer(silenceTimer);
            silenceTimer = -1;
        }
        desk.negotiation().runningSilence().ifPresent(silence -> {
            long delay = Math.max(1, Instant.parse(silence.deadline()).toEpochMilli() - clock.millis());
            silenceTimer = vertx.setTimer(delay, t -> {
                silenceTimer = -1;
                if (!reloading) { // otherwise the reloaded state schedules it again
                    decide(new Command.ConcludeSilence(), Actor.PROCEDURE, null);
                }
            });
        });
    }

    /**
     * What a view of the negotiation is built from, as of now: the reader builds it (views cost up
     * to tens of milliseconds with hundreds of amendments), not this context, which only copies
     * references.
     */
    private void view(Message<SequencerRequest> request) {
        Negotiation now = desk.negotiation();
        // One copy per change, not per reader: fifty browsers reloading after one event share it.
        // Only events change a negotiation, and each one moves its seq.
        if (viewCopyOf != now || viewCopy.seq() != now.seq()) {
            viewCopy = now.copy();
            viewCopyOf = now;
        }
        request.reply(new NegotiationSnapshot(state.document(), viewCopy, framesPublished, clock.instant()));
    }

    /** The clauses whose amendments an event may have regrouped. */
    private void clausesOf(Event event, Set<String> clauses) {
        String amendmentId = switch (event) {
            case Event.AmendmentTabled e -> e.id();
            case Event.AmendmentWithdrawn e -> e.id();
            case Event.AmendmentAccepted e -> e.id();
            case Event.AmendmentRejected e -> e.id();
            case Event.AmendmentSuperseded e -> e.id();
            case Event.CompromiseMerged e -> e.compromise().id();
            default -> null;
        };
        if (amendmentId != null) {
            desk.negotiation().amendment(amendmentId).ifPresent(a -> clauses.add(a.clauseId()));
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
        List<Commit> commits = batch.stream().flatMap(p -> p.commits().stream()).toList();
        List<Recorded> events = batch.stream().flatMap(p -> p.events().stream()).toList();
        boolean snapshotDue = !commits.isEmpty() && head.revision() / settings.snapshotEvery()
                > (commits.getFirst().revision() - 1) / settings.snapshotEvery();
        Document snapshot = snapshotDue ? head : null;
        var clients = snapshotDue ? state.lastByClient() : null;
        long negotiationSeq = batch.getLast().negotiationSeq();
        writers.executeBlocking(() -> {
            log.append(documentId, commits, events, head, negotiationSeq, snapshot, clients, ownerToken);
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
        long durableNanos = System.nanoTime();
        boolean searchable = false;
        for (Pending pending : batch) {
            durableDocument = pending.after();
            durableRevision = durableDocument.revision();
            for (Commit commit : pending.commits()) {
                durableHash = commit.hash();
                recent.addLast(commit);
                if (recent.size() > settings.catchUpLimit()) {
                    recent.removeFirst();
                }
                unbroadcast.add(commit);
                unbroadcastTimings.add(new Timing(pending.arrivedNanos(), durableNanos));
                committed.increment();
                if (commit.change() instanceof Change.SetClauseStatuses statuses) {
                    touchedClauses.addAll(statuses.clauseIds());
                } else {
                    touchedClauses.add(commit.change().clauseId());
                }
                restructured |= renumbers(commit.change());
            }
            searchable = searchable || !pending.commits().isEmpty()
                    || pending.events().stream().anyMatch(r -> Entries.reflects(r.event()));
            desk.written(pending.events());
            unbroadcastEvents.addAll(pending.events());
            if (pending.request() != null) {
                pending.request().reply(pending.reply() != null ? pending.reply() : new JsonObject()
                        .put("outcome", "applied").put("seq", pending.commits().getFirst().seq())
                        .put("revision", durableRevision));
            }
        }
        // The search feed re-indexes the whole document: not for what the index does not hold.
        if (searchable) {
            vertx.eventBus().publish(LiveAddresses.CHANGED, documentId);
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
     * The store refused a write (fail-stop). The in-memory state now holds changes that are not in
     * the store: refuse every one of them, stop reading and changing that state, reload the
     * durable state into fresh objects off the context and swap them in on it, then tell every
     * client to resynchronise. Requests meanwhile wait, and run against the reloaded state.
     */
    private void onWriteFailed(List<Pending> batch, Throwable cause) {
        LOG.error("document {}: writing {} changes failed; {}", documentId, batch.size(),
                ownership == null ? "reloading from the store" : "stepping down", cause);
        List<Pending> lost = new ArrayList<>(batch);
        lost.addAll(unwritten);
        unwritten = new ArrayList<>();
        lost.stream().filter(p -> p.request() != null)
                .forEach(p -> p.request().reply(rejected("not-saved", "the change could not be saved; resynchronise")));
        parked.forEach(p -> p.request().reply(rejected("not-saved", "the change could not be saved; resynchronise")));
        parked.clear();
        if (ownership != null) {
            // In a cluster the store may have refused this node's token: whoever holds the lease
            // now loads the document, this node or another. Waiting requests ask again there.
            writing = true;
            List<Message<SequencerRequest>> waiting = new ArrayList<>(deferred);
            deferred.clear();
            stepDown("a write failed");
            waiting.forEach(this::onRequest);
            return;
        }
        reloading = true;
        writing = true; // no write of the abandoned state may start
        reload();
    }

    private void reload() {
        vertx.executeBlocking(this::load, false).onComplete(reloaded -> {
            if (reloaded.failed()) {
                LOG.error("document {}: reloading failed; trying again in {} ms", documentId, RELOAD_RETRY_MILLIS,
                        reloaded.cause());
                List<Message<SequencerRequest>> waiting = new ArrayList<>(deferred);
                deferred.clear();
                waiting.forEach(r -> refuse(r, "unavailable", "the document could not be reloaded; try again"));
                vertx.setTimer(RELOAD_RETRY_MILLIS, t -> reload());
                return;
            }
            adopt(reloaded.result());
            presenceChanges.clear();
            reloading = false;
            writing = false;
            publish("{\"type\":\"resync\",\"reason\":\"the server could not save recent changes\"}");
            List<Message<SequencerRequest>> waiting = new ArrayList<>(deferred);
            deferred.clear();
            waiting.forEach(this::onRequest);
        });
    }

    /** A refusal in the shape each action expects: an outcome for changes, a failure for the rest. */
    private static void refuse(Message<SequencerRequest> request, String code, String message) {
        switch (request.body()) {
            case SequencerRequest.Submit s -> request.reply(rejected(code, message));
            case SequencerRequest.Negotiate n -> request.reply(rejected(code, message));
            case SequencerRequest.Leave l -> { } // sent, not asked: nobody waits for an answer
            default -> request.fail(503, message);
        }
    }

    /**
     * A (re)joining client. It says the last revision it saw and that commit's hash: when this
     * history does not hold that commit (a store restored from an older copy, say), the client
     * must drop what it has, so the reply says {@code diverged} and carries the whole document and
     * how far this client's own submissions got ({@code lastSeq}). A hash the sequencer no longer
     * keeps in memory is read from the log first.
     */
    private void join(Message<SequencerRequest> request, SequencerRequest.Join body) {
        long since = body.since();
        String hash = body.hash();
        String userId = body.userId();
        String clientId = body.clientId();
        if (hash == null || since < 0 || since > durableRevision) {
            request.reply(joinReply(since, since > durableRevision, userId, clientId));
            return;
        }
        String known = hashInMemory(since);
        if (known != null) {
            request.reply(joinReply(since, !known.equals(hash), userId, clientId));
            return;
        }
        vertx.executeBlocking(() -> log.hashAt(documentId, since), false).onComplete(stored -> {
            if (stored.failed()) {
                request.fail(503, "could not read the document's history");
            } else {
                request.reply(joinReply(since, !hash.equals(stored.result()), userId, clientId));
            }
        });
    }

    private String hashInMemory(long revision) {
        if (revision == durableRevision) {
            return durableHash;
        }
        for (Commit commit : recent) {
            if (commit.revision() == revision) {
                return commit.hash();
            }
        }
        return null;
    }

    /**
     * What a joining client needs: the ops it missed, or the whole document when it is new, too far
     * behind or on another history. Pending broadcasts go out first, so the next frame continues
     * where this reply ends.
     */
    private JsonObject joinReply(long since, boolean diverged, String userId, String clientId) {
        if (!unbroadcast.isEmpty()) {
            tick();
        }
        ClientMark mark = clientId == null ? null : state.lastOf(userId, clientId);
        JsonObject reply = new JsonObject().put("revision", durableRevision).put("hash", durableHash)
                .put("presence", presenceList()).put("negotiationSeq", desk.negotiation().seq())
                .put("negotiationFrame", framesPublished)
                .put("lastSeq", mark == null ? 0 : mark.seq());
        long oldestKept = recent.isEmpty() ? durableRevision : recent.getFirst().revision() - 1;
        if (diverged) {
            reply.put("diverged", true).put("document", DocumentJson.document(durableDocument));
        } else if (since < 0 || since < oldestKept || since > durableRevision) {
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

    /**
     * Where a reader is. A clause that is not in the document is refused rather than passed on:
     * the frame goes to every reader.
     */
    private void presence(Message<SequencerRequest> request, SequencerRequest.Presence where) {
        String connection = where.connectionId();
        String clauseId = where.clauseId();
        if (clauseId != null && state.document().clause(clauseId).isEmpty()) {
            request.reply(rejected("unknown-clause", "no clause " + clauseId + " in this document"));
            return;
        }
        JsonObject entry = new JsonObject().put("name", where.name()).put("userId", where.userId())
                .put("role", where.role()).put("clauseId", clauseId).put("caret", where.caret());
        presence.put(connection, entry);
        presenceChanges.put(connection, entry.copy().put("connectionId", connection));
        scheduleTick();
        request.reply(new JsonObject().put("outcome", "applied"));
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
            publish(frame.toString());
            long published = System.nanoTime();
            for (Timing timing : unbroadcastTimings) {
                meters.ack().record(published - timing.arrivedNanos(), TimeUnit.NANOSECONDS);
                meters.broadcast().record(published - timing.durableNanos(), TimeUnit.NANOSECONDS);
            }
            unbroadcastTimings.clear();
        }
        if (!unbroadcastEvents.isEmpty() || !touchedClauses.isEmpty()) {
            Set<String> clauses = new HashSet<>(touchedClauses);
            unbroadcastEvents.forEach(r -> clausesOf(r.event(), clauses));
            TickFrames tick = desk.tick(unbroadcastEvents, clauses, restructured, durableDocument, clock.instant());
            unbroadcastEvents.clear();
            touchedClauses.clear();
            restructured = false;
            if (!tick.quiet()) {
                publishNegotiation(tick);
            }
        }
        // Only what changed: a full list per change would cost O(people²) per join.
        if (!presenceChanges.isEmpty()) {
            JsonArray changes = new JsonArray(new ArrayList<>(presenceChanges.values()));
            presenceChanges.clear();
            publish(new JsonObject().put("type", "presence").put("changes", changes).encode());
        }
    }

    /**
     * The room's frame, then each delegation's own supplement under the same number, which only its
     * delegates' sockets pass on (the {@code delegation} header). Frames are numbered one after
     * another, so a client that sees a number skipped knows it missed one and reloads.
     */
    private void publishNegotiation(TickFrames tick) {
        framesPublished++;
        ObjectNode frame = JSON.createObjectNode().put("type", "negotiation").put("frame", framesPublished);
        frame.set("events", tick.events());
        frame.set("changes", tick.room());
        publish(frame.toString());
        tick.own().forEach((delegation, changes) -> {
            ObjectNode own = JSON.createObjectNode().put("type", "negotiation").put("frame", framesPublished)
                    .put("own", true);
            own.putArray("events");
            own.set("changes", changes);
            publish(own.toString(),
                    new DeliveryOptions().addHeader(LiveAddresses.DELEGATION_HEADER, delegation));
        });
    }

    /** Whether a change can alter the paragraph numbers: typing and statuses cannot. */
    private static boolean renumbers(Change change) {
        return change instanceof Change.InsertClause || change instanceof Change.DeleteClause
                || change instanceof Change.MoveClause || change instanceof Change.SetKind;
    }

    private static JsonObject rejected(String code, String message) {
        return new JsonObject().put("outcome", "rejected").put("code", code).put("message", message);
    }

    /** Stops taking requests, then lets a write in flight finish before the store is closed. */
    @Override
    public Future<?> stop() {
        stopFollowingJumps.run();
        vertx.cancelTimer(idleCheck);
        vertx.cancelTimer(silenceTimer);
        vertx.cancelTimer(renewal);
        if (queue != null) {
            meters.registry().remove(queue);
        }
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        return unregistered.compose(v -> {
            io.vertx.core.Promise<Void> idle = io.vertx.core.Promise.promise();
            awaitIdle(idle, 500);
            return idle.future();
        }).compose(v -> release()).compose(v -> writers.close());
    }

    /**
     * In a cluster, lets another node take the document at once rather than at the lease's end: a
     * retirement, or this node shutting down. A no-op when the lease went elsewhere already.
     */
    private Future<Void> release() {
        if (ownership == null) {
            return Future.succeededFuture();
        }
        return ownership.work().executeBlocking(() -> {
            ownership.leases().release(documentId, ownerToken);
            return null;
        }, false).<Void>mapEmpty().recover(e -> {
            LOG.warn("document {}: releasing the lease failed: {}", documentId, e.toString());
            return Future.succeededFuture();
        });
    }

    private void awaitIdle(io.vertx.core.Promise<Void> idle, int triesLeft) {
        // During a reload no write is in flight: there is nothing to wait for.
        if (!writing || reloading || triesLeft == 0) {
            idle.complete();
        } else {
            vertx.setTimer(10, t -> awaitIdle(idle, triesLeft - 1));
        }
    }
}
