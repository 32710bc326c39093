package plenary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import plenary.http.TestPeople;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The room before the script starts, made through the public API as people would: the admin
 * creates a meeting and invites everyone (a chair, rapporteurs, one delegate per delegation,
 * observers), who accept and sign in; the chair imports the draft and opens tabling; delegations
 * table the amendments. Each acceptance and each sign-in costs an Argon2 hash (about 50 ms of CPU),
 * so these run on a few threads. Then every socket joins as a browser does. None of it is measured
 * beyond its duration.
 */
final class RoomSetup {
    static final String PASSWORD = "room-bench-Kx7-passphrase";

    record Person(String username, String token, String delegation) {
    }

    record Paragraph(String id, String kind, String text) {
    }

    /** Everything the script needs; {@code amendments} grows as it tables more (synchronized list). */
    record Room(String meetingId, String documentId, Person chair, List<Person> editors, List<Person> delegates,
                List<Person> observers, List<Paragraph> paragraphs, List<String> amendments, int clauses) {
        String path(String rest) {
            return "/api/documents/" + documentId + rest;
        }
    }

    private RoomSetup() {
    }

    static Room prepare(RoomHttp http, PlenaryRoom.Options o, ExecutorService pool, SplittableRandom random)
            throws Exception {
        long t0 = System.nanoTime();
        String admin = http.post("/api/session", null, "{\"username\":\"admin\",\"password\":\""
                + TestPeople.ADMIN_PASSWORD + "\"}").expect("admin sign-in").json().get("token").asText();
        String meetingId = http.post("/api/meetings", admin, "{\"name\":\"Plenary room benchmark\"}")
                .expect("creating the meeting").json().get("id").asText();

        Future<Person> chair = pool.submit(() -> person(http, admin, meetingId, "chair", null, "chair", "Chair"));
        List<Future<Person>> editors = new ArrayList<>();
        for (int i = 1; i <= o.editors(); i++) {
            String name = String.format(Locale.ROOT, "r%02d", i);
            editors.add(pool.submit(() -> person(http, admin, meetingId, "rapporteur", null, name, "Rapporteur " + name)));
        }
        List<Future<Person>> delegates = new ArrayList<>();
        for (int i = 1; i <= o.delegations(); i++) {
            String delegation = String.format(Locale.ROOT, "D%03d", i);
            delegates.add(pool.submit(() -> person(http, admin, meetingId, "delegate", delegation,
                    delegation.toLowerCase(Locale.ROOT), "Delegate of " + delegation)));
        }
        List<Future<Person>> observers = new ArrayList<>();
        for (int i = 1; i <= o.observers(); i++) {
            String name = String.format(Locale.ROOT, "o%03d", i);
            observers.add(pool.submit(() -> person(http, admin, meetingId, "observer", null, name, "Observer " + name)));
        }
        Person theChair = chair.get();
        List<Person> theEditors = all(editors);
        List<Person> theDelegates = all(delegates);
        List<Person> theObservers = all(observers);
        System.out.printf(Locale.ROOT, "set-up: %d accounts invited, accepted and signed in in %.1f s%n",
                1 + theEditors.size() + theDelegates.size() + theObservers.size(), (System.nanoTime() - t0) / 1e9);

        long t1 = System.nanoTime();
        String markdown = PdfRendering.draft(o.paragraphs(), random);
        JsonNode document = http.send("POST", "/api/documents?meeting=" + meetingId, theChair.token(),
                "text/markdown; charset=utf-8", markdown).expect("importing the draft").json();
        List<Paragraph> paragraphs = new ArrayList<>();
        for (JsonNode c : document.get("clauses")) {
            String kind = c.get("kind").asText();
            if (kind.equals("preambular") || kind.equals("operative") || kind.equals("sub-paragraph")) {
                paragraphs.add(new Paragraph(c.get("id").asText(), kind, c.get("text").asText()));
            }
        }
        String documentId = document.get("id").asText();
        Room room = new Room(meetingId, documentId, theChair, theEditors, theDelegates, theObservers,
                List.copyOf(paragraphs), Collections.synchronizedList(new ArrayList<>()), document.get("clauses").size());
        http.put(room.path("/phases/tabling"), theChair.token(), "{\"open\":true}").expect("opening tabling");

        List<Future<String>> tabled = new ArrayList<>();
        for (int i = 0; i < o.amendments(); i++) {
            Person delegate = theDelegates.get(i % theDelegates.size());
            Paragraph p = paragraphs.get(random.nextInt(paragraphs.size()));
            String body = amendment(p, random.split());
            tabled.add(pool.submit(() -> http.post(room.path("/amendments"), delegate.token(), body)
                    .expect("tabling an amendment").json().get("id").asText()));
        }
        room.amendments().addAll(all(tabled));
        System.out.printf(Locale.ROOT, "set-up: a draft of %d clauses (%d paragraphs, %,d characters of Markdown) "
                        + "imported, tabling opened and %d amendments tabled in %.1f s%n", room.clauses(),
                paragraphs.size(), markdown.length(), room.amendments().size(), (System.nanoTime() - t1) / 1e9);
        return room;
    }

