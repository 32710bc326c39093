package plenary.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import plenary.document.Document;
import plenary.editing.ChangeJson;
import plenary.editing.Submission;
import plenary.negotiation.Actor;
import plenary.negotiation.Command;
import plenary.negotiation.Event;
import plenary.negotiation.EventJson;
import plenary.negotiation.Negotiation;
import plenary.people.Role;
import plenary.search.SearchSource;
import plenary.store.SnapshotCodec;
import plenary.view.NegotiationSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of what may cross between the nodes of a cluster to and from a document's
 * sequencer: each {@link SequencerRequest}, and the {@link NegotiationSnapshot} a view is built from
 * and the {@link SearchSource} search entries are built from (each the document as stored, and the
 * negotiation as the events it folds). In one process nothing is encoded ({@link WireCodec}).
 */
public final class SequencerWire {
    /** Commands and events in the API's spelling of enums. */
    private static final ObjectMapper JSON = EventJson.mapper();

    private SequencerWire() {
    }

    /** Lets this Vert.x instance pass every request and snapshot, in one process or between nodes. */
    static void registerCodecs(Vertx vertx) {
        for (Class<?> type : SequencerRequest.class.getPermittedSubclasses()) {
            register(vertx, type);
        }
        WireCodec.register(vertx, NegotiationSnapshot.class, SequencerWire::snapshot, SequencerWire::snapshot);
        WireCodec.register(vertx, SearchSource.class, SequencerWire::searchSource, SequencerWire::searchSource);
    }

    private static <T> void register(Vertx vertx, Class<T> type) {
        WireCodec.register(vertx, type, value -> request((SequencerRequest) value),
                text -> type.cast(request(text)));
    }

    /** A request as JSON: its kind and its fields. */
    public static String request(SequencerRequest request) {
        ObjectNode out = JSON.createObjectNode().put("kind", request.getClass().getSimpleName());
        switch (request) {
            case SequencerRequest.Submit s -> {
                Submission sub = s.submission();
                out.put("clientId", sub.clientId()).put("seq", sub.seq()).put("author", sub.author())
                        .put("authorId", sub.authorId()).put("span", sub.span());
                out.set("change", ChangeJson.encode(sub.change()));
            }
            case SequencerRequest.Negotiate n -> {
                out.set("command", JSON.valueToTree(n.command()));
                Actor a = n.actor();
                out.putObject("actor").put("userId", a.userId()).put("name", a.name())
                        .put("role", a.role() == null ? null : a.role().wireName()).put("delegation", a.delegation());
            }
            default -> out.setAll((ObjectNode) JSON.valueToTree(request));
        }
        return out.toString();
    }

    public static SequencerRequest request(String text) {
        JsonNode in = read(text);
        return switch (in.path("kind").asText()) {
            case "Submit" -> new SequencerRequest.Submit(new Submission(textOrNull(in, "clientId"),
                    in.path("seq").asLong(), textOrNull(in, "author"), textOrNull(in, "authorId"),
                    ChangeJson.decode(in.path("change")), in.path("span").asLong()));
            case "Negotiate" -> {
                JsonNode a = in.path("actor");
                Role role = textOrNull(a, "role") == null ? null : Role.fromWireName(a.path("role").asText())
                        .orElseThrow(() -> new IllegalArgumentException("unknown role " + a.path("role")));
                yield new SequencerRequest.Negotiate(convert(in.path("command"), Command.class),
                        new Actor(textOrNull(a, "userId"), textOrNull(a, "name"), role, textOrNull(a, "delegation")));
            }
            case "View" -> new SequencerRequest.View();
            case "SearchEntries" -> new SequencerRequest.SearchEntries();
            case "Join" -> convert(in, SequencerRequest.Join.class);
            case "Presence" -> convert(in, SequencerRequest.Presence.class);
            case "Leave" -> convert(in, SequencerRequest.Leave.class);
            default -> throw new IllegalArgumentException("not a sequencer request: " + in.path("kind"));
        };
    }

    public static String snapshot(NegotiationSnapshot snapshot) {
        return state(snapshot.document(), snapshot.negotiation())
                .put("frame", snapshot.frame()).put("at", snapshot.at().toString()).toString();
    }

    public static NegotiationSnapshot snapshot(String text) {
        JsonNode in = read(text);
        return new NegotiationSnapshot(SnapshotCodec.decode(in.path("document").asText()), negotiation(in),
                in.path("frame").asLong(), Instant.parse(in.path("at").asText()));
    }

    /** What the search feed builds a document's entries from, the same way as a snapshot. */
    public static String searchSource(SearchSource source) {
        return state(source.document(), source.negotiation())
                .put("revision", source.revision()).put("seq", source.seq()).toString();
    }

    public static SearchSource searchSource(String text) {
        JsonNode in = read(text);
        return new SearchSource(SnapshotCodec.decode(in.path("document").asText()), negotiation(in),
                in.path("revision").asLong(), in.path("seq").asLong());
    }

    /** The document as stored, and the negotiation as the events it folds. */
    private static ObjectNode state(Document document, Negotiation negotiation) {
        ObjectNode out = JSON.createObjectNode();
        out.put("document", SnapshotCodec.encode(document));
        out.put("editWindowMillis", negotiation.editWindow().toMillis());
        var events = out.putArray("events");
        negotiation.events().forEach(e -> events.add(EventJson.encode(e)));
        return out;
    }

    private static Negotiation negotiation(JsonNode in) {
        List<Event> events = new ArrayList<>();
        in.path("events").forEach(e -> events.add(convert(e, Event.class)));
        return Negotiation.replay(Duration.ofMillis(in.path("editWindowMillis").asLong()), events);
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
