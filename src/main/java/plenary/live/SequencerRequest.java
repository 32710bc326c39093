package plenary.live;

import io.vertx.core.Vertx;
import plenary.editing.Submission;
import plenary.negotiation.Actor;
import plenary.negotiation.Command;

/**
 * What a document's sequencer is asked, as objects passed over this process's event bus as they
 * are ({@link WireCodec}): the sender has already decoded and checked what came off the wire, so the
 * writer's event loop neither parses nor encodes a request. Only between the nodes of a cluster are
 * they written as JSON ({@link SequencerWire}).
 */
public sealed interface SequencerRequest {

    /** A typed change from a live socket, decoded by the socket's own event loop. */
    record Submit(Submission submission) implements SequencerRequest {
    }

    /** A negotiation command, decided against the state now and written before the answer. */
    record Negotiate(Command command, Actor actor) implements SequencerRequest {
    }

    /**
     * An immutable snapshot of the text and the negotiation ({@code plenary.view.NegotiationSnapshot}),
     * from which readers build their views and editions on their own threads.
     */
    record View() implements SequencerRequest {
    }

    /** The durable text and negotiation, for the search feed to build its entries from. */
    record SearchEntries() implements SequencerRequest {
    }

    /**
     * A (re)joining live client.
     *
     * @param since the last revision it saw, -1 for none
     * @param hash  that commit's hash, or null
     */
    record Join(long since, String hash, String userId, String clientId) implements SequencerRequest {
    }

    /** Where a reader is: a clause (or none) and a caret offset (or none). */
    record Presence(String connectionId, String name, String userId, String role, String clauseId, Integer caret)
            implements SequencerRequest {
    }

    /** A reader's socket closed. */
    record Leave(String connectionId) implements SequencerRequest {
    }

    /**
     * Lets this Vert.x instance pass every request, as it is in one process and as JSON between the
     * nodes of a cluster ({@link SequencerWire}); safe to call more than once.
     */
    static void registerCodecs(Vertx vertx) {
        SequencerWire.registerCodecs(vertx);
    }
}
