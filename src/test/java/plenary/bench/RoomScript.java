package plenary.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The room's script, in three phases measured one after another: rapporteurs typing while
 * amendments are tabled and comments posted; a roll-call vote (presence register, ballots, result)
 * while comments go on and people read the document and the negotiation; a silence procedure that
 * one delegation (or more, or none) breaks, concluded by the server at its deadline. Every action
 * is sent open-loop, at its time, from a pool of REST threads, whatever the answers' latency.
 */
final class RoomScript {
    private final RoomSetup.Room room;
    private final RoomHttp http;
    private final RoomFrames shared;
    private final List<RoomClient> clients;
    private final List<RoomTypist> typists;
    private final PlenaryRoom.Options o;
    private final ExecutorService rest;
    private final ScheduledExecutorService timer;
    private final long pid;
    private final SplittableRandom random;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<String> typed;

    RoomScript(RoomSetup.Room room, RoomHttp http, RoomFrames shared, List<RoomClient> clients,
               List<RoomTypist> typists, PlenaryRoom.Options o, ExecutorService rest, ScheduledExecutorService timer,
               long pid, SplittableRandom random) {
        this.room = room;
        this.http = http;
        this.shared = shared;
        this.clients = clients;
        this.typists = typists;
        this.o = o;
        this.rest = rest;
        this.timer = timer;
        this.pid = pid;
        this.random = random;
        this.typed = typists.stream().map(t -> t.clauseId).toList();
    }

    /**
     * Before the phases, unmeasured: typing and comments as in phase 1 (no amendments, so that phase 1
     * starts with the set-up's), so that the server's compiler has seen the live paths.
     */
    void warmUp(int seconds) throws InterruptedException {
        if (seconds <= 0) {
            return;
        }
        System.out.printf(Locale.ROOT, "warm-up: %d s of typing and comments, not measured…%n", seconds);
        shared.phase = 0;
        RoomPhase phase = new RoomPhase(0, "warm-up");
        List<ScheduledFuture<?>> running = typingLoad(phase, false);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        running.forEach(f -> f.cancel(false));
        awaitAnswers();
        Thread.sleep(TimeUnit.SECONDS.toMillis(o.settleSeconds()));
        shared.clearFrames();
    }

    /** Phase 1: typing at --typing-rate, one amendment tabled per 1/--amendment-rate s, comments at --comment-rate. */
    RoomPhase typing(int index) throws InterruptedException {
        RoomPhase phase = start(index, String.format(Locale.ROOT, "%d rapporteur(s) typing at %.0f characters/s, "
                + "%.1f amendments/s tabled, %.1f comments/s", typists.size(), o.typingRate(), o.amendmentRate(),
                o.commentRate()));
        List<ScheduledFuture<?>> running = typingLoad(phase, true);
        Thread.sleep(TimeUnit.SECONDS.toMillis(o.seconds()));
        running.forEach(f -> f.cancel(false));
        typists.forEach(RoomTypist::stop);
        return finish(phase);
    }

    private List<ScheduledFuture<?>> typingLoad(RoomPhase phase, boolean amendments) {
        List<ScheduledFuture<?>> running = new ArrayList<>();
        long keystroke = Math.round(1e6 / o.typingRate());
        for (RoomTypist t : typists) {
            running.add(timer.scheduleAtFixedRate(t::keystroke, pickLong(keystroke), keystroke,
                    TimeUnit.MICROSECONDS));
        }
        if (amendments) {
            running.add(every(o.amendmentRate(), () -> tableAmendment(phase)));
        }
        running.add(every(o.commentRate(), () -> postComment(phase)));
        return running;
    }

    /** Phase 2: a roll-call vote of every delegation, with comments and readers alongside. */
    RoomPhase vote(int index) throws Exception {
        int n = room.delegates().size();
        RoomPhase phase = start(index, String.format(Locale.ROOT, "roll-call vote: %d presences over %d s, %d ballots "
                        + "over %d s; %.1f comments/s and %.1f reads/s (document, negotiation) alongside", n,
                o.registerSeconds(), n, o.voteSeconds(), o.commentRate(), o.readRate()));
        List<ScheduledFuture<?>> running = new ArrayList<>();
        running.add(every(o.commentRate(), () -> postComment(phase)));
        AtomicInteger reads = new AtomicInteger();
        running.add(every(o.readRate(), () -> read(phase, reads.getAndIncrement())));
        String chair = room.chair().token();

        chairSays(phase, "voting opened", "PUT phases/voting", "PUT", room.path("/phases/voting"), "{\"open\":true}",
                "phase:voting:true");
        RoomFrames.Request called = shared.request("vote called");
        called.sentNanos = System.nanoTime();
        RoomHttp.Answer answer = http.post(room.path("/votes"), chair, "{\"subject\":\"document\",\"question\":"
                + "\"Shall the draft be adopted as it stands?\",\"ballot\":\"roll-call\"}");
        phase.rest("POST votes", answer);
        String vote = answer.expect("calling the vote").json().get("id").asText();
        shared.alias(called, "vote-called:" + vote);

        List<RoomSetup.Person> order = new ArrayList<>(room.delegates());
        Collections.shuffle(order, new Random(seed()));
        spread(phase, order, o.registerSeconds(), "presence registered", d -> "present:" + vote + ":" + d.delegation(),
                d -> new String[]{"POST votes/presence", room.path("/votes/" + vote + "/presence"), null});
        chairSays(phase, "vote opened", "POST votes/open", "POST", room.path("/votes/" + vote + "/open"), null,
                "vote-opened:" + vote);
        String[] choices = {"yes", "yes", "yes", "no", "abstain"};
        Collections.shuffle(order, new Random(seed()));
        spread(phase, order, o.voteSeconds(), "ballot cast", d -> "ballot:" + vote + ":" + d.delegation(),
                d -> new String[]{"POST votes/ballots", room.path("/votes/" + vote + "/ballots"),
                        "{\"choice\":\"" + choices[pick(choices.length)] + "\"}"});
        chairSays(phase, "vote closed", "POST votes/close", "POST", room.path("/votes/" + vote + "/close"), null,
                "vote-closed:" + vote);
        running.forEach(f -> f.cancel(false));
        return finish(phase);
    }

