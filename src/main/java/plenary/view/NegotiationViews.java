package plenary.view;

import com.fasterxml.jackson.databind.JsonNode;
import plenary.document.Document;
import plenary.negotiation.Actor;
import plenary.negotiation.Negotiation;

/** The views of a negotiation one reader may ask for, built from a snapshot for that reader. */
public final class NegotiationViews {
    private NegotiationViews() {
    }

    /**
     * {@code what}: "state" (the whole state), "conflicts", or one "amendment", "comment", "vote" or
     * "silence" by {@code id}. Null when there is no such view for this reader (unknown, or hidden).
     */
    public static JsonNode of(NegotiationSnapshot snapshot, String what, String id, Actor viewer) {
        return of(snapshot, what, id, viewer, ViewParts.NONE);
    }

    /** As above, with the costly parts of the document's views taken from (and kept in) {@code parts}. */
    public static JsonNode of(NegotiationSnapshot snapshot, String what, String id, Actor viewer, ViewParts parts) {
        Negotiation n = snapshot.negotiation();
        Document document = snapshot.document();
        return switch (what == null ? "" : what) {
            case "state" -> NegotiationJson.state(n, document, viewer, snapshot.at(), parts)
                    .put("frame", snapshot.frame());
            case "conflicts" -> NegotiationJson.conflicts(n, document, parts);
            case "amendment" -> n.amendment(id).filter(a -> NegotiationJson.visible(a, viewer))
                    .map(a -> NegotiationJson.amendment(a, n, document,
                            NegotiationJson.groupOf(n, document, parts).get(id), parts))
                    .orElse(null);
            case "comment" -> n.comment(id).filter(c -> NegotiationJson.commentVisible(c, n, viewer))
                    .map(NegotiationJson::comment).orElse(null);
            case "vote" -> n.vote(id).map(NegotiationJson::vote).orElse(null);
            case "silence" -> n.silences().stream().filter(x -> x.id().equals(id)).findFirst()
                    .map(NegotiationJson::silence).orElse(null);
            default -> null;
        };
    }
}
