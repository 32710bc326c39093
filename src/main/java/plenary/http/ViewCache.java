package plenary.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import plenary.document.Document;
import plenary.metrics.Meters;
import plenary.negotiation.Actor;
import plenary.negotiation.Negotiation;
import plenary.negotiation.Visibility;
import plenary.view.NegotiationJson;
import plenary.view.NegotiationSnapshot;
import plenary.view.ViewParts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The views of the negotiation, built once per state and class of readers and then served to each
 * reader of that class: after one event fifty browsers reload the state, and with 300 amendments
 * one build is about 346 KB and 29 ms of CPU. A document's views are valid for one snapshot (the
 * same text, the same copy of the negotiation, the same frame), so the next change of any of
 * them drops them all; the readers' class ({@link Visibility#readers}) and which phases are open
 * at the moment asked are part of each view's key, as both change what it shows. What the views of
 * one text have in common, each amendment's standing and diff and the conflict groups, is kept
 * apart ({@link ViewParts}) and outlives the states: a ballot makes every view new but none of that.
 */
final class ViewCache implements Shareable {
    /** Documents whose views are kept; the least recently asked is dropped first. */
    private static final int DOCUMENTS = 64;
    /** Views kept per document and state: every reader class, and single entities, of one moment. */
    private static final int VIEWS_PER_STATE = 256;

    /** One document's views of one snapshot. */
    private static final class State {
        final Document document;
        final Negotiation negotiation;
        final long frame;
        final Map<String, Future<String>> views = new LinkedHashMap<>();

        State(NegotiationSnapshot snapshot) {
            this.document = snapshot.document();
            this.negotiation = snapshot.negotiation();
            this.frame = snapshot.frame();
        }

        boolean of(NegotiationSnapshot snapshot) {
            return document == snapshot.document() && negotiation == snapshot.negotiation() && frame == snapshot.frame();
        }
    }

    private final Map<String, State> byDocument = lastAsked();
    /** Per document, the costly parts of its views, kept across states while its text is the same. */
    private final Map<String, ViewParts> parts = lastAsked();
    private final Counter built;
    private final Counter shared;

    private ViewCache(MeterRegistry registry) {
        built = Counter.builder("plenary.views").tag("source", "built")
                .description("negotiation views built for a reader class, and served from one built before")
                .register(registry);
        shared = Counter.builder("plenary.views").tag("source", "shared").register(registry);
    }

    /** By document, the {@link #DOCUMENTS} asked for last. */
    private static <V> Map<String, V> lastAsked() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > DOCUMENTS;
            }
        };
    }

    /** The cache of this Vert.x instance: the server runs one router per event loop, and they share it. */
    static ViewCache of(Vertx vertx) {
        return vertx.sharedData().<String, ViewCache>getLocalMap(ViewCache.class.getName())
                .computeIfAbsent("cache", k -> new ViewCache(Meters.of(vertx).registry()));
    }

    /**
     * The view {@code what}/{@code id} of {@code snapshot} as {@code viewer} reads it: one built for
     * a reader of the same class at the same moment, or {@code build} (which answers null for a
     * view this reader does not have) started now with the document's kept parts. Concurrent askers
     * share one build.
     */
    Future<String> view(String documentId, NegotiationSnapshot snapshot, String what, String id, Actor viewer,
                        Function<ViewParts, Future<String>> build) {
        String key = what + "|" + id + "|" + Visibility.readers(snapshot.negotiation(), viewer) + "|"
                + NegotiationJson.phases(snapshot.negotiation(), snapshot.at());
        Future<String> view;
        synchronized (this) {
            State state = byDocument.get(documentId);
            if (state == null || !state.of(snapshot)) {
                state = new State(snapshot);
                byDocument.put(documentId, state);
            }
            view = state.views.get(key);
            if (view == null) {
                if (state.views.size() >= VIEWS_PER_STATE) {
                    state.views.clear();
                }
                view = build.apply(parts.computeIfAbsent(documentId, d -> ViewParts.kept()));
                state.views.put(key, view);
                built.increment();
                // A failed build is not kept: the next reader tries again.
                State holder = state;
                Future<String> mine = view;
                view.onFailure(e -> {
                    synchronized (this) {
                        holder.views.remove(key, mine);
                    }
                });
                return view;
            }
        }
        shared.increment();
        return view;
    }
}