    /** Phase 3: silence on every paragraph until a deadline, broken by --silence-breaks delegations. */
    RoomPhase silence(int index) throws InterruptedException {
        RoomPhase phase = start(index, String.format(Locale.ROOT, "silence procedure of %d s on every paragraph, "
                + "broken by %d delegation(s), concluded by the server", o.silenceSeconds(), o.silenceBreaks()));
        Instant deadline = Instant.now().plusSeconds(o.silenceSeconds()).truncatedTo(ChronoUnit.MILLIS);
        RoomFrames.Request started = shared.request("silence started");
        started.sentNanos = System.nanoTime();
        RoomHttp.Answer answer = http.post(room.path("/silence"), room.chair().token(),
                "{\"deadline\":\"" + deadline + "\"}");
        phase.rest("POST silence", answer);
        JsonNode silence = answer.expect("starting silence").json();
        String id = silence.get("id").asText();
        shared.alias(started, "silence-started:" + id);
        List<String> clauseIds = new ArrayList<>();
        silence.get("clauseIds").forEach(c -> clauseIds.add(c.asText()));
        // Concluded by the server itself: its latency runs from the deadline.
        List<String> keys = new ArrayList<>(List.of("silence-concluded:" + id));
        clauseIds.forEach(c -> keys.add("status:" + c));
        RoomFrames.Request concluded = shared.request("silence concluded", keys.toArray(String[]::new));
        concluded.sentNanos = deadline.getEpochSecond() * 1_000_000_000L + deadline.getNano() - shared.wallOffsetNanos;

        Thread.sleep(TimeUnit.SECONDS.toMillis(o.silenceSeconds()) / 3);
        for (int k = 0; k < o.silenceBreaks(); k++) {
            RoomSetup.Person d = room.delegates().get(k % room.delegates().size());
            String clauseId = clauseIds.get(pick(clauseIds.size()));
            RoomFrames.Request r = shared.request("silence broken", "silence-broken:" + d.delegation() + ":" + clauseId);
            r.sentNanos = System.nanoTime();
            phase.rest("POST silence/breaks", http.post(room.path("/silence/breaks"), d.token(),
                    "{\"clauseId\":\"" + clauseId + "\",\"reason\":\"Our capital has not cleared this text.\"}"));
        }
        long untilDeadline = Instant.now().until(deadline, ChronoUnit.MILLIS);
        Thread.sleep(Math.max(0, untilDeadline) + 500); // the conclusion's frames come in the settling time
        return finish(phase);
    }

    // ---- the actions ---------------------------------------------------------------------------

    private void tableAmendment(RoomPhase phase) {
        RoomSetup.Person d = room.delegates().get(pick(room.delegates().size()));
        RoomSetup.Paragraph p;
        do {
            p = room.paragraphs().get(pick(room.paragraphs().size()));
        } while (typed.contains(p.id()) && typed.size() < room.paragraphs().size());
        String body = RoomSetup.amendment(p, split());
        RoomFrames.Request r = shared.request("amendment tabled");
        r.sentNanos = System.nanoTime();
        RoomHttp.Answer a = http.post(room.path("/amendments"), d.token(), body);
        phase.rest("POST amendments", a);
        if (a.ok()) {
            String id = a.json().get("id").asText();
            shared.alias(r, "amendment:" + id);
            room.amendments().add(id);
        }
    }

    private static final String[] WORDS = ("we support this text but ask for a clearer reference to local budgets "
            + "and to the role of residents in monitoring").split(" ");
    private static final String[] STANCES = {"support", "oppose", "neutral"};

