package plenary.search;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plenary.http.HttpTestClient;
import plenary.http.RunningServer;
import plenary.server.Config;
import plenary.server.ImportCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static plenary.search.SearchTesting.awaitFound;
import static plenary.search.SearchTesting.created;
import static plenary.search.SearchTesting.keys;
import static plenary.search.SearchTesting.ok;
import static plenary.search.SearchTesting.search;
import static plenary.search.SearchTesting.total;

/**
 * The index is a copy of the database that can be lost: removed, corrupted, or behind what the
 * database saw while it was down. Each case starts a real server, stops it, does harm to
 * {@code <dataDir>/search}, and expects the same answers after the next start.
 */
@Tag("integration")
class SearchRebuildTest {
    /** Words of every script and kind: samples, a text, a tabled amendment, a comment, a draft. */
    private static final List<String> QUERIES = List.of("human rights", "Призывает", "地方政府", "niñas",
            "ptarmigan", "wombatish", "kerfuffle", "skedaddle");

    @TempDir
    Path dir;

    private String sampleMeeting;

    @Test
    void aDeletedIndexIsRebuiltFromTheDatabase() throws Exception {
        Map<String, List<String>> before = firstRun();
        deleteRecursively(dir.resolve("search"));
        assertEquals(before, answers());
        files(); // the index is back on disk
    }

    @Test
    void anIndexOfGarbageIsRebuilt() throws Exception {
        Map<String, List<String>> before = firstRun();
        SplittableRandom random = new SplittableRandom(42);
        for (Path file : files()) {
            byte[] garbage = new byte[(int) Math.max(16, Files.size(file))];
            random.nextBytes(garbage);
            Files.write(file, garbage);
        }
        assertEquals(before, answers());
    }