    /** An invitation from the admin, accepted by a new account, which then signs in. */
    private static Person person(RoomHttp http, String admin, String meetingId, String role, String delegation,
                                 String username, String displayName) {
        String token = http.post("/api/meetings/" + meetingId + "/invitations", admin, "{\"role\":\"" + role + "\""
                + (delegation == null ? "" : ",\"delegation\":\"" + delegation + "\"") + "}")
                .expect("inviting " + username).json().get("token").asText();
        http.post("/api/invitations/" + token + "/accept", null, "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"displayName\":\"" + displayName + "\"}").expect("accepting for " + username);
        String session = http.post("/api/session", null, "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\"}").expect("signing in " + username).json().get("token").asText();
        return new Person(username, session, delegation);
    }

    private static <T> List<T> all(List<Future<T>> futures) throws Exception {
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get(10, TimeUnit.MINUTES));
        }
        return out;
    }

    private static final String[] PHRASES = {"and regional", "in cooperation with civil society", "by 2030",
            "where appropriate", "with the participation of residents", "including persons with disabilities",
            "effectively", "in all their diversity"};

    /**
     * The body of a tabled modification of {@code p}: a phrase inserted after a word, a word
     * replaced, or a word struck out, as delegations propose them.
     */
    static String amendment(Paragraph p, SplittableRandom random) {
        String[] words = p.text().split(" ");
        int at = random.nextInt(1, Math.max(2, words.length - 1));
        StringBuilder text = new StringBuilder();
        int choice = random.nextInt(3);
        for (int i = 0; i < words.length; i++) {
            if (choice == 2 && i == at && words.length > 6) {
                continue; // struck out
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(choice == 1 && i == at ? PHRASES[random.nextInt(PHRASES.length)] : words[i]);
            if (choice == 0 && i == at) {
                text.append(' ').append(PHRASES[random.nextInt(PHRASES.length)]);
            }
        }
        if (text.toString().equals(p.text())) {
            text.append(" (amended)");
        }
        return "{\"clauseId\":\"" + p.id() + "\",\"text\":" + RoomHttp.quote(text.toString())
                + ",\"rationale\":\"A clearer commitment.\",\"table\":true}";
    }

    private static final Pattern FRAME = Pattern.compile("(?<!\\\\)\"frame\":(\\d+)");

    /** The state's frame number, without reading the whole state (hundreds of KB) into a tree. */
    static long frameOf(String state) {
        Matcher m = FRAME.matcher(state);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * Joins every client as the page does: reads the document, opens the socket and joins (since
     * -1: the reply carries the whole document), then reads the negotiation's state, whose frame
     * number it follows from then on. {@code joins} REST calls are timed into {@code phase}.
     * Returns how many joined.
     */
    static int join(List<RoomClient> clients, Room room, RoomHttp http, RawWebSockets raw, URI live,
                    ExecutorService pool, int concurrency, RoomPhase phase) throws InterruptedException {
        AtomicInteger joined = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < clients.size(); ) {
                    RoomClient c = clients.get(i);
                    try {
                        phase.rest("GET document", http.get(room.path(""), c.token).expect("reading the document"));
                        raw.open(live, c).get(60, TimeUnit.SECONDS);
                        c.joined.get(60, TimeUnit.SECONDS);
                        RoomHttp.Answer state = http.get(room.path("/negotiation"), c.token).expect("reading the state");
                        phase.rest("GET negotiation", state);
                        c.stateRead(frameOf(state.body()));
                        c.reload = () -> CompletableFuture.supplyAsync(() -> frameOf(http.get(room.path("/negotiation"),
                                c.token).body()), pool);
                        joined.incrementAndGet();
                    } catch (Exception e) {
                        RoomClient.count("join failed: " + e.getClass().getSimpleName());
                        if (joined.get() == 0) {
                            System.out.println("join failed: " + e);
                        }
                    }
                }
            }));
        }
        for (Future<?> w : workers) {
            try {
                w.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return joined.get();
    }
}