    private void postComment(RoomPhase phase) {
        RoomSetup.Person d = room.delegates().get(pick(room.delegates().size()));
        boolean onAmendment = pick(2) == 0 && !room.amendments().isEmpty();
        String target = onAmendment ? room.amendments().get(pick(room.amendments().size()))
                : room.paragraphs().get(pick(room.paragraphs().size())).id();
        StringBuilder body = new StringBuilder();
        for (int i = 0, n = pick(8, 30); i < n; i++) {
            body.append(i == 0 ? "" : " ").append(WORDS[pick(WORDS.length)]);
        }
        RoomFrames.Request r = shared.request("comment posted");
        r.sentNanos = System.nanoTime();
        RoomHttp.Answer a = http.post(room.path("/comments"), d.token(), "{\"target\":\""
                + (onAmendment ? "amendment" : "clause") + "\",\"targetId\":\"" + target + "\",\"stance\":\""
                + STANCES[pick(STANCES.length)] + "\",\"body\":" + RoomHttp.quote(body.toString()) + "}");
        phase.rest("POST comments", a);
        if (a.ok()) {
            shared.alias(r, "comment:" + a.json().get("id").asText());
        }
    }

    /** A reader, as a page opened or reloaded: the document and the negotiation, in turn. */
    private void read(RoomPhase phase, int n) {
        List<RoomSetup.Person> readers = n % 4 < 2 && !room.observers().isEmpty() ? room.observers() : room.delegates();
        String token = readers.get(pick(readers.size())).token();
        if (n % 2 == 0) {
            phase.rest("GET document", http.get(room.path(""), token));
        } else {
            phase.rest("GET negotiation", http.get(room.path("/negotiation"), token));
        }
    }

    /** A chair's step, waited for: the next one depends on it. */
    private void chairSays(RoomPhase phase, String type, String label, String method, String path, String body,
                           String key) {
        RoomFrames.Request r = shared.request(type, key);
        r.sentNanos = System.nanoTime();
        RoomHttp.Answer a = http.send(method, path, room.chair().token(), body);
        phase.rest(label, a);
        a.expect(label);
    }

    /**
     * One request per delegate, spread evenly over {@code seconds}, each sent at its time; returns
     * once all have been answered. {@code call} gives the REST label, path and body.
     */
    private void spread(RoomPhase phase, List<RoomSetup.Person> delegates, int seconds, String type,
                        Function<RoomSetup.Person, String> key,
                        Function<RoomSetup.Person, String[]> call) throws InterruptedException {
        long step = TimeUnit.SECONDS.toMicros(seconds) / Math.max(1, delegates.size());
        CountDownLatch done = new CountDownLatch(delegates.size());
        for (int i = 0; i < delegates.size(); i++) {
            RoomSetup.Person d = delegates.get(i);
            String[] c = call.apply(d);
            timer.schedule(() -> submit(() -> {
                try {
                    RoomFrames.Request r = shared.request(type, key.apply(d));
                    r.sentNanos = System.nanoTime();
                    phase.rest(c[0], http.post(c[1], d.token(), c[2]));
                } finally {
                    done.countDown();
                }
            }), i * step, TimeUnit.MICROSECONDS);
        }
        if (!done.await(seconds + 120L, TimeUnit.SECONDS)) {
            System.out.println("  (" + done.getCount() + " " + type + " requests still unanswered after " + (seconds + 120)
                    + " s)");
        }
    }

    // ---- phases ---------------------------------------------------------------------------------

    private RoomPhase start(int index, String name) {
        RoomPhase phase = new RoomPhase(index, name);
        System.out.printf(Locale.ROOT, "phase %d: %s…%n", index, name);
        shared.phase = index;
        phase.begin(pid, clients);
        shared.recording = true;
        return phase;
    }

    /** Waits for the REST calls still out, lets the last frames arrive, and resolves the phase. */
    private RoomPhase finish(RoomPhase phase) throws InterruptedException {
        awaitAnswers();
        Thread.sleep(TimeUnit.SECONDS.toMillis(o.settleSeconds()));
        shared.recording = false;
        phase.end(pid, clients);
        Thread.sleep(200); // receipts being added as recording stopped
        phase.resolve(clients, shared);
        shared.clearFrames();
        return phase;
    }

    private void awaitAnswers() throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (inFlight.get() > 0 && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
    }

    /** Runs {@code action} on the REST pool {@code rate} times a second, from now until cancelled. */
    private ScheduledFuture<?> every(double rate, Runnable action) {
        long period = Math.round(1e6 / rate);
        return timer.scheduleAtFixedRate(() -> submit(action), pickLong(period), period, TimeUnit.MICROSECONDS);
    }

    // The actions run on several threads; the seeded generator is shared, so it is reached under a lock.
    private int pick(int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    private int pick(int from, int to) {
        synchronized (random) {
            return random.nextInt(from, to);
        }
    }

    private long pickLong(long bound) {
        synchronized (random) {
            return random.nextLong(bound);
        }
    }

    private long seed() {
        synchronized (random) {
            return random.nextLong();
        }
    }

    private SplittableRandom split() {
        synchronized (random) {
            return random.split();
        }
    }

    private void submit(Runnable action) {
        inFlight.incrementAndGet();
        rest.execute(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                RoomClient.count("script action failed: " + e.getMessage());
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }
}