    @Test
    void aTruncatedSegmentsFileIsRebuilt() throws Exception {
        Map<String, List<String>> before = firstRun();
        Path segments = files().stream().filter(f -> f.getFileName().toString().startsWith("segments_"))
                .findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(segments);
        Files.write(segments, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(before, answers());
    }

    @Test
    void anIndexDamagedInsideItsSegmentsIsRebuilt() throws Exception {
        Map<String, List<String>> before = firstRun();
        List<Path> compound = files().stream().filter(f -> f.toString().endsWith(".cfs")).toList();
        assertTrue(!compound.isEmpty(), "small segments are compound files");
        for (Path file : compound) {
            byte[] bytes = Files.readAllBytes(file);
            // Headers and footers intact: only checksums can tell.
            for (int i = bytes.length / 2; i < bytes.length / 2 + 16; i++) {
                bytes[i] = (byte) ~bytes[i];
            }
            Files.write(file, bytes);
        }
        assertEquals(before, answers());
    }

    @Test
    void changesMadeWhileItWasDownOrJustBeforeAreFoundAfterARestart() throws Exception {
        Map<String, List<String>> before = firstRun();
        // A change, then a stop at once: the index may not have taken it in before the stop.
        try (RunningServer server = RunningServer.start(dir)) {
            HttpTestClient graz = grazOn(server);
            String doc = SearchTesting.documentId(graz, "Rebuild");
            String op1 = SearchTesting.clausesByNumber(graz, doc).get("1");
            created(graz.postJson("/api/documents/" + doc + "/comments", "{\"targetId\":\"" + op1
                    + "\",\"body\":\"Lollygagging is no policy.\"}"));
        }
        // A text imported with no server running.
        Path file = Files.writeString(dir.resolve("offline.md"), "# Offline\n\n1. *Notes* the brouhaha of cities;\n",
                StandardCharsets.UTF_8);
        assertEquals(0, ImportCommand.run(Config.from(List.of(file.toString(), "--meeting", sampleMeeting,
                "--data-dir", dir.toString()), Map.of())));

        try (RunningServer server = RunningServer.start(dir)) {
            HttpTestClient graz = grazOn(server);
            assertEquals(1, total(graz, "lollygagging", "kind=comment"));
            JsonNode offline = search(graz, "brouhaha").get("results");
            assertEquals(1, offline.size(), offline.toString());
            assertEquals("Offline", offline.get(0).get("documentTitle").asText());
            Map<String, List<String>> after = answers(server);
            assertEquals(before, after, "nothing else moved");
        }
    }

    /**
     * An index written under an older rule of who reads an entry (here: a delegation's note on its
     * draft made public once the draft was tabled) is refilled at start-up, though the document has
     * not moved since: the marker names the rule it was written under.
     */
    @Test
    void anIndexWrittenUnderAnOlderReadingRuleIsRefilled() throws Exception {
        String documentId;
        String noteId;
        String meetingId;
        try (RunningServer server = RunningServer.start(dir)) {
            String admin = SearchTesting.adminToken(server);
            meetingId = SearchTesting.sampleMeeting(server.http(), admin);
            HttpTestClient chair = SearchTesting.person(server, admin, meetingId, "chair", null, "chair-a");
            HttpTestClient graz = SearchTesting.person(server, admin, meetingId, "delegate", "City of Graz", "graz");
            JsonNode doc = created(chair.postMarkdown("# Rule\n\n1. *Calls upon* cities to act;\n"));
            documentId = doc.get("id").asText();
            String d = "/api/documents/" + documentId;
            String op1 = doc.get("clauses").get(0).get("id").asText();
            String amendment = created(graz.postJson(d + "/amendments", "{\"clauseId\":\"" + op1
                    + "\",\"text\":\"*Calls upon* cities to act on the gallimaufry;\"}")).get("id").asText();
            noteId = created(graz.postJson(d + "/comments", "{\"target\":\"amendment\",\"targetId\":\"" + amendment
                    + "\",\"body\":\"A hullabaloo, between us.\"}")).get("id").asText();
            ok(chair.putJson(d + "/phases/tabling", "{\"open\":true}"));
            ok(graz.postJson(d + "/amendments/" + amendment + "/table", "{}"));
            awaitFound(chair, "gallimaufry");
            assertEquals(1, total(graz, "hullabaloo"));
            assertEquals(0, total(chair, "hullabaloo"));
        }
        SearchIndex.Marker seen;
        try (SearchIndex index = SearchIndex.open(dir.resolve("search"))) {
            seen = index.markers().get(documentId);
        }
        // What the index held under the rule before: the note public, the marker naming no rule.
        try (var directory = org.apache.lucene.store.FSDirectory.open(dir.resolve("search"));
             var writer = new org.apache.lucene.index.IndexWriter(directory,
                     new org.apache.lucene.index.IndexWriterConfig(new SearchAnalyzer())
                             .setOpenMode(org.apache.lucene.index.IndexWriterConfig.OpenMode.APPEND))) {
            writer.updateDocument(new org.apache.lucene.index.Term(IndexFields.KEY, "comment:" + noteId),
                    IndexFields.toLucene(new Entry("comment:" + noteId, SearchKind.COMMENT, documentId, meetingId, "Rule",
                            null, "1", noteId, null, "A hullabaloo, between us.", java.util.Set.of(Entry.PUBLIC))));
            var marker = new org.apache.lucene.document.Document();
            marker.add(new org.apache.lucene.document.StringField(IndexFields.KEY, IndexFields.MARKER + ":" + documentId,
                    org.apache.lucene.document.Field.Store.YES));
            marker.add(new org.apache.lucene.document.StringField(IndexFields.KIND, IndexFields.MARKER,
                    org.apache.lucene.document.Field.Store.YES));
            marker.add(new org.apache.lucene.document.StringField(IndexFields.DOCUMENT, documentId,
                    org.apache.lucene.document.Field.Store.YES));
            marker.add(new org.apache.lucene.document.StoredField(IndexFields.REVISION, seen.revision()));
            marker.add(new org.apache.lucene.document.StoredField(IndexFields.SEQ, seen.seq()));
            marker.add(new org.apache.lucene.document.LongPoint(IndexFields.REVISION, seen.revision()));
            writer.updateDocument(new org.apache.lucene.index.Term(IndexFields.KEY, IndexFields.MARKER + ":" + documentId),
                    marker);
            writer.commit();
        }
        try (SearchIndex index = SearchIndex.open(dir.resolve("search"))) {
            assertEquals(SearchIndex.OUTDATED, index.markers().get(documentId), "an old rule is stale at any revision");
        }

        try (RunningServer server = RunningServer.start(dir)) {
            assertEquals(0, total(SearchTesting.signedIn(server, "chair-a", "password-of-chair-a"), "hullabaloo"),
                    "the note is the delegation's again");
            assertEquals(1, total(grazOn(server), "hullabaloo"));
            assertEquals(1, total(SearchTesting.signedIn(server, "chair-a", "password-of-chair-a"), "gallimaufry"),
                    "the rest of the document is back too");
        }
    }

    /** Starts on an empty data dir, makes one of everything, and returns what searches answer. */
    private Map<String, List<String>> firstRun() throws Exception {
        try (RunningServer server = RunningServer.start(dir)) {
            String admin = SearchTesting.adminToken(server);
            sampleMeeting = SearchTesting.sampleMeeting(server.http(), admin);
            HttpTestClient chair = SearchTesting.person(server, admin, sampleMeeting, "chair", null, "chair-a");
            HttpTestClient graz = SearchTesting.person(server, admin, sampleMeeting, "delegate", "City of Graz", "graz");
            JsonNode doc = created(chair.postMarkdown("# Rebuild\n\n1. *Calls upon* cities to count ptarmigan;\n"));
            String d = "/api/documents/" + doc.get("id").asText();
            String op1 = doc.get("clauses").get(0).get("id").asText();
            ok(chair.putJson(d + "/phases/tabling", "{\"open\":true}"));
            created(graz.postJson(d + "/amendments", "{\"clauseId\":\"" + op1
                    + "\",\"text\":\"*Calls upon* cities to count wombatish ptarmigan;\",\"table\":true}"));
            created(graz.postJson(d + "/amendments", "{\"clauseId\":\"" + op1
                    + "\",\"text\":\"*Calls upon* cities to skedaddle;\"}"));
            created(chair.postJson(d + "/comments", "{\"targetId\":\"" + op1 + "\",\"body\":\"A kerfuffle.\"}"));
            for (String word : List.of("wombatish", "skedaddle", "kerfuffle")) {
                awaitFound(graz, word);
            }
            Map<String, List<String>> answers = answers(server);
            assertEquals(List.of("1"), answers.get("graz|skedaddle").subList(0, 1), "graz finds its draft");
            assertEquals(List.of("0"), answers.get("chair-a|skedaddle"), "the chair does not");
            return answers;
        }
    }

    private Map<String, List<String>> answers() throws Exception {
        try (RunningServer server = RunningServer.start(dir)) {
            return answers(server);
        }
    }

    /** For graz and the chair and each query: the total, then the hits, sorted (scores may shift). */
    private static Map<String, List<String>> answers(RunningServer server) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String who : List.of("graz", "chair-a")) {
            HttpTestClient client = SearchTesting.signedIn(server, who, "password-of-" + who);
            for (String q : QUERIES) {
                JsonNode page = search(client, q, "size=50");
                List<String> answer = new ArrayList<>(keys(page));
                answer.sort(Comparator.naturalOrder());
                answer.addFirst(page.get("total").asText());
                out.put(who + "|" + q, answer);
            }
        }
        return out;
    }

    private static HttpTestClient grazOn(RunningServer server) {
        return SearchTesting.signedIn(server, "graz", "password-of-graz");
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("search"))) {
            List<Path> out = files.filter(Files::isRegularFile).toList();
            assertTrue(out.size() > 1, "an index was written: " + out);
            return out;
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
