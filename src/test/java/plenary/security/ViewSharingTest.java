package plenary.security;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import plenary.people.SocketProbe;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17: the negotiation's views are built once per state and class of readers
 * ({@code plenary.http.ViewCache}) and shared, never across classes: everyone who sees no
 * delegation's own business shares one view, a delegation with a draft gets its own, and the next
 * event makes all of them new. {@code plenary_views_total} counts views built and shared.
 */
@Tag("integration")
class ViewSharingTest {
    private static final String TOKEN = "scrape-token-for-the-views";
    /** A word only Graz's draft holds. */
    private static final String SECRET = "wombatwording";
    private static final List<String> ROOM = List.of("chair", "rapporteur", "observer", "gwangju");
    private static final List<String> GRAZ = List.of("graz", "graz2");

    @TempDir
    Path dir;

    @Test
    void readersWhoSeeTheSameShareOneViewAndNoDraftCrossesClasses() throws Exception {
        try (DraftRoom room = DraftRoom.open(dir, Map.of("PLENARY_METRICS_TOKEN", TOKEN));
             SocketProbe graz = room.socket("graz")) {
            // Each read below waits for the step's live frame: a frame published between two reads
            // is a new state (the views say which frame they include), and would be built anew.
            int mark = graz.mark();
            String draft = room.draft("graz", room.clause, SECRET, "a reason");
            awaitFrameOf(graz, mark, 1); // the document's first event
            double built = views(room, "built");
            double shared = views(room, "shared");

            JsonNode chairState = room.state("chair");
            assertEquals(1, chairState.path("seq").asLong(), "one event so far: the draft");
            String roomView = chairState.toString();
            assertFalse(roomView.contains(SECRET), roomView);
            for (String reader : ROOM) {
                assertEquals(roomView, room.state(reader).toString(), reader + " reads the room's view");
            }
            String grazView = room.state("graz").toString();
            assertTrue(grazView.contains(SECRET), grazView);
            assertEquals(grazView, room.state("graz2").toString(), "both of Graz's delegates read one view");
            // The chair twice, three other readers of the room, two of Graz: two builds, five shared.
            assertEquals(built + 2, views(room, "built"));
            assertEquals(shared + 5, views(room, "shared"));

            // Tabled, the draft is public: the next event drops every view, and each class gets a new one.
            HttpResponse<String> opened = room.as("chair").putJson(room.doc + "/phases/tabling", "{\"open\":true}");
            assertEquals(200, opened.statusCode(), opened.body());
            mark = graz.mark();
            HttpResponse<String> tabled = room.as("graz").postJson(room.doc + "/amendments/" + draft + "/table", "{}");
            assertEquals(200, tabled.statusCode(), tabled.body());
            awaitFrameOf(graz, mark, 3); // after the phase (2)
            for (String reader : ROOM) {
                String view = room.state(reader).toString();
                assertTrue(view.contains(SECRET), reader + " reads the tabled amendment: " + view);
            }
            assertEquals(room.state("observer").toString(), room.state("graz").toString(),
                    "with no draft left, Graz reads what the room reads");
        }
    }

    /** Waits for the live frame that carries event {@code seq} (hidden or not: any frame of it counts). */
    private static void awaitFrameOf(SocketProbe socket, int from, long seq) throws InterruptedException {
        socket.await(from, m -> SocketProbe.type(m, "negotiation")
                && StreamSupport.stream(m.path("events").spliterator(), false).anyMatch(e -> e.path("seq").asLong() == seq));
    }

    private static double views(DraftRoom room, String source) throws Exception {
        HttpResponse<String> scraped = room.server.scrapeMetrics("Bearer " + TOKEN);
        assertEquals(200, scraped.statusCode());
        Matcher m = Pattern.compile("^plenary_views_total\\{source=\"" + source + "\"} (\\S+)$", Pattern.MULTILINE)
                .matcher(scraped.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
